package dev.uknative.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.uknative.testing.CliRun;
import dev.uknative.testing.Examples;
import dev.uknative.testing.LocalRegistry;
import dev.uknative.testing.RequiresUnikraft;
import dev.uknative.testing.UnikraftCondition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The round trip of issue 13 on a real Unikraft build: build hello world, {@code pkg --push} to
 * Debian's docker-registry on loopback, skopeo reads it, the project is deleted, and
 * {@code run REF} with an empty image cache pulls and boots it, exit 0; packaging again gives the
 * same digest.
 */
@RequiresUnikraft
@Tag("e2e")
class ImageEndToEndTest {

    @TempDir
    Path work;

    @Test
    void helloWorldIsPushedAndRunsFromTheRegistryInAnEmptyFolder() throws Exception {
        Path app = Examples.copy(Path.of("examples/helloworld-c"), work);
        String previousCache = System.getProperty("uknative.cache.dir");
        try (LocalRegistry registry = LocalRegistry.start(work, Optional.empty(), "")) {
            String ref = registry.host() + "/helloworld:1.0";
            Path layout = work.resolve("layout");
            CliRun pkg = CliRun.of("pkg", app.toString(), "--name", ref, "--push", "--output", "oci:" + layout,
                    "--unikraft-source", UnikraftCondition.tree().toString(), "-j2");
            assertThat(pkg.exitCode()).as(pkg.toString()).isZero();
            String digest = pkg.out().strip();
            assertThat(pkg.err()).contains("Packaged " + ref).contains("3 blobs uploaded");

            JsonNode inspect = new ObjectMapper().readTree(LocalRegistry.skopeo("inspect", "--tls-verify=false", "docker://" + ref));
            assertThat(inspect.path("Digest").asText()).isEqualTo(digest);
            assertThat(new ObjectMapper().readTree(layout.resolve("index.json").toFile()).path("manifests").get(0).path("digest").asText())
                    .isEqualTo(digest);

            CliRun again = CliRun.of("pkg", app.toString(), "--name", ref, "--push",
                    "--unikraft-source", UnikraftCondition.tree().toString(), "-j2");
            assertThat(again.out().strip()).as("the same build packaged twice").isEqualTo(digest);
            assertThat(again.err()).contains("0 blobs uploaded, 3 already there");

            // Nothing local left: no project, an empty image cache.
            dev.uknative.core.FileTrees.delete(app);
            System.setProperty("uknative.cache.dir", work.resolve("empty-cache").toString());
            CliRun run = CliRun.of("run", ref, "--timeout", "120s");
            assertThat(run.exitCode()).as(run.toString()).isZero();
            assertThat(run.out()).contains("Hello, World!");
            assertThat(work.resolve("empty-cache/images/blobs/sha256")).isDirectoryContaining(p -> Files.isRegularFile(p));
        } finally {
            if (previousCache != null) {
                System.setProperty("uknative.cache.dir", previousCache);
            }
        }
    }
}
