package dev.uknative.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.uknative.testing.CliRun;
import dev.uknative.testing.TestKernel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code uknative run} on the project's own multiboot test kernel, with the real QEMU: every way a
 * machine can end must give its own exit status.
 */
@Tag("tool")
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

    @Test
    void theApplicationsReportedStatusBecomesTheExitStatus() {
        CliRun run = CliRun.of("run", kernel.toString(), "--timeout", "60s", "--", "status=3", "exit=41");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
        assertThat(run.err()).contains("the application exited with status 3");
    }

    @Test
    void aReportedZeroIsASilentSuccessAndACrashWinsOverAReport() {
        CliRun zero = CliRun.of("run", kernel.toString(), "--timeout", "60s", "--", "status=0", "exit=41");
        assertThat(zero.exitCode()).as(zero.toString()).isZero();
        assertThat(zero.err()).isEmpty();

        CliRun crash = CliRun.of("run", kernel.toString(), "--timeout", "60s", "--", "status=9", "exit=42");
        assertThat(crash.exitCode()).as(crash.toString()).isEqualTo(134);
    }

    @Test
    void kernelArgumentsAndEnvironmentComeBeforeTheApplicationsArguments() {
        CliRun run = CliRun.of("run", kernel.toString(), "--timeout", "60s", "-a", "uk.debug=1", "-e", "GREETING=hi there",
                "-e", "N=1", "--", "exit=41", "app-arg");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("cmdline=" + kernel + " uk.debug=1 env.vars=[ \"GREETING=hi there\" \"N=1\" ] -- exit=41 app-arg");
    }

    @Test
    void theConsoleIsKeptInTheLogFile() throws Exception {
        Path log = work.resolve("logs/console.txt");

        CliRun run = CliRun.of("run", kernel.toString(), "--timeout", "60s", "--log", log.toString(), "--", "exit=42");

        assertThat(run.exitCode()).isEqualTo(134);
        assertThat(log).content().contains("testkernel: booted").contains("testkernel: exit 42");
        assertThat(run.err()).contains("hint: the whole console is in " + log);
    }

    @Test
    void cpusVolumesPortsAndInitrdAreAcceptedByQemu() throws Exception {
        Path shared = Files.createDirectories(work.resolve("shared,dir"));
        Path initrd = Files.writeString(work.resolve("initrd.cpio"), "not really a cpio\n");
        int port = freePort();

        CliRun run = CliRun.of("run", kernel.toString(), "--timeout", "60s", "--cpus", "2", "-M", "128M",
                "-v", shared + ":/data:ro", "-p", port + ":80", "--initrd", initrd.toString(), "--", "exit=41");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("vfs.fstab=[ \"fs0:/data:9pfs:::mkmp\" ] -- exit=41");
    }

    @Test
    void badMachineOptionsAreUsageErrorsBeforeAnythingStarts() {
        assertThat(CliRun.of("run", kernel.toString(), "-v", "relative-guest:data").err()).contains("is not HOST:GUEST[:ro]");
        assertThat(CliRun.of("run", kernel.toString(), "-p", "99999:80").exitCode()).isEqualTo(2);
        assertThat(CliRun.of("run", kernel.toString(), "-e", "1X=2").err()).contains("-e 1X=2 is not KEY=VALUE");
        assertThat(CliRun.of("run", kernel.toString(), "--cpus", "0").exitCode()).isEqualTo(2);
        assertThat(CliRun.of("run", kernel.toString(), "--initrd", "/nonexistent/initrd").err()).contains("is not a file");
    }

    @Test
    void aQemuOlderThan42IsRefused() throws Exception {
        Path oldQemu = work.resolve("old-qemu");
        Files.writeString(oldQemu, "#!/bin/sh\necho 'QEMU emulator version 4.1.1 (Debian)'\n");
        assertThat(oldQemu.toFile().setExecutable(true)).isTrue();

        CliRun run = CliRun.of("run", kernel.toString(), "--qemu", oldQemu.toString());

        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.err()).contains("is QEMU 4.1.1; uknative needs QEMU 4.2.0 or newer").contains("--qemu");
    }

    @Test
    void aQemuThatIsNotThereIsAUsageError() {
        CliRun run = CliRun.of("run", kernel.toString(), "--qemu", work.resolve("no-such-qemu").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("is not an executable file");
    }

    private static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    static List<ProcessHandle> qemuProcessesRunning(Path kernel) {
        return ProcessHandle.allProcesses()
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().map(c -> c.contains("qemu") && c.contains(kernel.toString())).orElse(false))
                .toList();
    }
}
