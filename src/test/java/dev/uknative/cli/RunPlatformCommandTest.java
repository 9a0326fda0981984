package dev.uknative.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.uknative.process.ToolLocator;
import dev.uknative.testing.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run} decides by the target's platform before anything is built: the project here has no
 * Unikraft tree to build with, so any build attempt would fail differently and leave a build folder.
 */
class RunPlatformCommandTest {

    @TempDir
    Path project;

    @BeforeEach
    void kraftfile() throws IOException {
        Files.writeString(project.resolve("Kraftfile"), """
                spec: v0.6
                name: hello
                unikraft: stable
                targets:
                - qemu/x86_64
                - fc/x86_64
                - xen/x86_64
                """);
    }

    @Test
    void anFcTargetWithoutFirecrackerStopsWithExit4BeforeBuilding() {
        assumeTrue(ToolLocator.fromEnvironment().find("firecracker").isEmpty(), "firecracker is on PATH: its absence cannot be tested");
        CliRun run = CliRun.of("run", project.toString(), "--plat", "fc", "--arch", "x86_64");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(4);
        assertThat(run.err()).contains("error: fc/x86_64 runs in Firecracker, and firecracker was not found on PATH (nothing was built)")
                .contains("https://github.com/firecracker-microvm/firecracker/releases");
        assertThat(project.resolve(".unikraft")).doesNotExist();
    }

    @Test
    void aXenTargetIsRefusedBeforeBuilding() {
        CliRun run = CliRun.of("run", project.toString(), "-t", "xen/x86_64");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(4);
        assertThat(run.err()).contains("xen/x86_64 is a Xen target: uknative builds Xen images but does not run them");
        assertThat(project.resolve(".unikraft")).doesNotExist();
    }

    @Test
    void aQemuOnlyFlagOnAnFcTargetIsAUsageError() {
        CliRun run = CliRun.of("run", project.toString(), "-t", "fc/x86_64", "-v", project + ":/data");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).contains("does not take -v");
    }

    @Test
    void allTargetsTakesNoTargetFlag() {
        CliRun run = CliRun.of("build", project.toString(), "--all-targets", "--plat", "fc");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).contains("--all-targets cannot be combined with --target, --plat or --arch");
    }
}
