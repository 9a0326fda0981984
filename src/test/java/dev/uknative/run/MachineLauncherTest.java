package dev.uknative.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.uknative.core.ExitCode;
import dev.uknative.core.UknativeException;
import dev.uknative.process.ProcessRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Launch failures, with stand-ins for the supervisor; real launches: DetachedMachinesTest. */
class MachineLauncherTest {

    @TempDir
    Path state;

    private MachineDefinition definition(String name) {
        QemuInvocation invocation = new QemuInvocation(List.of("/usr/bin/qemu-system-x86_64"), Path.of("/"), Optional.empty(), Optional.empty());
        return new MachineDefinition(new MachineName(name), Path.of("/k"), Instant.now(), invocation, Optional.empty());
    }

    @Test
    void aSupervisorThatFailsAtOnceIsReportedWithItsLastWords() {
        MachineStore store = new MachineStore(state);

        UknativeException e = catchThrowableOfType(UknativeException.class, () -> new MachineLauncher(new ProcessRunner(), store)
                .launch(definition("m"), dir -> List.of("sh", "-c", "echo 'Error: Could not find or load main class' >&2; exit 1"),
                        Duration.ofSeconds(30)));

        assertThat(e.exitCode()).isEqualTo(ExitCode.TOOL_FAILED);
        assertThat(e.getMessage()).contains("ended before starting QEMU").contains("Could not find or load main class");
        assertThat(e.hint()).get().asString().contains("supervisor.log");
        assertThat(store.find("m")).get().extracting(Machine::state).isEqualTo(MachineState.FAILED);
    }

    @Test
    void aSupervisorThatNeverStartsQemuIsGivenUpAfterTheLimit() {
        MachineStore store = new MachineStore(state);

        UknativeException e = catchThrowableOfType(UknativeException.class, () -> new MachineLauncher(new ProcessRunner(), store)
                .launch(definition("m"), dir -> List.of("sleep", "60"), Duration.ofMillis(500)));

        assertThat(e.getMessage()).contains("did not start QEMU within");
        assertThat(store.find("m")).get().extracting(Machine::state).isEqualTo(MachineState.FAILED);
    }
}
