package dev.uknative.run;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.List;

/** How QEMU executes the guest: KVM when the host offers it, else TCG (software emulation). */
public enum Accelerator {
    /**
     * KVM, falling back to TCG if QEMU cannot initialise it. {@code -cpu max} is valid under both
     * (with KVM it is the host's CPU).
     */
    KVM(List.of("-accel", "kvm", "-accel", "tcg", "-cpu", "max")),
    /**
     * TCG. {@code -cpu max} gives the guest the features Unikraft needs at boot (1 GiB pages for
     * PAGING, RDRAND) that QEMU's default CPU model lacks.
     */
    TCG(List.of("-accel", "tcg", "-cpu", "max"));

    private final List<String> arguments;

    Accelerator(List<String> arguments) {
        this.arguments = arguments;
    }

    public List<String> arguments() {
        return arguments;
    }

    /** KVM when {@code device} (normally /dev/kvm) can be opened for reading and writing. */
    public static Accelerator detect(Path device) {
        try (RandomAccessFile kvm = new RandomAccessFile(device.toFile(), "rw")) {
            return KVM;
        } catch (IOException | SecurityException e) {
            return TCG;
        }
    }
}
