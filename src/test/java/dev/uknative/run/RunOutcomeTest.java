package dev.uknative.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.uknative.run.RunOutcome.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** QEMU exit statuses as measured with Unikraft 0.17.0 and QEMU 7.2: debug-exit N makes QEMU exit (N << 1) | 1. */
class RunOutcomeTest {

    /** The console of an abort() under nolibc (QEMU exited 85). */
    private static final List<String> ABORT_CONSOLE = List.of(
            "Hello, World!",
            "[    0.101] CRIT: [libnolibc] <stdlib.c @  485> Abnormal termination!");

    /** The console of a boot under TCG with libukrandom on (QEMU exited 85). */
    private static final List<String> HWRNG_CONSOLE = List.of(
            "[    0.101149] ERR:  [libukrandom] <random.c @   65> Could not initialize the HWRNG (-95)",
            "[    0.101771] ERR:  [libukboot] <boot.c @  427> Init function at 0x123870 returned error -95");

    private static RunOutcome classify(int exit, List<String> qemuErrors, List<String> console) {
        return RunOutcome.classify(exit, false, qemuErrors, console, "10s");
    }

    @Test
    void halt() {
        RunOutcome o = classify(83, List.of(), List.of("Hello, World!"));

        assertThat(o.kind()).isEqualTo(Kind.HALTED);
        assertThat(o.exitStatus()).isZero();
        assertThat(o.message()).isEmpty();
        assertThat(o.hint()).isEmpty();
    }

    @Test
    void crashQuotesTheCrashLine() {
        RunOutcome o = classify(85, List.of(), ABORT_CONSOLE);

        assertThat(o.kind()).isEqualTo(Kind.CRASHED);
        assertThat(o.exitStatus()).isEqualTo(134);
        assertThat(o.message()).contains(
                "the unikernel crashed: [    0.101] CRIT: [libnolibc] <stdlib.c @  485> Abnormal termination!");
        assertThat(o.hint()).isEmpty();
    }

    @Test
    void crashWithoutReportIsStillACrash() {
        RunOutcome o = classify(85, List.of(), List.of("Hello, World!"));

        assertThat(o.kind()).isEqualTo(Kind.CRASHED);
        assertThat(o.message()).contains("the unikernel crashed");
    }

    @Test
    void hwrngCrashHasAHint() {
        RunOutcome o = classify(85, List.of(), HWRNG_CONSOLE);

        assertThat(o.kind()).isEqualTo(Kind.CRASHED);
        assertThat(o.exitStatus()).isEqualTo(134);
        assertThat(o.message()).hasValueSatisfying(m -> assertThat(m).contains("Could not initialize the HWRNG"));
        assertThat(o.hint()).hasValueSatisfying(h -> assertThat(h).contains("CONFIG_LIBUKRANDOM"));
    }

    @Test
    void exitZeroIsAReset() {
        RunOutcome o = classify(0, List.of(), List.of());

        assertThat(o.kind()).isEqualTo(Kind.RESET);
        assertThat(o.exitStatus()).isEqualTo(133);
        assertThat(o.message()).isPresent();
    }

    @Test
    void timeoutWinsOverTheExitStatus() {
        RunOutcome o = RunOutcome.classify(83, true, List.of(), List.of(), "2s");

        assertThat(o.kind()).isEqualTo(Kind.TIMED_OUT);
        assertThat(o.exitStatus()).isEqualTo(124);
        assertThat(o.message()).hasValueSatisfying(m -> assertThat(m).contains("2s"));
    }

    @Test
    void exitOneWithQemuErrorsIsQemusFailure() {
        RunOutcome o = classify(1, List.of("", "qemu-system-x86_64: -kernel /nope: No such file or directory"), List.of());

        assertThat(o.kind()).isEqualTo(Kind.QEMU_FAILED);
        assertThat(o.exitStatus()).isEqualTo(5);
        assertThat(o.message()).contains("QEMU failed: qemu-system-x86_64: -kernel /nope: No such file or directory");
    }

    @Test
    void exitOneWithoutQemuErrorsIsGuestStatusZero() {
        RunOutcome o = classify(1, List.of("  "), List.of());

        assertThat(o.kind()).isEqualTo(Kind.EXITED);
        assertThat(o.exitStatus()).isZero();
    }

    @Test
    void otherOddStatusIsTheGuestsCode() {
        RunOutcome o = classify(15, List.of(), List.of());

        assertThat(o.kind()).isEqualTo(Kind.EXITED);
        assertThat(o.exitStatus()).isEqualTo(7);
        assertThat(o.message()).contains("the unikernel exited with status 7");
    }

    @Test
    void qemuAbortIsQemusFailure() {
        RunOutcome o = classify(134, List.of("qemu-system-x86_64: error: failed to set MSR 0x10a to 0x69"), List.of());

        assertThat(o.kind()).isEqualTo(Kind.QEMU_FAILED);
        assertThat(o.exitStatus()).isEqualTo(5);
        assertThat(o.message()).contains("QEMU exited with status 134: qemu-system-x86_64: error: failed to set MSR 0x10a to 0x69");
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 134, 256, 513, -1})
    void evenOrOutOfRangeStatusesAreQemusFailure(int exit) {
        RunOutcome o = classify(exit, List.of(), List.of());

        assertThat(o.kind()).isEqualTo(Kind.QEMU_FAILED);
        assertThat(o.exitStatus()).isEqualTo(5);
        assertThat(o.message()).contains("QEMU exited with status " + exit);
    }

    @Test
    void crashLineIsTheFirstReportLine() {
        assertThat(RunOutcome.crashLine(List.of(
                "Hello",
                "  [    0.2] ERR:  [libukboot] first  ",
                "[    0.3] CRIT: [libkvmplat] <traps.c @  113> Crashing")))
                .contains("[    0.2] ERR:  [libukboot] first");
        assertThat(RunOutcome.crashLine(List.of("Hello", "no report"))).isEmpty();
    }
}
