package dev.uknative.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.uknative.testing.LoopbackServer;
import dev.uknative.testing.Tarballs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every cached tree has a manifest of what it held when made; a tree changed since (a file edited,
 * deleted or added) is found on its next use, said so, and fetched again; {@code verify} hashes every
 * file and finds what sizes and times do not show.
 */
class CacheManifestTest {

    @TempDir
    Path temp;

    private LoopbackServer server;
    private byte[] release;
    private Sources sources;
    private Path project;

    @BeforeEach
    void serve() throws IOException {
        server = new LoopbackServer();
        release = Tarballs.fakeUnikraft("unikraft-RELEASE-0.17.0", 17, "seventeen");
        server.serve("/r.tar.gz", release);
        sources = new Sources(temp.resolve("cache"), Optional.empty());
        project = temp.resolve("app");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Path resolve() throws IOException {
        return sources.resolve(Sources.kraftfile(project, "unikraft:\n  source: " + server.url("/r.tar.gz")
                + "\n  version: sha256:" + Tarballs.sha256(release) + "\n")).unikraft().path();
    }

    @Test
    void aNewTreeHasAManifestBesideIt() throws IOException {
        Path tree = resolve();

        Path manifest = tree.resolveSibling(tree.getFileName() + ".manifest");
        assertThat(manifest).isRegularFile();
        TreeManifest read = TreeManifest.parse(Files.readString(manifest)).orElseThrow();
        assertThat(read.quickDifferences(tree)).isEmpty();
        assertThat(read.fullDifferences(tree)).isEmpty();
        assertThat(Files.readString(manifest)).contains("\tmarker.txt\n").contains("\tMakefile\n");
    }

    @Test
    void aHalfDeletedTreeIsCalledDamagedAndFetchedAgain() throws IOException {
        Path tree = resolve();
        Files.delete(tree.resolve("Makefile"));
        Files.delete(tree.resolve("Config.uk"));
        int downloads = server.requests("/r.tar.gz");

        Path again = resolve();

        assertThat(again.resolve("Makefile")).exists();
        assertThat(server.requests("/r.tar.gz")).isEqualTo(downloads + 1);
        assertThat(sources.messages).anySatisfy(m -> assertThat(m).startsWith("warn: the cached tree " + tree)
                .contains("is damaged").contains("Makefile (missing)").contains("Config.uk (missing)").contains("fetching it again"));
    }

    @Test
    void anEditedFileIsFoundOnTheNextUseAndTheTreeFetchedAgain() throws IOException {
        Path tree = resolve();
        Files.writeString(tree.resolve("marker.txt"), "edited by hand\n");

        Path again = resolve();

        assertThat(again.resolve("marker.txt")).content().contains("seventeen");
        assertThat(sources.said("marker.txt (size")).isTrue();
    }

    @Test
    void aFileOfTheSameSizeWithItsTimeChangedIsFoundToo() throws IOException {
        Path tree = resolve();
        Path marker = tree.resolve("marker.txt");
        Files.setLastModifiedTime(marker, FileTime.fromMillis(Files.getLastModifiedTime(marker).toMillis() + 5_000));

        resolve();

        assertThat(sources.said("marker.txt (modified since it was fetched)")).isTrue();
    }

    @Test
    void anAddedFileAndAMissingManifestAreFound() throws IOException {
        Path tree = resolve();
        Files.writeString(tree.resolve("extra.c"), "int x;\n");
        resolve();
        assertThat(sources.said("extra.c (added)")).isTrue();

        Path again = resolve();
        Files.delete(again.resolveSibling(again.getFileName() + ".manifest"));
        resolve();
        assertThat(sources.said("no valid manifest")).isTrue();
    }

    @Test
    void verifyHashesEveryFileAndFindsWhatSizeAndTimeHide() throws IOException {
        Path tree = resolve();
        Path marker = tree.resolve("marker.txt");
        String before = Files.readString(marker);
        FileTime time = Files.getLastModifiedTime(marker);
        Files.writeString(marker, before.replace('s', 'S'));
        Files.setLastModifiedTime(marker, time);
        SourceCache cache = sources.cache();

        assertThat(cache.tree(tree.getFileName().toString())).as("sizes and times are unchanged").contains(tree);
        SourceCache.Verified verified = cache.verify(Optional.empty()).get(0);

        assertThat(verified.intact()).isFalse();
        assertThat(verified.differences()).singleElement().hasToString("marker.txt (content changed)");
        assertThat(cache.verify(Optional.of("tar-nothing"))).isEmpty();
    }

    @Test
    void aNewTreeWithALinkOutIsRefusedWhateverFilledIt() {
        SourceCache cache = sources.cache();
        AtomicInteger fills = new AtomicInteger();

        Throwable e = org.assertj.core.api.Assertions.catchThrowable(() -> cache.populate("git-abc", "https://example.org/x.git", "main",
                folder -> {
                    fills.incrementAndGet();
                    Files.createDirectories(folder.resolve("a"));
                    Files.createSymbolicLink(folder.resolve("a/r"), Path.of(".."));
                    Files.createSymbolicLink(folder.resolve("h"), Path.of("a/r/a/r/../../.."));
                }));

        assertThat(e).hasMessageContaining("has a link that leaves its tree: h -> a/r/a/r/../../..");
        assertThat(fills).hasValue(1);
        assertThat(temp.resolve("cache/trees/git-abc")).doesNotExist();
    }
}
