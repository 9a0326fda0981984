package dev.uknative.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.uknative.process.ProcessRunner;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The supervisor with a shell script standing in for QEMU (exit 83 is QEMU's exit after Unikraft's
 * halt code 41): what it records, and when. The real QEMU: DetachedMachinesTest.
 */
class SupervisorTest {

    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");

    @TempDir
    Path state;

    private final ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();

    private MachineDirectory machine(String script, Optional<Duration> timeout) {
        MachineStore store = new MachineStore(state, Clock.fixed(NOW, ZoneOffset.UTC));
        MachineName name = new MachineName("m");
        MachineDirectory directory = store.directory(name);
        QemuInvocation invocation = new QemuInvocation(List.of("sh", "-c", script), directory.path(),
                Optional.of(directory.statusFile()), timeout);
        return store.create(new MachineDefinition(name, Path.of("/images/kernel"), NOW, invocation, Optional.empty()));
    }

    private MachineEnd supervise(MachineDirectory directory) {
        return new Supervisor(new ProcessRunner(Duration.ofSeconds(2)), Clock.fixed(NOW.plusSeconds(9), ZoneOffset.UTC),
                new PrintStream(diagnostics, true, StandardCharsets.UTF_8)).supervise(directory);
    }

    @Test
    void recordsItsProcessesTheConsoleAndTheEnd() throws Exception {
        MachineDirectory directory = machine("echo booted; echo 'a QEMU warning' >&2; echo uknative-exit:7 > status; exit 83",
                Optional.empty());

        MachineEnd end = supervise(directory);

        assertThat(end).isEqualTo(new MachineEnd(MachineState.EXITED, OptionalInt.of(7),
                Optional.of("the application exited with status 7"), NOW.plusSeconds(9)));
        assertThat(directory.end()).contains(end);
        assertThat(Files.readString(directory.console())).isEqualTo("booted\n");
        assertThat(Files.readString(directory.qemuLog())).isEqualTo("a QEMU warning\n");
        assertThat(directory.supervisor()).contains(ProcessRecord.current());
        assertThat(directory.qemu()).get().satisfies(q -> {
            assertThat(q.pid()).isNotEqualTo(ProcessHandle.current().pid());
            assertThat(q.isAlive()).isFalse();
        });
    }

    @Test
    void aStopRequestedBeforeTheStartStartsNothing() {
        MachineDirectory directory = machine("echo started > started; exit 83", Optional.empty());
        directory.requestStop(NOW);

        MachineEnd end = supervise(directory);

        assertThat(end.state()).isEqualTo(MachineState.STOPPED);
        assertThat(end.exitStatus()).isEmpty();
        assertThat(directory.path().resolve("started")).doesNotExist();
        assertThat(directory.qemu()).isEmpty();
    }

    @Test
    void aMachineThatEndsAfterAStopRequestWasStopped() {
        // QEMU quits with 0 on QMP quit, which alone would read as a reset.
        MachineDirectory directory = machine("touch stop-requested; exit 0", Optional.empty());

        assertThat(supervise(directory).state()).isEqualTo(MachineState.STOPPED);
    }

    @Test
    void theTimeLimitIsKept() {
        MachineDirectory directory = machine("exec sleep 60", Optional.of(Duration.ofMillis(300)));

        MachineEnd end = supervise(directory);

        assertThat(end.state()).isEqualTo(MachineState.TIMED_OUT);
        assertThat(end.exitStatus()).hasValue(124);
        assertThat(end.message()).get().asString().contains("after 300ms");
    }

    @Test
    void aQemuThatCannotStartIsFailed() {
        MachineStore store = new MachineStore(state, Clock.fixed(NOW, ZoneOffset.UTC));
        MachineDirectory target = store.directory(new MachineName("m"));
        QemuInvocation invocation = new QemuInvocation(List.of(state.resolve("no-such-qemu").toString()), state,
                Optional.empty(), Optional.empty());
        MachineDirectory directory = store.create(new MachineDefinition(new MachineName("m"), Path.of("/k"), NOW, invocation, Optional.empty()));

        MachineEnd end = supervise(directory);

        assertThat(directory).isEqualTo(target);
        assertThat(end.state()).isEqualTo(MachineState.FAILED);
        assertThat(end.message()).get().asString().contains("cannot start no-such-qemu");
    }
}
