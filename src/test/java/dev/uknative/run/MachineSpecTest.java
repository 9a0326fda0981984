package dev.uknative.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.uknative.core.ExitCode;
import dev.uknative.core.UknativeException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MachineSpecTest {

    private static final Path QEMU = Path.of("/usr/bin/qemu-system-x86_64");
    private static final Path KERNEL = Path.of("/app/.unikraft/build/hello_qemu-x86_64");

    @Test
    void tcgArguments() {
        MachineSpec spec = MachineSpec.builder(KERNEL).build();

        assertThat(spec.arguments(QEMU)).containsExactly(
                "/usr/bin/qemu-system-x86_64",
                "-m", "64M",
                "-smp", "1",
                "-nodefaults",
                "-display", "none",
                "-serial", "stdio",
                "-no-reboot",
                "-device", "isa-debug-exit,iobase=0x501,iosize=2",
                "-accel", "tcg",
                "-cpu", "max",
                "-kernel", "/app/.unikraft/build/hello_qemu-x86_64");
    }

    @Test
    void kvmArgumentsWithACommandLine() {
        MachineSpec spec = MachineSpec.builder(KERNEL).memory("1g").accelerator(Accelerator.KVM)
                .commandLine("hello \"two words\"").timeout(Optional.of(Duration.ofSeconds(5))).build();

        assertThat(spec.arguments(QEMU)).containsExactly(
                "/usr/bin/qemu-system-x86_64",
                "-m", "1G",
                "-smp", "1",
                "-nodefaults",
                "-display", "none",
                "-serial", "stdio",
                "-no-reboot",
                "-device", "isa-debug-exit,iobase=0x501,iosize=2",
                "-accel", "kvm",
                "-cpu", "host",
                "-kernel", "/app/.unikraft/build/hello_qemu-x86_64",
                "-append", "hello \"two words\"");
    }

    @Test
    void everyDeviceInItsPlace() {
        MachineSpec spec = MachineSpec.builder(KERNEL)
                .cpus(2)
                .commandLine("vfs.fstab=[ \"fs0:/data:9pfs:::mkmp\" ] -- x")
                .initrd(Optional.of(Path.of("/img/initrd.cpio")))
                .volumes(List.of(new Volume(Path.of("/host/da,ta"), "/data", true, "fs0")))
                .ports(List.of(PortForward.parse("8080:80"), PortForward.parse("0.0.0.0:2222:22")))
                .statusFile(Optional.of(Path.of("/tmp/st")))
                .qmpSocket(Optional.of(Path.of("/run/m/qmp.sock")))
                .build();

        assertThat(spec.arguments(QEMU)).containsExactly(
                "/usr/bin/qemu-system-x86_64",
                "-m", "64M",
                "-smp", "2",
                "-nodefaults",
                "-display", "none",
                "-serial", "stdio",
                "-chardev", "file,id=ukstatus,path=/tmp/st",
                "-serial", "chardev:ukstatus",
                "-no-reboot",
                "-device", "isa-debug-exit,iobase=0x501,iosize=2",
                "-accel", "tcg",
                "-cpu", "max",
                "-qmp", "unix:/run/m/qmp.sock,server=on,wait=off",
                "-kernel", "/app/.unikraft/build/hello_qemu-x86_64",
                "-initrd", "/img/initrd.cpio",
                "-append", "vfs.fstab=[ \"fs0:/data:9pfs:::mkmp\" ] -- x",
                "-fsdev", "local,id=fs0,path=/host/da,,ta,security_model=none,readonly=on",
                "-device", "virtio-9p-pci,fsdev=fs0,mount_tag=fs0",
                "-netdev", "user,id=net0,hostfwd=tcp:127.0.0.1:8080-:80,hostfwd=tcp:0.0.0.0:2222-:22",
                "-device", "virtio-net-pci,netdev=net0");
    }

    @Test
    void cpusOutOfRangeIsAUsageError() {
        assertThatThrownBy(() -> MachineSpec.builder(KERNEL).cpus(0).build()).isInstanceOf(UknativeException.class)
                .hasMessageContaining("--cpus 0 is out of range");
    }

    @Test
    void constructorNormalisesMemory() {
        assertThat(MachineSpec.builder(KERNEL).memory(" 512MiB ").build().memory()).isEqualTo("512M");
    }

    @ParameterizedTest
    @CsvSource({
        "64M, 64M",
        "64m, 64M",
        "1G, 1G",
        "1g, 1G",
        "512MiB, 512M",
        "512MB, 512M",
        "2GiB, 2G",
        "128, 128M",
        "4096K, 4096K",
        "4, 4M",
        "1024G, 1024G",
    })
    void normaliseMemory(String given, String expected) {
        assertThat(MachineSpec.normaliseMemory(given)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "abc", "64X", "", "64 M", "1.5G", "0x40M", "064M", "M"})
    void notASize(String given) {
        UknativeException e = catchThrowableOfType(UknativeException.class, () -> MachineSpec.normaliseMemory(given));

        assertThat(e).isNotNull();
        assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(e.getMessage()).contains("'" + given + "'");
        assertThat(e.hint()).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1M", "3M", "4095K", "1025G"})
    void outOfRange(String given) {
        UknativeException e = catchThrowableOfType(UknativeException.class, () -> MachineSpec.normaliseMemory(given));

        assertThat(e).isNotNull();
        assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(e.getMessage()).contains("out of range");
    }

    @Test
    void hugeNumberIsAUsageError() {
        UknativeException e = catchThrowableOfType(UknativeException.class,
                () -> MachineSpec.normaliseMemory("99999999999999999999"));

        assertThat(e).isNotNull();
        assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE);
    }

    @Test
    void overflowingSizeIsOutOfRange() {
        UknativeException e = catchThrowableOfType(UknativeException.class,
                () -> MachineSpec.normaliseMemory("17592186044417G"));

        assertThat(e).isNotNull();
        assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE);
    }

    @Test
    void bytesSuffixWithoutUnitIsRefused() {
        UknativeException e = catchThrowableOfType(UknativeException.class, () -> MachineSpec.normaliseMemory("64B"));

        assertThat(e).isNotNull();
        assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE);
    }

    @Test
    void aRunWithoutStatusFileSendsComTwoToQemusStderrAndNothingIsDeleted() {
        MachineSpec spec = MachineSpec.builder(KERNEL).statusOnQemuStderr().build();

        assertThat(spec.arguments(QEMU)).containsSequence("-chardev", "file,id=ukstatus,path=/dev/stderr", "-serial", "chardev:ukstatus");
        QemuInvocation invocation = QemuInvocation.of(spec, QEMU);
        assertThat(invocation.statusFile()).hasValue(MachineSpec.QEMU_STDERR);
        assertThat(invocation.statusFileOnDisk()).as("never deleted or read as a file").isEmpty();
    }
}
