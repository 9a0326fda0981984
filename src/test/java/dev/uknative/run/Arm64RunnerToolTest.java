package dev.uknative.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.uknative.process.ProcessRunner;
import dev.uknative.process.ToolLocator;
import dev.uknative.project.Architecture;
import dev.uknative.testing.TestKernel;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner on qemu-system-aarch64's virt machine with the project's AArch64 test kernel (built with
 * the cross binutils of gcc-aarch64-linux-gnu): a PSCI power-off is a halt, a status written through
 * semihosting is the run's status (on QEMU's stderr, or in a status file as a detached machine has
 * it), a power-off after a crash line is a crash, a kernel that never stops times out.
 */
@Tag("tool")
@Timeout(120)
class Arm64RunnerToolTest {

    @TempDir
    static Path work;

    static Path kernel;
    static Path qemu;

    @BeforeAll
    static void buildKernel() throws Exception {
        kernel = TestKernel.buildArm64(work);
        qemu = ToolLocator.fromEnvironment().require("qemu-system-aarch64", "qemu-system-arm");
    }

    private static MachineSpec.Builder machine(String commandLine) {
        return MachineSpec.builder(kernel).architecture(Architecture.ARM64).commandLine(commandLine)
                .timeout(Optional.of(Duration.ofSeconds(60)));
    }

    @Test
    void aPowerOffIsAHalt() {
        ByteArrayOutputStream console = new ByteArrayOutputStream();

        RunOutcome outcome = new Runner(new ProcessRunner(), qemu).run(machine("halt").statusOnQemuStderr().build(), console,
                OutputStream.nullOutputStream());

        assertThat(outcome.kind()).as(outcome + "\n" + console).isEqualTo(RunOutcome.Kind.HALTED);
        assertThat(outcome.exitStatus()).isZero();
        assertThat(console.toString(StandardCharsets.UTF_8)).contains("testkernel: booted");
    }

    @Test
    void theStatusWrittenThroughSemihostingIsTheRunsStatus() {
        ByteArrayOutputStream errors = new ByteArrayOutputStream();

        RunOutcome outcome = new Runner(new ProcessRunner(), qemu).run(machine("status=3 halt").statusOnQemuStderr().build(),
                OutputStream.nullOutputStream(), errors);

        assertThat(outcome.kind()).as(outcome.toString()).isEqualTo(RunOutcome.Kind.EXITED);
        assertThat(outcome.exitStatus()).isEqualTo(3);
        // StatusLines takes the report out of QEMU's messages.
        assertThat(errors.toString(StandardCharsets.UTF_8)).doesNotContain("uknative-exit");
    }

    @Test
    void theStatusReachesAStatusFileAsForADetachedMachine() throws Exception {
        Path status = work.resolve("status-file");

        RunOutcome outcome = new Runner(new ProcessRunner(), qemu).run(machine("status=42 halt").statusFile(Optional.of(status)).build(),
                OutputStream.nullOutputStream(), OutputStream.nullOutputStream());

        assertThat(outcome.exitStatus()).as(outcome.toString()).isEqualTo(42);
        assertThat(Files.readString(status)).isEqualTo("uknative-exit:42\n");
    }

    @Test
    void aPowerOffAfterACrashLineIsACrash() {
        RunOutcome outcome = new Runner(new ProcessRunner(), qemu).run(machine("crash").statusOnQemuStderr().build(),
                OutputStream.nullOutputStream(), OutputStream.nullOutputStream());

        assertThat(outcome.kind()).as(outcome.toString()).isEqualTo(RunOutcome.Kind.CRASHED);
        assertThat(outcome.exitStatus()).isEqualTo(134);
        assertThat(outcome.message()).hasValueSatisfying(m -> assertThat(m).contains("CRIT: [testkernel] crash requested"));
    }

    @Test
    void aKernelThatNeverStopsTimesOut() {
        RunOutcome outcome = new Runner(new ProcessRunner(), qemu).run(machine("hang").timeout(Optional.of(Duration.ofSeconds(2)))
                .statusOnQemuStderr().build(), OutputStream.nullOutputStream(), OutputStream.nullOutputStream());

        assertThat(outcome.kind()).as(outcome.toString()).isEqualTo(RunOutcome.Kind.TIMED_OUT);
        assertThat(outcome.exitStatus()).isEqualTo(124);
    }
}
