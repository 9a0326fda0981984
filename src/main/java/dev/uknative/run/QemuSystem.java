package dev.uknative.run;

import dev.uknative.project.Architecture;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The QEMU system emulator of one architecture and what differs between them: the binary and its
 * Debian package, the machine, how the guest's halt and the application's exit status reach the host,
 * and which virtio transport the devices use.
 *
 * <ul>
 *   <li>x86_64: the default PC machine; Unikraft halts and crashes through {@code isa-debug-exit}
 *       (QEMU exits {@code 41*2+1} or {@code 42*2+1}); the exit-status library writes its line to COM2;
 *       virtio over PCI.
 *   <li>arm64: {@code -machine virt} (Unikraft's qemu/arm64 boots on it: PL011 console, GICv3, a device
 *       tree); a halt and a crash are both a PSCI {@code SYSTEM_OFF}, after which QEMU exits 0, so a
 *       crash is told by the console; the exit-status library writes its line with the Arm
 *       semihosting call {@code SYS_WRITE0}, which QEMU 7.2 sends to the semihosting chardev; virtio
 *       over MMIO (the device tree describes its transports; Unikraft's arm64 build has no PCI bus).
 * </ul>
 */
public enum QemuSystem {
    X86_64("qemu-system-x86_64", "qemu-system-x86"),
    ARM64("qemu-system-aarch64", "qemu-system-arm");

    /** The id QEMU's status chardev has, named by the second serial port or the semihosting config. */
    static final String STATUS_CHARDEV = "ukstatus";

    /** The offset of the arm64 Linux Image header's magic, "ARM\x64" (Linux's Documentation/arch/arm64/booting.rst). */
    private static final int ARM64_IMAGE_MAGIC_OFFSET = 0x38;

    private final String binary;
    private final String debianPackage;

    QemuSystem(String binary, String debianPackage) {
        this.binary = binary;
        this.debianPackage = debianPackage;
    }

    public static QemuSystem of(Architecture architecture) {
        return architecture == Architecture.ARM64 ? ARM64 : X86_64;
    }

    /** The program's name on PATH, e.g. {@code qemu-system-aarch64}. */
    public String binary() {
        return binary;
    }

    /** The Debian package that provides {@link #binary()}. */
    public String debianPackage() {
        return debianPackage;
    }

    /** The machine, CPU and accelerator: Arm has no RDRAND/RDSEED CPU flags, {@link Accelerator#TCG_RNG} is plain TCG there. */
    List<String> machineArguments(Accelerator accelerator) {
        if (this == X86_64) {
            return accelerator.arguments();
        }
        List<String> args = new ArrayList<>(List.of("-machine", "virt"));
        args.addAll(accelerator == Accelerator.KVM ? Accelerator.KVM.arguments() : Accelerator.TCG.arguments());
        return args;
    }

    /**
     * Where the exit-status report goes: COM2 on x86_64, the semihosting console on arm64; both to the
     * chardev {@link #STATUS_CHARDEV}. QEMU's {@code target=native} keeps semihosting calls in QEMU
     * (no gdb consumes them).
     */
    List<String> statusArguments() {
        return this == X86_64 ? List.of("-serial", "chardev:" + STATUS_CHARDEV)
                : List.of("-semihosting-config", "enable=on,target=native,chardev=" + STATUS_CHARDEV);
    }

    /** How Unikraft's halt reaches QEMU on x86_64: the debug-exit port; nothing on arm64 (PSCI is built in). */
    List<String> haltArguments() {
        return this == X86_64 ? List.of("-device", MachineSpec.DEBUG_EXIT_DEVICE) : List.of();
    }

    /** A virtio device of this machine's transport: {@code virtio-net-pci} on x86_64, {@code virtio-net-device} on arm64. */
    String virtioDevice(String kind) {
        return "virtio-" + kind + (this == X86_64 ? "-pci" : "-device");
    }

    /**
     * The architecture a kernel file is for: an ELF file by its e_machine (EM_386 and EM_X86_64 are
     * x86_64, EM_AARCH64 arm64), an arm64 Linux boot Image (what Unikraft's qemu/arm64 build makes) by
     * its magic; empty for anything else or an unreadable file.
     */
    public static Optional<Architecture> ofKernel(Path kernel) {
        byte[] head;
        try (InputStream in = Files.newInputStream(kernel)) {
            head = in.readNBytes(ARM64_IMAGE_MAGIC_OFFSET + 4);
        } catch (IOException e) {
            return Optional.empty();
        }
        if (head.length >= 20 && head[0] == 0x7f && head[1] == 'E' && head[2] == 'L' && head[3] == 'F' && head[5] == 1) {
            int machine = (head[18] & 0xff) | (head[19] & 0xff) << 8;
            return switch (machine) {
                case 3, 62 -> Optional.of(Architecture.X86_64);
                case 183 -> Optional.of(Architecture.ARM64);
                default -> Optional.empty();
            };
        }
        int m = ARM64_IMAGE_MAGIC_OFFSET;
        if (head.length >= m + 4 && head[m] == 'A' && head[m + 1] == 'R' && head[m + 2] == 'M' && head[m + 3] == 0x64) {
            return Optional.of(Architecture.ARM64);
        }
        return Optional.empty();
    }
}
