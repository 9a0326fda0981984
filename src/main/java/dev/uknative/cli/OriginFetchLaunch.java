package dev.uknative.cli;

import dev.uknative.app.Paths;
import dev.uknative.app.Services;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
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
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String classPath = String.join(File.pathSeparator, Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> !e.isEmpty())
                .map(e -> Path.of(e).toAbsolutePath().normalize().toString())
                .toList());
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(JVM_OPTIONS);
        command.add("-D" + Paths.CACHE_PROPERTY + "=" + Paths.cacheHome());
        command.addAll(List.of("-cp", classPath, Main.class.getName(), "origins", "wget"));
        return command;
    }
}
