package dev.uknative.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.uknative.process.ProcessRunner;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link FirecrackerRunner} starting a real program in Firecracker's place (Firecracker needs
 * /dev/kvm, which this machine lacks): a script that reads the configuration file Firecracker would
 * read from its arguments, echoes it as the guest's console, and exits as Firecracker would.
 */
@Tag("tool")
class FirecrackerRunnerToolTest {

    @TempDir
    Path dir;

    private Path standIn(String exit) throws Exception {
        Path script = dir.resolve("firecracker");
        Files.writeString(script, "#!/bin/sh\n[ \"$1\" = --no-api ] && [ \"$2\" = --config-file ] || exit 153\n"
                + "cat \"$3\"\necho Hello from the guest\necho 'Error: stand-in' >&2\nexit " + exit + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    private FirecrackerConfig config() throws Exception {
        Path kernel = Files.write(dir.resolve("hello_fc-x86_64"), new byte[] {0x7f, 'E', 'L', 'F'});
        return new FirecrackerConfig(kernel, "hello_fc-x86_64 -- a", Optional.empty(), 1, 64, List.of());
    }

    @Test
    void writesTheConfigurationStartsFirecrackerOnItAndKeepsTheConsole() throws Exception {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        Path configFile = dir.resolve(".unikraft/firecracker-hello_fc-x86_64.json");
        Path log = dir.resolve(".unikraft/run.log");

        RunOutcome outcome = new FirecrackerRunner(new ProcessRunner(), standIn("0"), false)
                .run(config(), configFile, Optional.of(Duration.ofSeconds(30)), console, errors, Optional.of(log));

        assertThat(outcome.exitStatus()).isZero();
        assertThat(configFile).content().isEqualTo(config().json());
        String shown = console.toString(StandardCharsets.UTF_8);
        assertThat(shown).contains("\"boot_args\" : \"hello_fc-x86_64 -- a\"").contains("Hello from the guest");
        assertThat(log).content().isEqualTo(shown);
        assertThat(errors.toString(StandardCharsets.UTF_8)).contains("Error: stand-in");
        try (var left = Files.list(configFile.getParent())) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(
                    "firecracker-hello_fc-x86_64.json", "run.log");
        }
    }

    @Test
    void firecrackersOwnFailureIsAToolFailureWithItsMessage() throws Exception {
        RunOutcome outcome = new FirecrackerRunner(new ProcessRunner(), standIn("152"), false)
                .run(config(), dir.resolve("fc.json"), Optional.empty(), new ByteArrayOutputStream(), new ByteArrayOutputStream(),
                        Optional.empty());
        assertThat(outcome.exitStatus()).isEqualTo(5);
        assertThat(outcome.message()).hasValue("Firecracker exited with status 152: Error: stand-in");
    }
}
