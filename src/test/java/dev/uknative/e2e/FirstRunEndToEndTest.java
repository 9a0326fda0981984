package dev.uknative.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.uknative.testing.Examples;
import dev.uknative.testing.GitDaemon;
import dev.uknative.testing.RequiresUnikraft;
import dev.uknative.testing.UnikraftCondition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * README's first command on a machine with nothing in its cache: {@code uknative run
 * examples/helloworld-c}, no flag, no checkout. The Kraftfile's {@code version: 0.17.0} goes through
 * a manifest ({@code UKNATIVE_MANIFEST}) whose release is a tag of the Unikraft clone
 * {@code UKNATIVE_TEST_UNIKRAFT}, served by {@code git daemon} on loopback; uknative fetches that one
 * commit shallow, builds and boots it in a child JVM with a fresh {@code XDG_CACHE_HOME}.
 */
@RequiresUnikraft
@Tag("e2e")
class FirstRunEndToEndTest {

    @TempDir
    Path work;

    @Test
    void runWithNoFlagsFetchesTheReleaseBuildsAndSaysHello() throws Exception {
        assumeTrue(GitDaemon.available(), "git is not installed");
        Path cwd = Files.createDirectories(work.resolve("clone"));
        Examples.copy(Path.of("examples/helloworld-c").toAbsolutePath(), Files.createDirectories(cwd.resolve("examples")));
        try (GitDaemon daemon = GitDaemon.serve(UnikraftCondition.tree(), work.resolve("daemon.log"))) {
            Path manifest = work.resolve("manifest.yaml");
            Files.writeString(manifest, """
                    name: unikraft
                    type: core
                    origin: %1$s
                    versions:
                      - version: 0.17.0
                        type: git
                        resource: %1$s@RELEASE-0.17.0
                    """.formatted(daemon.url()));
            Path log = work.resolve("run.log");
            ProcessBuilder child = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), "dev.uknative.cli.Main", "run", "examples/helloworld-c"))
                    .directory(cwd.toFile()).redirectErrorStream(true).redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            child.environment().remove("UKNATIVE_UNIKRAFT_SOURCE");
            child.environment().put("UKNATIVE_MANIFEST", manifest.toString());
            child.environment().put("XDG_CACHE_HOME", work.resolve("xdg-cache").toString());
            Process process = child.start();
            boolean ended = process.waitFor(10, TimeUnit.MINUTES);
            if (!ended) {
                process.destroyForcibly().waitFor();
            }
            String output = Files.readString(log);
            System.out.println("[first run] " + output.lines().filter(l -> l.contains("unikraft:") || l.contains("Hello")
                    || l.contains("fetching")).toList());
            assertThat(ended).as(output).isTrue();
            assertThat(process.exitValue()).as(output).isZero();
            assertThat(output).contains("Hello, World!").contains("unikraft: 0.17.0 is tag RELEASE-0.17.0");
            Path mirrors = work.resolve("xdg-cache/uknative/sources/git");
            try (var found = Files.list(mirrors)) {
                Path mirror = found.filter(Files::isDirectory).findFirst().orElseThrow();
                assertThat(mirror.resolve("shallow")).as("the release was fetched without its history").exists();
            }
        }
    }
}
