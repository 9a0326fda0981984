package dev.uknative.kconfig;

import dev.uknative.core.Location;
import java.util.Objects;
import java.util.Optional;

/**
 * A request that a kconfig symbol take a value, and who asked for it.
 *
 * @param symbol   with its {@code CONFIG_} prefix
 * @param value    as written in a .config: {@code y}, {@code n}, a number, or a quoted string
 * @param origin   who asked, for messages: "Kraftfile unikraft.kconfig", "platform qemu" …
 * @param location where it was written, when it was written in a file
 */
public record ConfigAssignment(String symbol, String value, String origin, Optional<Location> location) {

    public ConfigAssignment {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(location, "location");
    }

    /** Parses {@code CONFIG_X=value} coming from uknative itself (platform, architecture). */
    public static ConfigAssignment of(String line, String origin) {
        int eq = line.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("not SYMBOL=value: " + line);
        }
        return new ConfigAssignment(line.substring(0, eq), line.substring(eq + 1), origin, Optional.empty());
    }

    /** Whether this asks for the symbol to be off. */
    public boolean disables() {
        return value.equals("n");
    }

    /** "origin (file:line:col)", or just the origin. */
    public String describeOrigin() {
        return location.map(l -> origin + " (" + l + ")").orElse(origin);
    }
}
