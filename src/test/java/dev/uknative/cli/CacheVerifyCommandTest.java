package dev.uknative.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.uknative.app.Paths;
import dev.uknative.core.Reporter;
import dev.uknative.source.SourceCache;
import dev.uknative.testing.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code uknative cache verify}: 0 when every tree is as fetched, 3 naming the first differing files otherwise. */
class CacheVerifyCommandTest {

    @TempDir
    Path temp;

    private String previousCache;
    private Path tree;

    @BeforeEach
    void setUp() {
        previousCache = System.setProperty(Paths.CACHE_PROPERTY, temp.resolve("cache").toString());
        SourceCache cache = new SourceCache(Paths.sourceCache(), Reporter.SILENT, Clock.systemUTC());
        tree = cache.populate("tar-" + "ab".repeat(32), "https://example.org/lib.tar.gz", "", folder -> {
            Files.writeString(folder.resolve("a.c"), "int a;\n");
            Files.createDirectories(folder.resolve("src"));
            Files.writeString(folder.resolve("src/b.c"), "int b;\n");
        });
    }

    @AfterEach
    void tearDown() {
        if (previousCache == null) {
            System.clearProperty(Paths.CACHE_PROPERTY);
        } else {
            System.setProperty(Paths.CACHE_PROPERTY, previousCache);
        }
    }

    @Test
    void anIntactCacheIsExitZero() {
        CliRun run = CliRun.of("cache", "verify");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).isEqualTo("tar-" + "ab".repeat(32) + "  ok\n");
    }

    @Test
    void aChangedFileIsExitThreeNamingItWithTheHintToPrune() throws IOException {
        Path b = tree.resolve("src/b.c");
        FileTime time = Files.getLastModifiedTime(b);
        Files.writeString(b, "int c;\n");
        Files.setLastModifiedTime(b, time);

        CliRun run = CliRun.of("cache", "verify", "--all");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
        assertThat(run.out()).contains("damaged: 1 file differs from what was fetched: src/b.c (content changed)");
        assertThat(run.err()).contains("1 of 1 cached tree differs").contains("src/b.c").contains("uknative cache prune")
                .doesNotContain("Exception");
    }

    @Test
    void anUnknownKeyIsAUsageError() {
        CliRun run = CliRun.of("cache", "verify", "tar-nothing");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("the cache has no tree tar-nothing");
    }

    @Test
    void helpShowsAnExample() {
        CliRun run = CliRun.of("cache", "verify", "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Examples:").contains("uknative cache verify").contains("sha256");
    }
}
