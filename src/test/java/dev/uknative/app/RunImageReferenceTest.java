package dev.uknative.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run TARGET}: an image reference only when TARGET is no path and names a registry, a tag or a digest. */
class RunImageReferenceTest {

    @TempDir
    Path work;

    @Test
    void runTakesAReferenceOnlyWhenItIsNoPathAndHasARegistryTagOrDigest() throws Exception {
        Path folder = Files.createDirectories(work.resolve("app"));

        assertThat(RunProject.imageReference("localhost:5000/hello")).isPresent();
        assertThat(RunProject.imageReference("ghcr.io/me/hello")).isPresent();
        assertThat(RunProject.imageReference("hello:1.0")).isPresent();
        assertThat(RunProject.imageReference("examples/helloworld-cc")).as("a mistyped folder").isEmpty();
        assertThat(RunProject.imageReference("hello")).isEmpty();
        assertThat(RunProject.imageReference(folder.toString())).isEmpty();
        assertThat(RunProject.imageReference(".")).isEmpty();
    }
}
