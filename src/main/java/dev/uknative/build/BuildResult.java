package dev.uknative.build;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * A finished build.
 *
 * @param compiled   objects compiled by this make run (0 when nothing changed)
 * @param configured whether the configuration was regenerated
 * @param upToDate   nothing changed since the last successful build, so make was not run
 * @param cache      what the compile cache gave this make run, when make ran through it
 */
public record BuildResult(Path image, long imageSize, int compiled, boolean configured, boolean upToDate, Duration elapsed,
                          Optional<CompileCache.Statistics> cache) {
}
