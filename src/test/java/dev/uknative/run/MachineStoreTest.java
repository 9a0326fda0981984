package dev.uknative.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.uknative.core.ExitCode;
import dev.uknative.core.UknativeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The state store on files made here; "alive" processes are this JVM, dead ones a finished child. */
class MachineStoreTest {

    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");

    @TempDir
    Path state;

    private MachineStore store(Instant now) {
        return new MachineStore(state.resolve("machines"), Clock.fixed(now, ZoneOffset.UTC));
    }

    private MachineDefinition definition(String name, Instant created) {
        MachineStore store = store(created);
        MachineDirectory directory = store.directory(new MachineName(name));
        MachineSpec spec = MachineSpec.builder(Path.of("/images/hello_qemu-x86_64"))
                .commandLine("a,b=c \"two words\" ünïcode")
                .statusFile(Optional.of(directory.statusFile()))
                .qmpSocket(Optional.of(directory.qmpSocket()))
                .timeout(Optional.of(Duration.ofMillis(1500)))
                .build();
        return new MachineDefinition(new MachineName(name), spec.kernel(), created,
                QemuInvocation.of(spec, Path.of("/usr/bin/qemu-system-x86_64")), Optional.of(Path.of("/tmp/run, log")));
    }

    @Test
    void theDefinitionIsReadBackAsItWasWritten() {
        MachineDefinition written = definition("web", NOW);

        MachineDirectory directory = store(NOW).create(written);

        assertThat(directory.definition()).contains(written);
        assertThat(directory.path()).isEqualTo(state.resolve("machines/web"));
        assertThat(state.resolve("machines")).isDirectory();
    }

    @Test
    void aTakenNameIsAUsageError() {
        store(NOW).create(definition("web", NOW));

        UknativeException e = catchThrowableOfType(UknativeException.class, () -> store(NOW).create(definition("web", NOW)));

        assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(e.getMessage()).contains("already exists");
        assertThat(listing()).containsExactly("web");
    }

    @Test
    void aFreshMachineWithoutSupervisorIsStartingAndLaterDied() {
        store(NOW).create(definition("web", NOW));

        assertThat(store(NOW.plusSeconds(5)).find("web")).get().extracting(Machine::state).isEqualTo(MachineState.STARTING);
        assertThat(store(NOW.plus(MachineStore.STARTUP_GRACE).plusSeconds(1)).find("web")).get()
                .extracting(Machine::state).isEqualTo(MachineState.DIED);
    }

    @Test
    void runningWhileTheSupervisorOrQemuRuns() {
        MachineDirectory directory = store(NOW).create(definition("web", NOW));
        directory.writeSupervisor(ProcessRecord.current());
        assertThat(store(NOW).find("web").orElseThrow().state()).isEqualTo(MachineState.STARTING);

        directory.writeQemu(ProcessRecord.current());
        assertThat(store(NOW).find("web").orElseThrow().state()).isEqualTo(MachineState.RUNNING);

        directory.writeSupervisor(deadProcess());
        assertThat(store(NOW).find("web").orElseThrow().state()).as("QEMU alone still runs").isEqualTo(MachineState.RUNNING);
    }

    @Test
    void bothProcessesGoneWithoutAnEndIsDied() throws Exception {
        MachineDirectory directory = store(NOW).create(definition("web", NOW));
        directory.writeSupervisor(deadProcess());
        directory.writeQemu(deadProcess());

        assertThat(store(NOW).find("web").orElseThrow().state()).isEqualTo(MachineState.DIED);
    }

    @Test
    void aReusedPidIsNotTheRecordedProcess() {
        ProcessRecord me = ProcessRecord.current();
        ProcessRecord startedLongBefore = new ProcessRecord(me.pid(), me.started().map(s -> s.minusSeconds(3600)), me.command());
        ProcessRecord anotherProgram = new ProcessRecord(me.pid(), me.started(), Optional.of("/usr/bin/qemu-system-x86_64"));

        assertThat(me.isAlive()).isTrue();
        assertThat(startedLongBefore.isAlive()).isFalse();
        assertThat(anotherProgram.isAlive()).isFalse();
    }

