package dev.uknative.app;

import java.nio.file.Path;

/** Where uknative keeps per-user files, following the XDG base directory specification. */
public final class Paths {

    private Paths() {
    }

    /**
     * The same as {@code XDG_CACHE_HOME}'s {@code uknative} folder for one JVM: tests that run the
     * command line in process cannot change their own environment.
     */
    public static final String CACHE_PROPERTY = "uknative.cache.dir";

    /** {@code $XDG_CACHE_HOME/uknative}, else {@code ~/.cache/uknative} (the system property {@code uknative.cache.dir} before both). */
    public static Path cacheHome() {
        String override = System.getProperty(CACHE_PROPERTY);
        if (override != null && !override.isBlank()) {
            return Path.of(override).toAbsolutePath().normalize();
        }
        return base("XDG_CACHE_HOME", ".cache");
    }

    /** The global source cache shared by all projects (see source.SourceCache). */
    public static Path sourceCache() {
        return cacheHome().resolve("sources");
    }

    /** The environment variable that moves the machine state elsewhere (tests, several setups side by side). */
    public static final String STATE_VARIABLE = "UKNATIVE_STATE_DIR";

    /**
     * The same as {@link #STATE_VARIABLE} for one JVM: tests that run the command line in process
     * cannot change their own environment.
     */
    public static final String STATE_PROPERTY = "uknative.state.dir";

    /**
     * Machine state (detached machines): {@code $UKNATIVE_STATE_DIR} when set (the system property
     * {@code uknative.state.dir} before it), else {@code $XDG_RUNTIME_DIR/uknative}, else
     * {@code ~/.local/state/uknative} ({@code $XDG_STATE_HOME/uknative} when that is set).
     */
    public static Path stateHome() {
        for (String override : new String[] {System.getProperty(STATE_PROPERTY), System.getenv(STATE_VARIABLE)}) {
            if (override != null && !override.isBlank()) {
                return Path.of(override).toAbsolutePath().normalize();
            }
        }
        String runtime = System.getenv("XDG_RUNTIME_DIR");
        if (runtime != null && !runtime.isBlank()) {
            return Path.of(runtime, "uknative");
        }
        return base("XDG_STATE_HOME", ".local/state");
    }

    /** Where the detached machines' folders are. */
    public static Path machines() {
        return stateHome().resolve("machines");
    }

    /** The same as {@code DOCKER_CONFIG}'s folder for one JVM (tests that run the command line in process). */
    public static final String DOCKER_CONFIG_PROPERTY = "uknative.docker.config";

    /**
     * Docker's {@code config.json}, where registry credentials and credential helpers are named:
     * {@code $DOCKER_CONFIG/config.json} (the system property {@code uknative.docker.config} before it),
     * else {@code ~/.docker/config.json}, as Docker looks for it.
     */
    public static Path dockerConfig() {
        for (String folder : new String[] {System.getProperty(DOCKER_CONFIG_PROPERTY), System.getenv("DOCKER_CONFIG")}) {
            if (folder != null && !folder.isBlank()) {
                return Path.of(folder, "config.json").toAbsolutePath().normalize();
            }
        }
        return Path.of(System.getProperty("user.home"), ".docker", "config.json");
    }

    /** The origin cache: archives libraries download during make (see origin.OriginCache). */
    public static Path originCache() {
        return cacheHome().resolve("origins");
    }

    /** The OCI image cache: pulled and packaged images (see oci.ImageCache). */
    public static Path imageCache() {
        return cacheHome().resolve("images");
    }

    private static Path base(String variable, String fallback) {
        String value = System.getenv(variable);
        if (value != null && !value.isBlank() && Path.of(value).isAbsolute()) {
            return Path.of(value, "uknative");
        }
        return Path.of(System.getProperty("user.home"), fallback, "uknative");
    }
}
