package dev.uknative.cli;

import dev.uknative.app.Paths;
import dev.uknative.app.Services;
import java.util.ArrayList;
import java.util.List;

/**
 * The command make runs as {@code $(WGET)} during a build: this uknative's JVM and class path running
 * {@code uknative origins wget}, with this uknative's cache folder (so that tests and
 * {@code uknative.cache.dir} reach the same origin cache).
 */
final class OriginFetchLaunch {

    /** A fetch only copies or downloads one file: a small heap and the quickest start. */
    private static final List<String> JVM_OPTIONS = List.of("-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto");

    private OriginFetchLaunch() {
    }

    /** The services of a command that builds: make's downloads go through the origin cache. */
    static Services services(boolean offline) {
        return new Services(offline, OriginFetchLaunch::commandLine);
    }

    static List<String> commandLine() {
        List<String> options = new ArrayList<>(JVM_OPTIONS);
        options.add("-D" + Paths.CACHE_PROPERTY + "=" + Paths.cacheHome());
        return ChildJvm.command(options, List.of("origins", "wget"));
    }
}
