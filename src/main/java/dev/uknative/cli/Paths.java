package dev.uknative.cli;

import java.nio.file.Path;

/** Where uknative keeps per-user files, following the XDG base directory specification. */
final class Paths {

    private Paths() {
    }

    /** {@code $XDG_CACHE_HOME/uknative}, else {@code ~/.cache/uknative}. */
    static Path cacheHome() {
        return base("XDG_CACHE_HOME", ".cache");
    }

    /**
     * Machine state: {@code $XDG_RUNTIME_DIR/uknative}, else {@code ~/.local/state/uknative}
     * ({@code $XDG_STATE_HOME/uknative} when that is set).
     */
    static Path stateHome() {
        String runtime = System.getenv("XDG_RUNTIME_DIR");
        if (runtime != null && !runtime.isBlank()) {
            return Path.of(runtime, "uknative");
        }
        return base("XDG_STATE_HOME", ".local/state");
    }

    private static Path base(String variable, String fallback) {
        String value = System.getenv(variable);
        if (value != null && !value.isBlank() && Path.of(value).isAbsolute()) {
            return Path.of(value, "uknative");
        }
        return Path.of(System.getProperty("user.home"), fallback, "uknative");
    }
}
