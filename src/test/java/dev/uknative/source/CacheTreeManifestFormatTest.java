package dev.uknative.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The manifest's text form: read back exactly, and refused when cut short or edited. */
class CacheTreeManifestFormatTest {

    @TempDir
    Path temp;

    @Test
    void oddNamesAndLinksSurviveTheTextForm() throws IOException {
        Path tree = Files.createDirectories(temp.resolve("t"));
        Files.writeString(tree.resolve("tab\there"), "a");
        Files.writeString(tree.resolve("back\\slash"), "bb");
        Files.createDirectories(tree.resolve("sub"));
        Files.writeString(tree.resolve("sub/new\nline"), "ccc");
        Files.createSymbolicLink(tree.resolve("link"), Path.of("sub/"));
        Files.createDirectories(tree.resolve(".git/objects"));
        Files.writeString(tree.resolve(".git/index"), "changes as git pleases");

        TreeManifest made = TreeManifest.of(tree);
        TreeManifest read = TreeManifest.parse(made.render()).orElseThrow();

        assertThat(read.size()).isEqualTo(4);
        assertThat(read.render()).isEqualTo(made.render());
        assertThat(read.fullDifferences(tree)).isEmpty();
        Files.writeString(tree.resolve(".git/index"), "changed again");
        assertThat(read.quickDifferences(tree)).as(".git is left out").isEmpty();
    }

    @Test
    void aManifestCutAtALineBoundaryOrEditedIsRefused() throws IOException {
        Path tree = Files.createDirectories(temp.resolve("t"));
        for (int i = 0; i < 5; i++) {
            Files.writeString(tree.resolve("f" + i), "x".repeat(i));
        }
        String text = TreeManifest.of(tree).render();
        String[] lines = text.split("\n");

        for (int keep = 0; keep < lines.length; keep++) {
            String cut = String.join("\n", java.util.Arrays.copyOf(lines, keep)) + "\n";
            assertThat(TreeManifest.parse(cut)).as("cut to %d lines", keep).isEmpty();
        }
        assertThat(TreeManifest.parse(text.replace("\tf3\n", "\tf9\n"))).isEmpty();
        assertThat(TreeManifest.parse(text.substring(0, text.length() - 1))).isEmpty();
        assertThat(TreeManifest.parse(text)).isPresent();
    }
}
