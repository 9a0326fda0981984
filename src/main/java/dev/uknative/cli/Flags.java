package dev.uknative.cli;

import dev.uknative.core.UknativeException;

/** Checks of flag values that several commands share. */
final class Flags {

    private Flags() {
    }

    /** {@code -j}: at least 1; the number of CPUs when not given. */
    static int jobs(Integer requested) {
        if (requested == null) {
            return Runtime.getRuntime().availableProcessors();
        }
        if (requested < 1) {
            throw UknativeException.usage("--jobs must be at least 1, not " + requested, null);
        }
        return requested;
    }
}
