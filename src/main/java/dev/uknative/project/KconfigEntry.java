package dev.uknative.project;

import dev.uknative.core.Location;
import java.util.Objects;

/**
 * One {@code CONFIG_X=value} written in a Kraftfile, with where it was written. The symbol always
 * carries the {@code CONFIG_} prefix (the Kraftfile may omit it); the value is the text kconfig
 * reads ({@code y}, {@code n}, {@code 42}, {@code 0x10}, {@code "text"}).
 */
public record KconfigEntry(String symbol, String value, Location location) {

    public KconfigEntry {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(location, "location");
        if (!symbol.startsWith("CONFIG_")) {
            throw new IllegalArgumentException("symbol without CONFIG_ prefix: " + symbol);
        }
    }

    /** {@code CONFIG_X=value}, as a line of a kconfig fragment. */
    public String line() {
        return symbol + "=" + value;
    }
}
