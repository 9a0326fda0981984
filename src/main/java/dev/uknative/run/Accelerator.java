package dev.uknative.run;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/** How QEMU executes the guest: KVM when the host offers hardware virtualisation, else TCG (software emulation). */
public enum Accelerator {
    /** KVM with the host's CPU model, which has every feature Unikraft probes for at boot. */
    KVM(List.of("-accel", "kvm", "-cpu", "host")),
    /**
     * TCG. {@code -cpu max} gives the guest what QEMU can emulate of Unikraft's needs (1 GiB pages for
     * PAGING, RDRAND); QEMU 7.2's TCG has no RDSEED, which libukrandom requires.
     */
    TCG(List.of("-accel", "tcg", "-cpu", "max")),
    /**
     * TCG asking for RDRAND and RDSEED explicitly, as Unikraft's own support/scripts/qemu-guest does:
     * QEMU emulates both from 8.1.3 on (unikraft/unikraft#1459); {@link ImageCheck} picks it for those.
     */
    TCG_RNG(List.of("-accel", "tcg", "-cpu", "max,+rdrand,+rdseed"));

    private final List<String> arguments;

    Accelerator(List<String> arguments) {
        this.arguments = arguments;
    }

    public List<String> arguments() {
        return arguments;
    }

    /**
     * KVM when {@code device} (normally /dev/kvm) opens for reading and writing and the KVM module is a
     * hardware one ({@code kvm_intel} or {@code kvm_amd} under {@code modules}, normally /sys/module).
     * Paravirtualised KVM (the {@code kvm_pvm} module of some cloud sandboxes) also offers /dev/kvm,
     * but QEMU cannot run Unikraft on it: {@code -cpu host} aborts on MSR 0x10a and other models stop
     * with "KVM internal error" at Unikraft's first XSAVE.
     */
    public static Accelerator detect(Path device, Path modules) {
        boolean hardware = Files.isDirectory(modules.resolve("kvm_intel")) || Files.isDirectory(modules.resolve("kvm_amd"));
        if (!hardware) {
            return TCG;
        }
        // FileChannel.open without CREATE: probing must never create the device file.
        try (FileChannel kvm = FileChannel.open(device, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            return KVM;
        } catch (IOException | SecurityException | UnsupportedOperationException e) {
            return TCG;
        }
    }

    /** {@link #detect(Path, Path)} on this host. */
    public static Accelerator detect() {
        return detect(Path.of("/dev/kvm"), Path.of("/sys/module"));
    }
}
