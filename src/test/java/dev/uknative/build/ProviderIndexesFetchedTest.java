package dev.uknative.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The indexing build reuses what a project's build fetched for its external libraries. */
class ProviderIndexesFetchedTest {

    @TempDir
    Path temp;

    @Test
    void theFetchedArchivesAreCopiedButNotTheExtractedTreesNorOtherLibraries() throws IOException {
        Path project = temp.resolve("project-build");
        Files.createDirectories(project.resolve("libmusl/origin/musl-1.2.3"));
        Files.writeString(project.resolve("libmusl/musl-1.2.3.tar.gz"), "archive bytes");
        Files.writeString(project.resolve("libmusl/.origin"), "make's own marker");
        Files.writeString(project.resolve("libmusl/origin/musl-1.2.3/README"), "extracted");
        Files.createDirectories(project.resolve("libukboot"));
        Files.writeString(project.resolve("libukboot/boot.o"), "an object of the core");
        Path index = temp.resolve("index-build");

        ProviderIndexes.reuseFetched(project, index, List.of("libmusl", "libmuslglue"));

        assertThat(index.resolve("libmusl/musl-1.2.3.tar.gz")).hasContent("archive bytes");
        assertThat(index.resolve("libmusl/.origin")).doesNotExist();
        assertThat(index.resolve("libmusl/origin")).doesNotExist();
        assertThat(index.resolve("libmuslglue")).doesNotExist();
        assertThat(index.resolve("libukboot")).doesNotExist();
    }
}
