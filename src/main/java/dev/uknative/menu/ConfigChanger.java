package dev.uknative.menu;

import dev.uknative.kconfig.SolvedConfig;

/**
 * Where the menu's changes go: it checks each one with the Kconfig engine and keeps it (in the
 * Kraftfile, for {@code uknative menu}) only when it can hold. The menu itself writes nothing.
 */
public interface ConfigChanger {

    /** The configuration as it is now. */
    SolvedConfig current();

    /** Where changes are written, for the title line: {@code Kraftfile unikraft.kconfig}. */
    String destination();

    /**
     * Sets {@code symbol} (with its CONFIG_ prefix) to {@code value}, kconfig text as a .config has it
     * ({@code y}, {@code 42}, {@code "text"} in double quotes), if the engine says it can hold.
     */
    ChangeOutcome change(String symbol, String value);
}
