package dev.uknative.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.uknative.process.ToolLocator;
import dev.uknative.testing.CliRun;
import dev.uknative.testing.Examples;
import dev.uknative.testing.RequiresUnikraft;
import dev.uknative.testing.UnikraftCondition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The platforms besides QEMU on a real Unikraft tree ({@code UKNATIVE_TEST_UNIKRAFT}): Firecracker and
 * Xen images build, {@code run} of an fc image without Firecracker stops with exit 4 naming it (issue
 * 15's "done when"), and {@code build --all-targets} on the catalog's helloworld-c
 * ({@code UKNATIVE_TEST_CATALOG}) prints one line per target. Several minutes: a make per target.
 */
@RequiresUnikraft
@Tag("e2e")
class TargetsEndToEndTest {

    @TempDir
    Path work;

    @Test
    void anFcImageBuildsAndItsRunWithoutFirecrackerExits4NamingIt() throws IOException {
        assumeTrue(ToolLocator.fromEnvironment().find("firecracker").isEmpty(), "firecracker is on PATH: its absence cannot be tested");
        Path app = withTargets(Examples.copy(Path.of("examples/helloworld-c"), work), "fc/x86_64", "xen/x86_64");

        CliRun build = uknative("build", app.toString(), "--plat", "fc", "--arch", "x86_64");
        assertThat(build.exitCode()).as(build.toString()).isZero();
        Path image = app.resolve(".unikraft/build/helloworld_fc-x86_64");
        assertThat(build.out().strip()).isEqualTo(image.toString());
        assertThat(image).isNotEmptyFile();
        assertThat(app.resolve(".config.helloworld_fc-x86_64")).content()
                .contains("CONFIG_KVM_VMM_FIRECRACKER=y").doesNotContain("CONFIG_LIBUKNATIVE_EXITSTATUS=y");

        CliRun run = uknative("run", app.toString(), "--plat", "fc", "--arch", "x86_64");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(4);
        assertThat(run.err()).contains("firecracker was not found on PATH").contains("Firecracker").doesNotContain("Built");

        // Xen: no exit() for the exit-status library to wrap, so it is left out and the image links
        CliRun xen = uknative("build", app.toString(), "-t", "xen/x86_64");
        assertThat(xen.exitCode()).as(xen.toString()).isZero();
        assertThat(app.resolve(".unikraft/build/helloworld_xen-x86_64")).isNotEmptyFile();
    }

    @Test
    void allTargetsOfTheCatalogHelloWorldBuildOneLineEach() throws IOException {
        String catalog = System.getenv("UKNATIVE_TEST_CATALOG");
        assumeTrue(catalog != null, "UKNATIVE_TEST_CATALOG is not set (a checkout of unikraft/catalog)");
        Path app = Examples.copy(Path.of(catalog, "native", "helloworld-c"), work);

        CliRun all = uknative("build", app.toString(), "--all-targets");

        List<String> lines = all.out().lines().toList();
        assertThat(lines).as(all.toString()).hasSize(5);
        for (String target : List.of("fc/arm64", "fc/x86_64", "qemu/arm64", "qemu/x86_64", "xen/x86_64")) {
            assertThat(lines).as(all.toString()).anyMatch(l -> l.startsWith(target + " ") && l.contains(" ok ")
                    && l.endsWith("helloworld_" + target.replace('/', '-')));
        }
        assertThat(all.exitCode()).as(all.toString()).isZero();
        assertThat(all.err()).contains("Target 5 of 5: xen/x86_64");
    }

    private static Path withTargets(Path app, String... targets) throws IOException {
        String kraftfile = Files.readString(app.resolve("Kraftfile"));
        StringBuilder list = new StringBuilder();
        for (String t : targets) {
            list.append("  - ").append(t).append('\n');
        }
        Files.writeString(app.resolve("Kraftfile"), kraftfile.replace("  - qemu/x86_64\n", "  - qemu/x86_64\n" + list));
        return app;
    }

    private static CliRun uknative(String... args) {
        return CliRun.of(Stream.concat(Stream.of(args), Stream.of("--unikraft-source", UnikraftCondition.tree().toString(), "-j2"))
                .toArray(String[]::new));
    }
}
