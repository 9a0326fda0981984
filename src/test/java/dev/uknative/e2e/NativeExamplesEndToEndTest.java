package dev.uknative.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.uknative.testing.CliRun;
import dev.uknative.testing.Examples;
import dev.uknative.testing.RequiresUnikraft;
import dev.uknative.testing.UnikraftCondition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The foreign-language examples with the real Unikraft tree: the Rust one needs nothing Unikraft's
 * default nolibc lacks (printf, abort), so it runs as it is. (The Zig one needs the symbol doctor.)
 */
@RequiresUnikraft
@Tag("e2e")
class NativeExamplesEndToEndTest {

    @TempDir
    Path work;

    @Test
    void theRustExampleIsBuiltWithCargoLinkedAndRuns() throws IOException {
        assumeTrue(Files.isExecutable(Path.of(System.getProperty("user.home"), ".cargo/bin/cargo"))
                || Stream.of(System.getenv("PATH").split(":")).anyMatch(d -> Files.isExecutable(Path.of(d, "cargo"))), "cargo is not installed");
        Path app = Examples.copy(Path.of("examples/helloworld-rust"), work);

        CliRun run = CliRun.of("run", app.toString(), "--timeout", "120s", "--unikraft-source", UnikraftCondition.tree().toString(), "-j2");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.err()).contains("Built native library rs (cargo, release profile)");
        assertThat(run.out()).contains("Hello from Rust (1)").contains("Hello from Rust (3)");
        assertThat(app.resolve(".unikraft/build/native/rs/librs.a")).isRegularFile();
    }
}
