package dev.uknative.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.uknative.app.Paths;
import dev.uknative.run.MachineDirectory;
import dev.uknative.run.ProcessRecord;
import dev.uknative.testing.CliRun;
import dev.uknative.testing.TestKernel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Detached machines with the real QEMU and the project's test kernel: {@code run -d}, {@code ps},
 * {@code logs}, {@code stop}, {@code rm}. The command line runs in this JVM (state in a temporary
 * folder through {@link Paths#STATE_PROPERTY}), except where a test needs the CLI that started a
 * machine to be gone. Every wait polls with a deadline; nothing is left running afterwards.
 */
@Tag("tool")
class DetachedMachinesTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @TempDir
    static Path work;

    static Path kernel;

    @TempDir
    Path state;

    @BeforeAll
    static void buildKernel() throws Exception {
        kernel = TestKernel.build(work);
    }

    @BeforeEach
    void useTemporaryState() {
        System.setProperty(Paths.STATE_PROPERTY, state.toString());
    }

    /** Kills by recorded pid whatever a failed test left running, then checks that nothing is. */
    @AfterEach
    void leaveNothingRunning() throws IOException {
        try {
            for (MachineDirectory machine : machineDirectories()) {
                Stream.of(machine.supervisor(), machine.qemu())
                        .flatMap(Optional::stream)
                        .flatMap(p -> p.handle().stream())
                        .forEach(ProcessHandle::destroyForcibly);
            }
            await("no QEMU left running on the test kernel", () -> qemuProcessesRunning().isEmpty());
            for (MachineDirectory machine : machineDirectories()) {
                await("no supervisor left running for " + machine.path(),
                        () -> machine.supervisor().flatMap(ProcessRecord::handle).isEmpty());
            }
        } finally {
            System.clearProperty(Paths.STATE_PROPERTY);
        }
    }

    @Test
    void aDetachedMachineRunsUntilStoppedAndIsThenRemoved() {
        long start = System.nanoTime();
        CliRun run = CliRun.of("run", "-d", "--name", "hang-1", kernel.toString(), "--", "hang");
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).isEqualTo("hang-1\n");
        assertThat(run.err()).contains("Started hang-1");
        assertThat(took).as("run -d returns while the machine runs").isLessThan(DEADLINE);
        assertThat(psRow("hang-1")).containsExactly("hang-1", "testkernel", "running", psRow("hang-1").get(3), "-");
        await("the console in logs", () -> CliRun.of("logs", "hang-1").out().contains("testkernel: hanging"));
        assertThat(CliRun.of("logs", "hang-1").out()).startsWith("testkernel: booted\n");

        CliRun rm = CliRun.of("rm", "hang-1");
        assertThat(rm.exitCode()).as(rm.toString()).isEqualTo(2);
        assertThat(rm.err()).contains("machine hang-1 is still running").contains("uknative rm -f");
        assertThat(psRow("hang-1")).contains("running");

        CliRun stop = CliRun.of("stop", "hang-1");
        assertThat(stop.exitCode()).as(stop.toString()).isZero();
        assertThat(stop.out()).isEqualTo("hang-1\n");
        assertThat(psRow("hang-1").subList(0, 3)).containsExactly("hang-1", "testkernel", "stopped");
        assertThat(qemuProcessesRunning()).as("QEMU after stop").isEmpty();

        CliRun again = CliRun.of("stop", "hang-1");
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.out()).isEmpty();
        assertThat(again.err()).contains("hang-1 already ended (stopped)");

        CliRun removed = CliRun.of("rm", "hang-1");
        assertThat(removed.exitCode()).as(removed.toString()).isZero();
        assertThat(removed.out()).isEqualTo("hang-1\n");
        assertThat(CliRun.of("ps").out()).doesNotContain("hang-1");
        assertThat(state.resolve("machines/hang-1")).doesNotExist();
    }

    @Test
    void theApplicationsStatusACrashAndATimeoutAreRecorded() throws IOException {
        Path log = state.resolve("five.log");
        String five = start("--name", "five", "--log", log.toString(), kernel.toString(), "--", "status=5", "exit=41");
        String crash = start(kernel.toString(), "--", "exit=42");
        String slow = start("--name", "slow", "--timeout", "1s", kernel.toString(), "--", "hang");
        assertThat(crash).matches("testkernel-[0-9a-f]{6}");

        await("all machines ended", () -> !CliRun.of("ps").out().contains("running"));

        // One ps per machine: its age column may tick between two calls.
        List<String> fiveRow = psRow(five);
        List<String> crashRow = psRow(crash);
        List<String> slowRow = psRow(slow);
        assertThat(fiveRow.subList(2, 5)).containsExactly("exited", fiveRow.get(3), "5");
        assertThat(crashRow.subList(2, 5)).containsExactly("crashed", crashRow.get(3), "134");
        assertThat(slowRow.subList(2, 5)).containsExactly("timed out", slowRow.get(3), "124");
        assertThat(Files.readString(log)).as("--log receives the console too").contains("testkernel: exit 41");
        assertThat(psRow(five).get(3)).endsWith(" ago");
        String json = CliRun.of("ps", "--json").out();
        assertThat(json).contains("\"name\": \"five\"").contains("\"exitStatus\": 5")
                .contains("\"message\": \"the application exited with status 5\"");
        CliRun logs = CliRun.of("logs", "-f", crash);
        assertThat(logs.exitCode()).as(logs.toString()).isZero();
        assertThat(logs.out()).contains("testkernel: exit 42");
    }

    @Test
    void aMachineWhoseProcessesWereKilledIsShownDiedOnceThenForgotten() {
        String name = start(kernel.toString(), "--", "hang");
        MachineDirectory directory = new MachineDirectory(state.resolve("machines").resolve(name));
        List<ProcessHandle> processes = Stream.of(directory.supervisor(), directory.qemu())
                .map(p -> p.orElseThrow().handle().orElseThrow()).toList();

        processes.forEach(ProcessHandle::destroyForcibly); // SIGKILL: neither can record anything
        await("supervisor and QEMU gone", () -> processes.stream().noneMatch(p -> p.isAlive() && !isZombie(p)));

        assertThat(psRow(name).subList(0, 3)).containsExactly(name, "testkernel", "died");
        assertThat(CliRun.of("ps").out()).doesNotContain(name);
        assertThat(directory.path()).doesNotExist();
    }

    @Test
    void theMachineOutlivesTheCliThatStartedIt() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "run", "-d", "--name", "outlives", kernel.toString(), "--", "hang");
        builder.environment().put(Paths.STATE_VARIABLE, state.toString());
        Process cli = builder.redirectErrorStream(false).start();
        String out = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(cli.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS)).as("run -d returned").isTrue();
        String err = new String(cli.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(cli.exitValue()).as(err).isZero();
        assertThat(out).isEqualTo("outlives\n");
        assertThat(cli.isAlive()).isFalse();
        assertThat(psRow("outlives")).contains("running");
        assertThat(qemuProcessesRunning()).hasSize(1);
        await("the console in logs", () -> CliRun.of("logs", "outlives").out().contains("testkernel: booted"));

        CliRun rm = CliRun.of("rm", "-f", "outlives");
        assertThat(rm.exitCode()).as(rm.toString()).isZero();
        assertThat(rm.out()).isEqualTo("outlives\n");
        assertThat(qemuProcessesRunning()).isEmpty();
        assertThat(state.resolve("machines/outlives")).doesNotExist();
    }

    @Test
    void namesAreCheckedBeforeAnythingStarts() {
        CliRun noDetach = CliRun.of("run", "--name", "web", kernel.toString());
        assertThat(noDetach.exitCode()).as(noDetach.toString()).isEqualTo(2);
        assertThat(noDetach.err()).contains("--name is only for detached machines");

        CliRun badName = CliRun.of("run", "-d", "--name", "Web Server", kernel.toString());
        assertThat(badName.exitCode()).as(badName.toString()).isEqualTo(2);
        assertThat(badName.err()).contains("'Web Server' is not a valid machine name").contains("hint:");

        start("--name", "taken", kernel.toString(), "--", "exit=41");
        CliRun taken = CliRun.of("run", "-d", "--name", "taken", kernel.toString(), "--", "exit=41");
        assertThat(taken.exitCode()).as(taken.toString()).isEqualTo(2);
        assertThat(taken.err()).contains("a machine named 'taken' already exists");

        for (String command : List.of("logs", "stop", "rm")) {
            CliRun unknown = CliRun.of(command, "tkaen");
            assertThat(unknown.exitCode()).as(unknown.toString()).isEqualTo(2);
            assertThat(unknown.err()).contains("no machine is named 'tkaen'").contains("hint: known machines: taken");
        }
        await("the machine ended", () -> psRow("taken").contains("exited"));
        assertThat(CliRun.of("rm", "taken").exitCode()).isZero();
    }

    @Test
    void theNewCommandsHaveHelpWithExamples() {
        for (String command : List.of("ps", "logs", "stop", "rm")) {
            CliRun help = CliRun.of(command, "--help");
            assertThat(help.exitCode()).as(help.toString()).isZero();
            assertThat(help.out()).contains("Usage: uknative " + command).contains("Examples:").contains("Exit codes:");
        }
        CliRun top = CliRun.of("--help");
        assertThat(top.out()).contains("ps").contains("logs").contains("stop").contains("rm").doesNotContain("supervise");
        assertThat(CliRun.of("run", "--help").out()).contains("--detach").contains("--name=NAME");
    }

    /** {@code run -d ARGS}, which must succeed; its name. */
    private static String start(String... arguments) {
        List<String> command = new ArrayList<>(List.of("run", "-d"));
        command.addAll(Arrays.asList(arguments));
        CliRun run = CliRun.of(command.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.toString()).isZero();
        return run.out().strip();
    }

    /** The machine's line of {@code ps}, split into its columns; empty when it is not listed. */
    private static List<String> psRow(String name) {
        CliRun ps = CliRun.of("ps");
        assertThat(ps.exitCode()).as(ps.toString()).isZero();
        return ps.out().lines()
                .map(l -> Arrays.asList(l.split("\\s{2,}")))
                .filter(columns -> columns.get(0).equals(name))
                .findFirst().orElse(List.of());
    }

    private List<MachineDirectory> machineDirectories() throws IOException {
        Path root = state.resolve("machines");
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(root)) {
            return entries.map(MachineDirectory::new).toList();
        }
    }

    private static List<ProcessHandle> qemuProcessesRunning() {
        return ProcessHandle.allProcesses()
                .filter(p -> p.isAlive() && !isZombie(p))
                .filter(p -> p.info().commandLine().map(c -> c.contains("qemu") && c.contains(kernel.toString())).orElse(false))
                .toList();
    }

    private static boolean isZombie(ProcessHandle p) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(p.pid()), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) == 'Z';
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out after " + DEADLINE.toSeconds() + "s waiting for: " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted waiting for: " + what);
            }
        }
    }
}
