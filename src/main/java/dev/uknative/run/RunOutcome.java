package dev.uknative.run;

import dev.uknative.core.ExitCode;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a unikernel run ended, read from QEMU's exit status: Unikraft writes 41 (halt) or 42 (crash) to
 * the isa-debug-exit port and QEMU exits with {@code code*2+1}; with {@code -no-reboot} a reset or
 * triple fault makes QEMU exit 0. QEMU itself killed by a signal is not the guest's doing: it is
 * {@link Kind#QEMU_FAILED}, exit {@link ExitCode#TOOL_FAILED}, "QEMU was killed by SIGKILL".
 *
 * @param kind       what happened
 * @param exitStatus the status {@code uknative run} exits with
 * @param message    a one-line explanation for the user; empty for a clean halt
 * @param hint       what to do about it, when there is something to do
 */
public record RunOutcome(Kind kind, int exitStatus, Optional<String> message, Optional<String> hint) {

    RunOutcome(Kind kind, int exitStatus, Optional<String> message) {
        this(kind, exitStatus, message, Optional.empty());
    }

    public enum Kind {
        /** Unikraft halted normally. */
        HALTED,
        /** Unikraft crashed: panic, abort() or a fatal trap. */
        CRASHED,
        /** The guest wrote another code to the debug-exit port. */
        EXITED,
        /** The machine reset (triple fault) or powered off without reporting. */
        RESET,
        /** The time limit ran out and QEMU was stopped. */
        TIMED_OUT,
        /** QEMU itself failed (bad arguments, unreadable kernel …) or was killed by a signal. */
        QEMU_FAILED
    }

    static final int HALT_CODE = 41;
    static final int CRASH_CODE = 42;

    /** What QEMU prints on stderr when it quits because of a SIGTERM, SIGINT or SIGHUP it caught (then it exits 0). */
    private static final Pattern TERMINATING = Pattern.compile("terminating on signal (\\d{1,2})\\b");

    /** Linux's signal numbers (signal(7), x86), for messages. */
    private static final List<String> SIGNALS = List.of("", "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE", "KILL",
            "USR1", "SEGV", "USR2", "PIPE", "ALRM", "TERM", "STKFLT", "CHLD", "CONT", "STOP", "TSTP", "TTIN", "TTOU", "URG",
            "XCPU", "XFSZ", "VTALRM", "PROF", "WINCH", "IO", "PWR", "SYS");

    /**
     * Classifies QEMU's end.
     *
     * @param qemuErrors what QEMU printed on its stderr (to tell its own failure from a guest exit code 0)
     * @param console    the last console lines, for the crash message
     */
    public static RunOutcome classify(int qemuExit, boolean timedOut, List<String> qemuErrors, List<String> console, String timeoutText) {
        return classify(qemuExit, timedOut, qemuErrors, console, timeoutText, OptionalInt.empty());
    }

    /**
     * Classifies QEMU's end, given the status the application reported through uknative's
     * exit-status library (when the image has it): a halt with a reported status is that status.
     */
    public static RunOutcome classify(int qemuExit, boolean timedOut, List<String> qemuErrors, List<String> console,
            String timeoutText, OptionalInt reported) {
        return classify(qemuExit, timedOut, qemuErrors, console, timeoutText, reported, OptionalInt.empty());
    }

    /**
     * Classifies QEMU's end, knowing whether a signal killed QEMU ({@code killedBy}: its number, as
     * {@link Runner} tells it from an exit value that a guest's debug-exit code could also give). A
     * signal that QEMU caught and quit on is read from its stderr.
     */
    public static RunOutcome classify(int qemuExit, boolean timedOut, List<String> qemuErrors, List<String> console,
            String timeoutText, OptionalInt reported, OptionalInt killedBy) {
        return classify(qemuExit, timedOut, qemuErrors, console, timeoutText, reported, killedBy, false);
    }

    /**
     * Classifies QEMU's end on a machine where Unikraft's halt is a power-off ({@code haltPowersOff}:
     * Arm's virt machine, PSCI SYSTEM_OFF, QEMU exits 0). A crash powers off too (Unikraft's
     * ukplat_terminate calls system_off for every request), so there the console tells a crash from a
     * halt, and a status the application reported makes it an exit.
     */
    public static RunOutcome classify(int qemuExit, boolean timedOut, List<String> qemuErrors, List<String> console,
            String timeoutText, OptionalInt reported, OptionalInt killedBy, boolean haltPowersOff) {
        if (timedOut) {
            return new RunOutcome(Kind.TIMED_OUT, ExitCode.TIMEOUT.code(),
                    Optional.of("the unikernel was still running after " + timeoutText + "; QEMU was stopped"));
        }
        if (killedBy.isPresent()) {
            return killed(killedBy.getAsInt());
        }
        if (qemuExit == 0) {
            OptionalInt caught = caughtSignal(qemuErrors);
            if (caught.isPresent()) {
                return killed(caught.getAsInt());
            }
        }
        if (qemuExit == 0 && haltPowersOff) {
            return poweredOff(console, reported);
        }
        if (qemuExit == 0) {
            return new RunOutcome(Kind.RESET, ExitCode.RESET.code(),
                    Optional.of("the machine reset (triple fault?) or powered off without reporting a status"));
        }
        if (qemuExit == 1 && qemuErrors.stream().anyMatch(l -> !l.isBlank())) {
            return new RunOutcome(Kind.QEMU_FAILED, ExitCode.TOOL_FAILED.code(),
                    Optional.of("QEMU failed: " + qemuErrors.stream().filter(l -> !l.isBlank()).findFirst().orElseThrow()));
        }
        if (qemuExit % 2 == 1 && qemuExit <= 511) {
            int code = (qemuExit - 1) / 2;
            if (code == HALT_CODE) {
                return halted(reported);
            }
            if (code == CRASH_CODE) {
                return crashed(console);
            }
            return new RunOutcome(Kind.EXITED, code, Optional.of("the unikernel exited with status " + code));
        }
        return new RunOutcome(Kind.QEMU_FAILED, ExitCode.TOOL_FAILED.code(),
                Optional.of("QEMU exited with status " + qemuExit
                        + qemuErrors.stream().filter(l -> !l.isBlank()).findFirst().map(l -> ": " + l).orElse("")));
    }

    private static RunOutcome halted(OptionalInt reported) {
        if (reported.isPresent() && reported.getAsInt() != 0) {
            int status = reported.getAsInt();
            return new RunOutcome(Kind.EXITED, status, Optional.of("the application exited with status " + status));
        }
        return new RunOutcome(Kind.HALTED, ExitCode.OK.code(), Optional.empty());
    }

    private static RunOutcome crashed(List<String> console) {
        return new RunOutcome(Kind.CRASHED, ExitCode.CRASH.code(),
                Optional.of("the unikernel crashed" + crashLine(console).map(l -> ": " + l).orElse("")), crashHint(console));
    }

    /**
     * A power-off: a halt, unless the console shows a crash and the application reported no status
     * (it reports only when main returns or exit is called, not when Unikraft crashes).
     */
    private static RunOutcome poweredOff(List<String> console, OptionalInt reported) {
        if (reported.isEmpty() && crashLine(console).isPresent()) {
            return crashed(console);
        }
        return halted(reported);
    }

    private static RunOutcome killed(int signal) {
        String name = signalName(signal);
        boolean crashed = List.of("SEGV", "BUS", "ILL", "FPE", "ABRT", "SYS", "TRAP").contains(name.substring(3));
        return new RunOutcome(Kind.QEMU_FAILED, ExitCode.TOOL_FAILED.code(),
                Optional.of("QEMU was killed by " + name + " (signal " + signal + ")" + (crashed ? ": QEMU itself crashed" : "")
                        + "; the unikernel's status is unknown"),
                Optional.of(crashed ? "try another QEMU (--qemu PATH), or software emulation (-W) if it ran with KVM"
                        : "something on this host stopped QEMU (kill, the OOM killer, a service manager); run it again"));
    }

    /** The signal QEMU says it quit on ("terminating on signal 15 from pid 1234 (kill)"). */
    static OptionalInt caughtSignal(List<String> qemuErrors) {
        for (String line : qemuErrors) {
            Matcher m = TERMINATING.matcher(line);
            if (m.find()) {
                return OptionalInt.of(Integer.parseInt(m.group(1)));
            }
        }
        return OptionalInt.empty();
    }

    /** {@code SIGKILL} for 9; {@code SIGRTMIN+n} and {@code signal N} beyond the named ones. */
    static String signalName(int signal) {
        if (signal > 0 && signal < SIGNALS.size()) {
            return "SIG" + SIGNALS.get(signal);
        }
        return signal >= 34 && signal <= 64 ? "SIGRTMIN+" + (signal - 34) : "signal " + signal;
    }

    /** Advice for crashes whose cause is known from the console. */
    static Optional<String> crashHint(List<String> console) {
        if (console.stream().anyMatch(l -> l.contains("Could not initialize the HWRNG"))) {
            // What the check before boot (ImageCheck) cannot see: an image without a known configuration,
            // a CPU model that hides RDSEED, a KVM that does not pass it on.
            return Optional.of("libukrandom needs the RDRAND and RDSEED instructions, which this machine's CPU lacks (QEMU's"
                    + " software emulation has them from QEMU " + ImageCheck.TCG_RDSEED + " on): run with KVM or a newer QEMU, or"
                    + " set CONFIG_LIBUKRANDOM: n in the Kraftfile's unikraft.kconfig");
        }
        return Optional.empty();
    }

    /** The first line of Unikraft's crash report among the last console lines. */
    static Optional<String> crashLine(List<String> console) {
        for (String line : console) {
            String l = line.strip();
            if (l.contains("CRIT") || l.contains("ERR:") || l.contains("Unhandled Trap") || l.contains("PANIC")
                    || l.contains("Assertion failure")) {
                return Optional.of(l);
            }
        }
        return Optional.empty();
    }
}
