package dev.uknative.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

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

    @Test
    void aMissingStatisticsLogCountsNothing() throws Exception {
        assertThat(CompileCache.Statistics.read(Path.of("/nonexistent/stats.log"))).isEqualTo(new CompileCache.Statistics(0, 0));
    }
}
