package dev.uknative.build;

import dev.uknative.core.UknativeException;
import dev.uknative.process.OutputSink;
import dev.uknative.process.ProcessResult;
import dev.uknative.process.ProcessRunner;
import dev.uknative.process.ProcessSpec;
import dev.uknative.process.TailLines;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The compile cache shared by every project: Debian's ccache in front of Unikraft's compiler.
 *
 * <p>Unikraft sets {@code CC := $(CONFIG_CROSS_COMPILE)$(CONFIG_COMPILER)}; a {@code CC=} on make's
 * command line overrides that assignment, and, being recursively expanded, still picks up the cross
 * prefix that the configuration or the architecture's Makefile.uk chooses later. {@code CPP} and
 * {@code AS} follow {@code CC}; ccache passes preprocessing-only and link calls through.
 *
 * <p>Two projects in different folders share their objects: Unikraft compiles in the build folder
 * ({@code .unikraft/build}, its sub-make's working directory) with absolute paths. Its sources' paths
 * are the same for every project of one Unikraft tree; the build folder's own (generated headers,
 * {@code -o}, dependency files) differ, so {@code base_dir} is the build folder: ccache makes those
 * relative ({@code include/uk/_config.h}) and leaves the tree's absolute, which gives the same hash
 * from any folder. {@code base_dir=/} would not: the tree's paths, relative to build folders at other
 * depths, would differ. The working directory is not hashed ({@code hash_dir=false}): an object taken
 * from the cache keeps the {@code DW_AT_comp_dir} of the build that stored it, which only matters for
 * the generated headers, the one thing a debugger finds relative to it. Each make writes its own
 * statistics log ({@code CCACHE_STATSLOG}) in its build folder, so builds that run at the same time
 * count only their own compilations.
 *
 * @param ccache    the ccache program
 * @param directory the cache ({@code $XDG_CACHE_HOME/uknative/ccache})
 */
public record CompileCache(Path ccache, Path directory) {

    /** The folder under uknative's cache where the objects are kept. */
    public static final String FOLDER = "ccache";

    public CompileCache {
        Objects.requireNonNull(ccache, "ccache");
        directory = directory.toAbsolutePath().normalize();
    }

    /** ccache's cache inside uknative's cache folder. */
    public static CompileCache in(Path ccache, Path uknativeCache) {
        return new CompileCache(ccache, uknativeCache.resolve(FOLDER));
    }

    /** What goes on make's command line. */
    Map<String, String> makeVariables() {
        return Map.of("CC", ccache + " $(CONFIG_CROSS_COMPILE)$(CONFIG_COMPILER)");
    }

    /**
     * ccache's settings for one make run in {@code buildDirectory}, writing its statistics to
     * {@code statsLog}.
     */
    Map<String, String> environment(Path buildDirectory, Path statsLog) {
        return Map.of(
                "CCACHE_DIR", directory.toString(),
                "CCACHE_BASEDIR", buildDirectory.toAbsolutePath().normalize().toString(),
                "CCACHE_NOHASHDIR", "1",
                "CCACHE_STATSLOG", statsLog.toString());
    }

    /** What {@link #prune} removed: the cache's size before and after. */
    public record Pruned(long before, long after) {
        public long bytes() {
            return Math.max(0, before - after);
        }
    }

    /**
     * Removes the objects last used more than {@code olderThan} ago ({@code ccache --evict-older-than};
     * ccache marks an object used on every hit), or all of them ({@code ccache --clear}).
     */
    public Pruned prune(ProcessRunner runner, Optional<Duration> olderThan) {
        if (!Files.isDirectory(directory)) {
            return new Pruned(0, 0);
        }
        long before = size(directory);
        List<String> command = new ArrayList<>(List.of(ccache.toString()));
        if (olderThan.isPresent()) {
            command.add("--evict-older-than");
            command.add(Math.max(1, olderThan.get().toSeconds()) + "s");
        } else {
            command.add("--clear");
        }
        TailLines tail = new TailLines(10);
        ProcessResult result = runner.run(ProcessSpec.of(command, directory).withEnvironment(Map.of("CCACHE_DIR", directory.toString()))
                .withMergedStderr(), tail.sink(), OutputSink.DISCARD);
        if (!result.succeeded()) {
            throw UknativeException.toolFailed("ccache could not prune " + directory + " (exit " + result.exitCode() + "): " + String.join(" / ", tail.lines()),
                    "remove the folder by hand: it holds only cached objects");
        }
        return new Pruned(before, size(directory));
    }

    private static long size(Path tree) {
        try (Stream<Path> files = Files.walk(tree)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> {
                try {
                    return Files.size(f);
                } catch (IOException e) {
                    return 0; // removed while we walked: ccache may clean up at the same time
                }
            }).sum();
        } catch (IOException | java.io.UncheckedIOException e) {
            return 0;
        }
    }

    /**
     * How many compilations of one make run came from the cache.
     *
     * @param hits   results taken from the cache
     * @param misses compiled and then stored
     */
    public record Statistics(int hits, int misses) {

        public int objects() {
            return hits + misses;
        }

        /** "97 of 105 objects from the compile cache". */
        public String describe() {
            return hits + " of " + objects() + (objects() == 1 ? " object" : " objects") + " from the compile cache";
        }

        /**
         * Reads a statistics log: one {@code # <source>} line per compilation followed by the counters it
         * touched ({@code direct_cache_hit}, {@code preprocessed_cache_hit}, {@code cache_miss}, or why
         * ccache could not cache the call). A missing log counts nothing.
         */
        public static Statistics read(Path log) throws IOException {
            if (!Files.isRegularFile(log)) {
                return new Statistics(0, 0);
            }
            return parse(Files.readAllLines(log, StandardCharsets.UTF_8));
        }

        static Statistics parse(List<String> lines) {
            int hits = 0;
            int misses = 0;
            for (String line : lines) {
                switch (line.strip()) {
                    case "direct_cache_hit", "preprocessed_cache_hit" -> hits++;
                    case "cache_miss" -> misses++;
                    default -> {
                    }
                }
            }
            return new Statistics(hits, misses);
        }
    }
}
