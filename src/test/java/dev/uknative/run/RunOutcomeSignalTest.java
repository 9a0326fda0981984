package dev.uknative.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** QEMU's own death by a signal, told apart from what the guest reported. */
class RunOutcomeSignalTest {

    private static RunOutcome classify(int exit, List<String> qemuErrors, OptionalInt killedBy) {
        return RunOutcome.classify(exit, false, qemuErrors, List.of(), "10s", OptionalInt.empty(), killedBy);
    }

    @Test
    void aSignalThatKilledQemuIsAQemuFailureNamingIt() {
        RunOutcome o = classify(137, List.of(), OptionalInt.of(9));

        assertThat(o.kind()).isEqualTo(RunOutcome.Kind.QEMU_FAILED);
        assertThat(o.exitStatus()).isEqualTo(5);
        assertThat(o.message()).hasValue("QEMU was killed by SIGKILL (signal 9); the unikernel's status is unknown");
        assertThat(o.hint()).isPresent();
    }

    @Test
    void aCrashOfQemuItselfSaysSo() {
        RunOutcome o = classify(139, List.of(), OptionalInt.of(11));

        assertThat(o.exitStatus()).isEqualTo(5);
        assertThat(o.message()).hasValueSatisfying(m -> assertThat(m).contains("SIGSEGV (signal 11): QEMU itself crashed"));
        assertThat(o.hint()).hasValueSatisfying(h -> assertThat(h).contains("--qemu"));
    }

    @Test
    void theSameExitValueWithoutASignalIsTheGuestsDebugExitCode() {
        RunOutcome o = classify(137, List.of(), OptionalInt.empty());

        assertThat(o.kind()).isEqualTo(RunOutcome.Kind.EXITED);
        assertThat(o.exitStatus()).isEqualTo(68);
    }

    @Test
    void aSignalQemuCaughtAndQuitOnIsReadFromItsStderr() {
        RunOutcome o = classify(0, List.of("qemu-system-x86_64: terminating on signal 15 from pid 4242 (kill)"), OptionalInt.empty());

        assertThat(o.kind()).isEqualTo(RunOutcome.Kind.QEMU_FAILED);
        assertThat(o.exitStatus()).isEqualTo(5);
        assertThat(o.message()).hasValueSatisfying(m -> assertThat(m).startsWith("QEMU was killed by SIGTERM (signal 15)"));
    }

    @Test
    void aResetWithoutThatLineIsStillAReset() {
        assertThat(classify(0, List.of("qemu-system-x86_64: warning: host doesn't support requested feature"), OptionalInt.empty()).kind())
                .isEqualTo(RunOutcome.Kind.RESET);
    }

    @Test
    void theTimeLimitWinsOverTheSignalThatEnforcedIt() {
        RunOutcome o = RunOutcome.classify(0, true, List.of("qemu-system-x86_64: terminating on signal 15 from pid 1 (java)"), List.of(),
                "2s", OptionalInt.empty(), OptionalInt.empty());

        assertThat(o.kind()).isEqualTo(RunOutcome.Kind.TIMED_OUT);
    }

    @Test
    void signalsAreNamed() {
        assertThat(RunOutcome.signalName(1)).isEqualTo("SIGHUP");
        assertThat(RunOutcome.signalName(2)).isEqualTo("SIGINT");
        assertThat(RunOutcome.signalName(9)).isEqualTo("SIGKILL");
        assertThat(RunOutcome.signalName(15)).isEqualTo("SIGTERM");
        assertThat(RunOutcome.signalName(31)).isEqualTo("SIGSYS");
        assertThat(RunOutcome.signalName(34)).isEqualTo("SIGRTMIN+0");
        assertThat(RunOutcome.signalName(99)).isEqualTo("signal 99");
    }
}
