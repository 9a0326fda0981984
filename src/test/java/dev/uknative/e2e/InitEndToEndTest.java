package dev.uknative.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.uknative.testing.CliRun;
import dev.uknative.testing.RequiresUnikraft;
import dev.uknative.testing.UnikraftCondition;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code uknative init} makes a project that builds and runs unmodified, with the real Unikraft tree. */
@RequiresUnikraft
@Tag("e2e")
class InitEndToEndTest {

    @TempDir
    Path work;

    @Test
    void aNewCProjectBuildsAndRunsAsGenerated() {
        Path app = work.resolve("fresh");
        CliRun init = CliRun.of("init", "--lang", "c", app.toString());
        assertThat(init.exitCode()).as(init.toString()).isZero();

        CliRun run = CliRun.of("run", app.toString(), "--timeout", "120s", "--unikraft-source", UnikraftCondition.tree().toString(), "-j2",
                "--", "one");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("Hello from a native Unikraft unikernel!").contains("argv[1] = one");
        assertThat(run.err()).contains("Built fresh_qemu-x86_64");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"zig", "rust"})
    void aNewForeignProjectBuildsAndRunsAsGeneratedThroughTheSymbolDoctor(String lang) {
        if (lang.equals("zig")) {
            org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv("ZIG") != null, "ZIG is not set (./scripts/test sets it)");
        }
        Path app = work.resolve("fresh" + lang);
        CliRun init = CliRun.of("init", "--lang", lang, app.toString());
        assertThat(init.exitCode()).as(init.toString()).isZero();

        CliRun run = CliRun.of("run", app.toString(), "--timeout", "120s", "--unikraft-source", UnikraftCondition.tree().toString(), "-j2");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("add(2, 3) = 5");
    }
}
