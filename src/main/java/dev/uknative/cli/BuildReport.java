package dev.uknative.cli;

import dev.uknative.build.BuildResult;

/** How a build's result is told on stderr, by {@code build} and {@code run}. */
final class BuildReport {

    private BuildReport() {
    }

    /** Reports the result on stderr and returns it. */
    static BuildResult report(BuildResult result, ConsoleReporter reporter) {
        reporter.endProgress();
        if (result.upToDate()) {
            reporter.info(result.image().getFileName() + " is up to date (" + size(result.imageSize()) + ")");
            return result;
        }
        reporter.info(String.format("Built %s (%s) in %.1fs%s", result.image().getFileName(), size(result.imageSize()),
                result.elapsed().toMillis() / 1000.0,
                result.compiled() == 0 ? ", nothing to compile"
                        : ", " + result.compiled() + (result.compiled() == 1 ? " object" : " objects") + " compiled"));
        result.cache().filter(s -> s.objects() > 0).ifPresent(s -> reporter.info("  " + s.describe()));
        return result;
    }

    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return String.format("%.1f KiB", bytes / 1024.0);
        }
        return String.format("%.1f MiB", bytes / (1024.0 * 1024));
    }
}
