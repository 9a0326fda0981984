package dev.uknative.kconfig;

import dev.uknative.core.Location;
import java.util.Objects;

/**
 * A {@code select} or {@code imply} in effect whose target no {@code config}/{@code menuconfig} of the
 * tree defines. kconfig (and Kconfiglib, by default) ignores such a select silently; it usually means a
 * library written for another Unikraft release, whose build then fails on a missing header long after
 * configuration.
 *
 * @param selecting the selecting symbol's name, without {@code CONFIG_}; it is on (y or m)
 * @param target    the undefined symbol's name, without {@code CONFIG_}
 * @param kind      select or imply
 * @param location  where the {@code select}/{@code imply} is written
 */
public record UndefinedSelect(String selecting, String target, Kind kind, Location location) {

    /** Which of the two reverse dependencies names the target. */
    public enum Kind {
        SELECT("selects"), IMPLY("implies");

        private final String verb;

        Kind(String verb) {
            this.verb = verb;
        }

        /** "selects" or "implies", for a sentence. */
        public String verb() {
            return verb;
        }
    }

    public UndefinedSelect {
        Objects.requireNonNull(selecting, "selecting");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(location, "location");
    }
}
