package dev.uknative.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.uknative.project.Architecture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The arm64 machine beside the x86_64 one: QEMU binary, arguments, devices, how its end is read. */
class QemuSystemTest {

    private static final Path QEMU = Path.of("/usr/bin/qemu-system-aarch64");
    private static final Path KERNEL = Path.of("/app/.unikraft/build/hello_qemu-arm64");

    @TempDir
    Path scratch;

    @Test
    void eachArchitectureHasItsQemuAndDebianPackage() {
        assertThat(QemuSystem.of(Architecture.ARM64).binary()).isEqualTo("qemu-system-aarch64");
        assertThat(QemuSystem.of(Architecture.ARM64).debianPackage()).isEqualTo("qemu-system-arm");
        assertThat(QemuSystem.of(Architecture.X86_64).binary()).isEqualTo("qemu-system-x86_64");
        assertThat(QemuSystem.of(Architecture.X86_64).debianPackage()).isEqualTo("qemu-system-x86");
    }

    @Test
    void arm64BootsTheVirtMachineWithSemihostingForTheStatusAndNoDebugExitPort() {
        MachineSpec spec = MachineSpec.builder(KERNEL).architecture(Architecture.ARM64).statusOnQemuStderr().build();

        assertThat(spec.arguments(QEMU)).containsExactly(
                "/usr/bin/qemu-system-aarch64",
                "-m", "64M",
                "-smp", "1",
                "-nodefaults",
                "-display", "none",
                "-serial", "stdio",
                "-chardev", "file,id=ukstatus,path=/dev/stderr",
                "-semihosting-config", "enable=on,target=native,chardev=ukstatus",
                "-no-reboot",
                "-machine", "virt",
                "-accel", "tcg",
                "-cpu", "max",
                "-kernel", "/app/.unikraft/build/hello_qemu-arm64");
    }

    @Test
    void x86CpuFlagsAreNotAskedOfAnArmCpu() {
        MachineSpec spec = MachineSpec.builder(KERNEL).architecture(Architecture.ARM64).accelerator(Accelerator.TCG_RNG).build();

        assertThat(spec.arguments(QEMU)).containsSubsequence("-cpu", "max").doesNotContain("max,+rdrand,+rdseed");
    }

    @Test
    void arm64DevicesUseVirtioMmio() throws IOException {
        Path shared = Files.createDirectories(scratch.resolve("data"));
        MachineSpec spec = MachineSpec.builder(KERNEL).architecture(Architecture.ARM64)
                .ports(List.of(PortForward.parse("8080:80")))
                .volumes(List.of(Volume.parse(shared + ":/data", 0)))
                .build();

        List<String> args = spec.arguments(QEMU);
        assertThat(args).contains("virtio-net-device,netdev=net0", "virtio-9p-device,fsdev=fs0,mount_tag=fs0")
                .noneMatch(a -> a.contains("-pci"));
        assertThat(QemuInvocation.of(spec, QEMU).haltPowersOff()).isTrue();
        assertThat(QemuInvocation.of(MachineSpec.builder(KERNEL).build(), QEMU).haltPowersOff()).isFalse();
    }

    @Test
    void aKernelsArchitectureIsReadFromItsHeader() throws IOException {
        assertThat(QemuSystem.ofKernel(file("elf-x86", elf(62)))).contains(Architecture.X86_64);
        assertThat(QemuSystem.ofKernel(file("elf-i386", elf(3)))).contains(Architecture.X86_64);
        assertThat(QemuSystem.ofKernel(file("elf-aarch64", elf(183)))).contains(Architecture.ARM64);
        byte[] image = new byte[64];
        image[0x38] = 'A';
        image[0x39] = 'R';
        image[0x3a] = 'M';
        image[0x3b] = 0x64;
        assertThat(QemuSystem.ofKernel(file("Image", image))).contains(Architecture.ARM64);
        assertThat(QemuSystem.ofKernel(file("riscv", elf(243)))).isEmpty();
        assertThat(QemuSystem.ofKernel(file("text", "hello".getBytes()))).isEmpty();
        assertThat(QemuSystem.ofKernel(scratch.resolve("missing"))).isEmpty();
    }

    @Test
    void aPowerOffIsAHaltUnlessTheConsoleShowsACrash() {
        List<String> abort = List.of("about to abort", "[    0.101] CRIT: [libnolibc] <stdlib.c @  485> Abnormal termination!");

        RunOutcome halted = RunOutcome.classify(0, false, List.of(), List.of("Hello, World!"), "10s", OptionalInt.empty(),
                OptionalInt.empty(), true);
        RunOutcome exited = RunOutcome.classify(0, false, List.of(), List.of("Hello"), "10s", OptionalInt.of(3), OptionalInt.empty(), true);
        RunOutcome crashed = RunOutcome.classify(0, false, List.of(), abort, "10s", OptionalInt.empty(), OptionalInt.empty(), true);
        RunOutcome x86Reset = RunOutcome.classify(0, false, List.of(), List.of("Hello"), "10s", OptionalInt.empty(), OptionalInt.empty(),
                false);

        assertThat(halted.kind()).isEqualTo(RunOutcome.Kind.HALTED);
        assertThat(halted.exitStatus()).isZero();
        assertThat(exited.kind()).isEqualTo(RunOutcome.Kind.EXITED);
        assertThat(exited.exitStatus()).isEqualTo(3);
        assertThat(crashed.kind()).isEqualTo(RunOutcome.Kind.CRASHED);
        assertThat(crashed.exitStatus()).isEqualTo(134);
        assertThat(crashed.message()).get().asString().contains("Abnormal termination");
        assertThat(x86Reset.kind()).isEqualTo(RunOutcome.Kind.RESET);
    }

    @Test
    void aSignalQemuCaughtIsNotAPowerOff() {
        RunOutcome o = RunOutcome.classify(0, false, List.of("qemu-system-aarch64: terminating on signal 15 from pid 1"), List.of(), "10s",
                OptionalInt.empty(), OptionalInt.empty(), true);
        assertThat(o.kind()).isEqualTo(RunOutcome.Kind.QEMU_FAILED);
    }

    @Test
    void networkAndVolumesNeedVirtioMmioOnArm64() {
        assertThat(ImageCheck.virtioTransport(Optional.of(java.util.Map.of("CONFIG_ARCH_ARM_64", "y")))).isEqualTo("CONFIG_LIBVIRTIO_MMIO");
        assertThat(ImageCheck.virtioTransport(Optional.of(java.util.Map.of("CONFIG_ARCH_X86_64", "y")))).isEqualTo("CONFIG_LIBVIRTIO_PCI");
        assertThat(ImageCheck.virtioTransport(Optional.empty())).isEqualTo("CONFIG_LIBVIRTIO_PCI");
    }

    private static byte[] elf(int machine) {
        byte[] head = new byte[64];
        head[0] = 0x7f;
        head[1] = 'E';
        head[2] = 'L';
        head[3] = 'F';
        head[4] = 2;
        head[5] = 1;
        head[18] = (byte) (machine & 0xff);
        head[19] = (byte) (machine >> 8);
        return head;
    }

    private Path file(String name, byte[] content) throws IOException {
        return Files.write(scratch.resolve(name), content);
    }
}
