package dev.uknative.core;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where in an input file something was found: {@code file:line:col}, 1-based; line and column are 0
 * when unknown.
 */
public record Location(Path file, int line, int column) {

    public Location {
        Objects.requireNonNull(file, "file");
        if (line < 0 || column < 0) {
            throw new IllegalArgumentException("negative line or column: " + line + ":" + column);
        }
    }

    public static Location of(Path file) {
        return new Location(file, 0, 0);
    }

    public static Location of(Path file, int line) {
        return new Location(file, line, 0);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(file.toString());
        if (line > 0) {
            s.append(':').append(line);
            if (column > 0) {
                s.append(':').append(column);
            }
        }
        return s.toString();
    }
}
