package dev.uknative.symbols;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * The Unikraft configuration a link plan starts from, and what turning library options on does to it.
 * Option names are Kconfig symbols without {@code CONFIG_} ({@code LIBPOSIX_FDIO}).
 */
public interface Configuration {

    boolean isEnabled(String option);

    /**
     * This configuration with {@code options} turned on (each with why, for the record). Options
     * that cannot hold are left out and returned in {@link Change#refused()} with the reason.
     */
    Change enable(SortedMap<String, String> options);

    /** The result of {@link #enable}. */
    record Change(Configuration result, Map<String, String> refused) {
        public Change {
            refused = Map.copyOf(refused);
        }
    }

    /** A short description of an option for reports ("selects LIBUKFILE, LIBPOSIX_FDTAB"); may be empty. */
    default List<String> selects(String option) {
        return List.of();
    }
}
