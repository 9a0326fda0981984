package dev.uknative.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.uknative.process.ProcessRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompileCacheTest {

    /** Two compilations as ccache 4.7 logs them (a miss, then a direct hit) and a preprocessing-only call. */
    @Test
    void statisticsCountHitsAndMissesButNotCallsCcacheCannotCache() {
        CompileCache.Statistics stats = CompileCache.Statistics.parse(List.of(
                "# a.c", "cache_miss", "direct_cache_miss", "local_storage_miss", "local_storage_write", "preprocessed_cache_miss",
                "# a.c", "direct_cache_hit", "local_storage_hit",
                "# b.c", "direct_cache_miss", "preprocessed_cache_hit",
                "# a.c", "called_for_preprocessing"));

        assertThat(stats).isEqualTo(new CompileCache.Statistics(2, 1));
        assertThat(stats.describe()).isEqualTo("2 of 3 objects from the compile cache");
    }

    @Test
    void makeCompilesThroughCcacheWithTheCrossPrefixMakeChoosesAndTheBuildFolderAsBase() {
        CompileCache cache = CompileCache.in(Path.of("/usr/bin/ccache"), Path.of("/home/u/.cache/uknative"));

        assertThat(cache.makeVariables()).containsEntry("CC", "/usr/bin/ccache $(CONFIG_CROSS_COMPILE)$(CONFIG_COMPILER)");
        assertThat(cache.environment(Path.of("/p/.unikraft/build"), Path.of("/p/.unikraft/build/uknative/s.log")))
                .containsEntry("CCACHE_DIR", "/home/u/.cache/uknative/ccache")
                .containsEntry("CCACHE_BASEDIR", "/p/.unikraft/build")
                .containsEntry("CCACHE_NOHASHDIR", "1")
                .containsEntry("CCACHE_STATSLOG", "/p/.unikraft/build/uknative/s.log");
    }

    @Tag("tool")
    @Test
    void pruningKeepsRecentObjectsAndClearingEmptiesTheCache(@TempDir Path dir) throws Exception {
        Path ccache = Path.of("/usr/bin/ccache");
        Assumptions.assumeTrue(Files.isExecutable(ccache), "ccache is not installed");
        CompileCache cache = CompileCache.in(ccache, dir.resolve("uknative"));
        Files.writeString(dir.resolve("a.c"), "int f(void) { return 42; }\n");
        ProcessBuilder compile = new ProcessBuilder(ccache.toString(), "gcc", "-c", "a.c", "-o", "a.o").directory(dir.toFile())
                .redirectErrorStream(true);
        compile.environment().putAll(cache.environment(dir, dir.resolve("stats.log")));
        assertThat(compile.start().waitFor()).isZero();
        assertThat(CompileCache.Statistics.read(dir.resolve("stats.log"))).isEqualTo(new CompileCache.Statistics(0, 1));

        CompileCache.Pruned recent = cache.prune(new ProcessRunner(), Optional.of(Duration.ofDays(1)));
        CompileCache.Pruned all = cache.prune(new ProcessRunner(), Optional.empty());

        assertThat(recent.bytes()).as("an object used today stays").isZero();
        assertThat(all.before()).isGreaterThan(0);
        assertThat(all.bytes()).isGreaterThan(0);
        assertThat(all.after()).isLessThan(all.before());
    }

    @Test
    void aMissingStatisticsLogCountsNothing() throws Exception {
        assertThat(CompileCache.Statistics.read(Path.of("/nonexistent/stats.log"))).isEqualTo(new CompileCache.Statistics(0, 0));
    }
}
