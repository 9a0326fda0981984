package dev.uknative.run;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link Runner} needs to start QEMU and read its end: the exact argument list and the two
 * things that are not in it, where the application's status lands and the time limit. A
 * {@link MachineSpec} becomes one with {@link #of(MachineSpec, Path)}; a detached machine's
 * supervisor reads one back from the machine's folder, so both run the very same command.
 *
 * @param arguments        QEMU's argument list, starting with the QEMU binary
 * @param workingDirectory QEMU's working directory (the kernel's folder)
 * @param statusFile       the guest's COM2 file, read for the application's exit status; QEMU's stderr
 *                         when it is {@link MachineSpec#QEMU_STDERR}
 * @param timeout          QEMU is stopped after this long
 */
public record QemuInvocation(List<String> arguments, Path workingDirectory, Optional<Path> statusFile, Optional<Duration> timeout) {

    public QemuInvocation {
        arguments = List.copyOf(arguments);
        if (arguments.isEmpty()) {
            throw new IllegalArgumentException("no QEMU arguments");
        }
        Objects.requireNonNull(workingDirectory, "workingDirectory");
        Objects.requireNonNull(statusFile, "statusFile");
        Objects.requireNonNull(timeout, "timeout");
    }

    public static QemuInvocation of(MachineSpec machine, Path qemu) {
        return new QemuInvocation(machine.arguments(qemu), machine.kernel().toAbsolutePath().getParent(), machine.statusFile(),
                machine.timeout());
    }

    /** The status file, when it is a file of its own (not QEMU's stderr). */
    public Optional<Path> statusFileOnDisk() {
        return statusFile.filter(f -> !f.equals(MachineSpec.QEMU_STDERR));
    }

    /**
     * Whether the guest's halt is a power-off after which QEMU exits 0: Arm's {@code -machine virt}
     * (PSCI SYSTEM_OFF, for halt and crash alike). Read from the arguments, which a detached machine's
     * supervisor has on disk and nothing else.
     */
    public boolean haltPowersOff() {
        int machine = arguments.indexOf("-machine");
        return machine >= 0 && machine + 1 < arguments.size() && arguments.get(machine + 1).split(",")[0].equals("virt");
    }

    /** The QEMU binary. */
    public Path qemu() {
        return Path.of(arguments.get(0));
    }

    /** The time limit as the user wrote it: {@code 30s}, or {@code 1500ms}. */
    String timeoutText() {
        return timeout.map(d -> d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms").orElse("");
    }
}
