package dev.uknative.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.uknative.process.ProcessRunner;
import dev.uknative.process.ToolLocator;
import dev.uknative.testing.TestKernel;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * QEMU itself killed by a signal while the test kernel runs: the run must say so, not report the
 * signal's number as the guest's status (SIGKILL gives QEMU's exit value 137, which is also what
 * the guest's debug-exit code 68 gives) nor as a machine reset (QEMU quits with 0 on SIGTERM).
 */
@Tag("tool")
@Timeout(120)
class QemuSignalTest {

    @TempDir
    static Path work;

    static Path kernel;
    static Path qemu;

    @BeforeAll
    static void buildKernel() throws Exception {
        kernel = TestKernel.build(work);
        qemu = ToolLocator.fromEnvironment().require("qemu-system-x86_64", "qemu-system-x86");
    }

    @ParameterizedTest
    @ValueSource(strings = {"KILL", "SEGV", "TERM", "HUP", "INT"})
    void qemuKilledByASignalIsReportedAsSuch(String signal) throws Exception {
        CompletableFuture<ProcessHandle> started = new CompletableFuture<>();
        CompletableFuture<Void> hanging = new CompletableFuture<>();
        CompletableFuture<Void> killer = hanging.thenCombine(started, (h, process) -> process).thenAccept(process -> {
            try {
                Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start();
                kill.waitFor(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        MachineSpec machine = MachineSpec.builder(kernel).commandLine("hang").timeout(Optional.of(Duration.ofSeconds(60))).build();

        RunOutcome outcome = new Runner(new ProcessRunner(), qemu).run(QemuInvocation.of(machine, qemu), watch("testkernel: hanging", hanging),
                errors, Optional.empty(), started::complete);

        killer.get(10, TimeUnit.SECONDS);
        assertThat(outcome.kind()).as(outcome + "\n" + errors).isEqualTo(RunOutcome.Kind.QEMU_FAILED);
        assertThat(outcome.exitStatus()).isEqualTo(5);
        assertThat(outcome.message()).hasValueSatisfying(m -> assertThat(m).contains("QEMU was killed by SIG" + signal));
    }

    @Test
    void theGuestsOwnDebugExitCodeOf68IsStillItsStatus() {
        MachineSpec machine = MachineSpec.builder(kernel).commandLine("exit=68").timeout(Optional.of(Duration.ofSeconds(60))).build();

        RunOutcome outcome = new Runner(new ProcessRunner(), qemu).run(machine, OutputStream.nullOutputStream(), OutputStream.nullOutputStream());

        assertThat(outcome.kind()).as(outcome.toString()).isEqualTo(RunOutcome.Kind.EXITED);
        assertThat(outcome.exitStatus()).isEqualTo(68);
    }

    /** A console that completes {@code seen} once {@code text} went through it. */
    private static OutputStream watch(String text, CompletableFuture<Void> seen) {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        return new OutputStream() {
            @Override
            public void write(int b) {
                console.write(b);
                if (b == '\n' && console.toString(StandardCharsets.UTF_8).contains(text)) {
                    seen.complete(null);
                }
            }
        };
    }
}