    @Test
    void theRecordedEndWins() {
        MachineDirectory directory = store(NOW).create(definition("web", NOW));
        directory.writeSupervisor(ProcessRecord.current());
        directory.writeQemu(ProcessRecord.current());
        MachineEnd end = new MachineEnd(MachineState.EXITED, OptionalInt.of(5), Optional.of("the application exited with status 5"),
                NOW.plusSeconds(3));
        directory.writeEnd(end);

        Machine machine = store(NOW).find("web").orElseThrow();

        assertThat(machine.state()).isEqualTo(MachineState.EXITED);
        assertThat(machine.end()).contains(end);
    }

    @Test
    void listsOldestFirstAndSkipsWhatIsNoMachine() throws Exception {
        store(NOW).create(definition("zeta", NOW));
        store(NOW).create(definition("alpha", NOW.plusSeconds(1)));
        Files.createDirectories(state.resolve("machines/.new-half-made"));
        Files.createDirectories(state.resolve("machines/no-definition"));

        assertThat(listing()).containsExactly("zeta", "alpha");
    }

    @Test
    void anUnknownNameListsTheKnownOnes() {
        store(NOW).create(definition("web", NOW));
        store(NOW).create(definition("db", NOW));

        UknativeException e = catchThrowableOfType(UknativeException.class, () -> store(NOW).require("wbe"));

        assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(e.getMessage()).contains("no machine is named 'wbe'");
        assertThat(e.hint()).get().asString().contains("web").contains("db");
        assertThat(store(NOW).find("../machines")).isEmpty();
    }

    @Test
    void removeDeletesTheFolder() {
        MachineDirectory directory = store(NOW).create(definition("web", NOW));
        directory.writeEnd(MachineEnd.stopped(NOW));

        store(NOW).remove(store(NOW).find("web").orElseThrow());

        assertThat(directory.path()).doesNotExist();
        assertThat(listing()).isEmpty();
    }

    @Test
    void aControlSocketPathTooLongForUnixIsRefusedUpFront() {
        MachineStore deep = new MachineStore(state.resolve("x".repeat(100)), Clock.fixed(NOW, ZoneOffset.UTC));
        MachineDefinition definition = definition("web", NOW);

        UknativeException e = catchThrowableOfType(UknativeException.class, () -> deep.create(definition));

        assertThat(e.exitCode()).isEqualTo(ExitCode.ENVIRONMENT);
        assertThat(e.hint()).get().asString().contains("UKNATIVE_STATE_DIR");
    }

    @Test
    void stateFilesAreReplacedWholeAndLeaveNoTemporaryFiles() throws Exception {
        MachineDirectory directory = store(NOW).create(definition("web", NOW));
        directory.writeEnd(MachineEnd.failed("first", NOW));
        directory.writeEnd(MachineEnd.failed("line one\nline two = x", NOW));

        assertThat(directory.end()).get().extracting(e -> e.message().orElseThrow()).isEqualTo("line one\nline two = x");
        try (var files = Files.list(directory.path())) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactlyInAnyOrder("machine.properties", "end.properties");
        }
    }

    private List<String> listing() {
        return store(NOW).list().stream().map(m -> m.name().value()).toList();
    }

    /** A process that has ended (and been reaped): its record names nobody alive. */
    private static ProcessRecord deadProcess() {
        try {
            Process p = new ProcessBuilder("true").start();
            ProcessRecord record = ProcessRecord.of(p.toHandle());
            p.waitFor(30, TimeUnit.SECONDS);
            return new ProcessRecord(record.pid(), Optional.of(Instant.EPOCH), Optional.of("/bin/true"));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
