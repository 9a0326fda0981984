package dev.uknative.build;

import java.nio.file.Path;
import java.time.Duration;

/**
 * A finished build.
 *
 * @param compiled   objects compiled by this make run (0 when nothing changed)
 * @param configured whether the configuration was regenerated
 */
public record BuildResult(Path image, long imageSize, int compiled, boolean configured, Duration elapsed) {
}
