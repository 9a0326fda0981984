package dev.uknative.foreign;

import dev.uknative.core.UknativeException;
import dev.uknative.project.NativeLibrary;
import java.util.Locale;

/**
 * What {@code optimize:} asks of a rust or c library. Zig's own mode names are accepted for every
 * language so that one project can use one vocabulary; rust also takes cargo's profile names.
 */
enum Optimization {
    /** No optimisation, debug information (zig Debug, cargo's dev profile, cc -O0 -g). */
    DEBUG,
    /** Optimised for speed, the default (cargo --release, cc -O2). */
    RELEASE,
    /** Optimised for size (opt-level s, cc -Os). */
    SMALL;

    static final String KNOWN = "Debug, ReleaseSafe, ReleaseFast, ReleaseSmall (or debug, release, small)";

    static Optimization of(NativeLibrary library) {
        if (library.optimize().isEmpty()) {
            return RELEASE;
        }
        String text = library.optimize().get().trim();
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "debug", "dev" -> DEBUG;
            case "releasesafe", "releasefast", "release" -> RELEASE;
            case "releasesmall", "small" -> SMALL;
            default -> throw UknativeException.invalidInput(library.location(),
                    "native." + library.name() + ": unknown optimize mode '" + text + "' for " + library.language().id(),
                    "use one of: " + KNOWN);
        };
    }
}
