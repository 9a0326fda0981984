package dev.uknative.run;

import java.util.Locale;

/** Where a detached machine is in its life, as {@code uknative ps} shows it. */
public enum MachineState {
    /** Its supervisor is starting and QEMU is not yet running. */
    STARTING,
    RUNNING,
    /** The unikernel halted, with the application's status (0 for a clean halt). */
    EXITED,
    CRASHED,
    /** The machine reset (triple fault) or powered off without reporting a status. */
    RESET,
    /** The {@code --timeout} of {@code run} ran out and QEMU was stopped. */
    TIMED_OUT,
    /** QEMU itself failed (bad arguments, an unreadable kernel …). */
    FAILED,
    /** Stopped with {@code uknative stop} (or {@code rm -f}). */
    STOPPED,
    /** Its supervisor and QEMU are gone without recording an end (killed, or the host rebooted). */
    DIED;

    /** The lower-case label of ps: {@code running}, {@code timed out} … */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    public boolean ended() {
        return this != STARTING && this != RUNNING;
    }

    /** The state of a machine whose QEMU ended by itself this way. */
    public static MachineState of(RunOutcome.Kind kind) {
        return switch (kind) {
            case HALTED, EXITED -> EXITED;
            case CRASHED -> CRASHED;
            case RESET -> RESET;
            case TIMED_OUT -> TIMED_OUT;
            case QEMU_FAILED -> FAILED;
        };
    }
}
