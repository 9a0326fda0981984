package dev.uknative.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.uknative.testing.CliRun;
import dev.uknative.testing.TestKernel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code uknative run} on the project's own multiboot test kernel, with the real QEMU: every way a
 * machine can end must give its own exit status.
 */
class RunCommandQemuTest {

    @TempDir
    static Path work;

    static Path kernel;

    @BeforeAll
    static void buildKernel() throws Exception {
        kernel = TestKernel.build(work);
    }

    @Test
    void haltExitsZeroAndShowsTheConsole() {
        CliRun run = CliRun.of("run", kernel.toString(), "--timeout", "60s", "--", "exit=41");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("testkernel: booted")
                .contains("testkernel: cmdline=" + kernel + " exit=41")
                .contains("testkernel: exit 41");
    }

    @Test
    void crashExitsWithTheCrashStatusAndOneLine() {
        CliRun run = CliRun.of("run", kernel.toString(), "--timeout", "60s", "--", "exit=42");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(134);
        assertThat(run.err().lines().filter(l -> l.startsWith("error:")).toList())
                .singleElement().asString().contains("crashed");
    }

    @Test
    void anotherDebugExitCodeBecomesTheExitStatus() {
        CliRun run = CliRun.of("run", kernel.toString(), "--timeout", "60s", "--", "exit=7");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(7);
        assertThat(run.err()).contains("exited with status 7");
    }

    @Test
    void tripleFaultIsAReset() {
        CliRun run = CliRun.of("run", kernel.toString(), "--timeout", "60s", "--", "triple");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(133);
        assertThat(run.out()).contains("testkernel: triple fault");
        assertThat(run.err()).contains("reset");
    }

    @Test
    void hangIsStoppedAtTheTimeoutAndNoQemuIsLeft() {
        long start = System.nanoTime();
        CliRun run = CliRun.of("run", kernel.toString(), "--timeout", "2s", "--", "hang");
        double seconds = (System.nanoTime() - start) / 1e9;

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(124);
        assertThat(run.out()).contains("testkernel: hanging");
        assertThat(run.err()).contains("still running after 2s");
        assertThat(seconds).as("stopped soon after the limit").isLessThan(20);
        assertThat(qemuProcessesRunning(kernel)).as("QEMU processes left running").isEmpty();
    }

    @Test
    void softwareEmulationCanBeForced() {
        CliRun run = CliRun.of("run", "-W", kernel.toString(), "--timeout", "60s", "--", "exit=41");

        assertThat(run.exitCode()).as(run.toString()).isZero();
    }

    @Test
    void argumentsWithSpacesAreQuotedOnTheKernelCommandLine() {
        CliRun run = CliRun.of("run", kernel.toString(), "--timeout", "60s", "--", "exit=41", "two words");

        assertThat(run.out()).contains("exit=41 \"two words\"");
    }

    @Test
    void aFileThatIsNoKernelIsAQemuFailure() throws Exception {
        Path notAKernel = Files.writeString(work.resolve("not-a-kernel"), "just text\n");

        CliRun run = CliRun.of("run", notAKernel.toString(), "--timeout", "60s");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(5);
        assertThat(run.err()).contains("error: QEMU");
    }

    @Test
    void badMemoryIsAUsageError() {
        CliRun run = CliRun.of("run", kernel.toString(), "-M", "lots");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("memory 'lots' is not a size").contains("hint:");
    }

    @Test
    void badTimeoutIsAUsageError() {
        CliRun run = CliRun.of("run", kernel.toString(), "--timeout", "soon");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("'soon' is not a duration");
    }

    static List<ProcessHandle> qemuProcessesRunning(Path kernel) {
        return ProcessHandle.allProcesses()
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().map(c -> c.contains("qemu") && c.contains(kernel.toString())).orElse(false))
                .toList();
    }
}
