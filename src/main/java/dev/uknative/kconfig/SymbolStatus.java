package dev.uknative.kconfig;

import java.util.Optional;

/**
 * One symbol of a solved configuration, for listing and searching.
 *
 * @param name         with its {@code CONFIG_} prefix
 * @param value        as the symbol holds it: {@code y}/{@code n}, a number, or text without quotes
 * @param defaultValue what the symbol would hold without an assignment of its own
 * @param written      whether the .config has a line for it (invisible symbols without a default have none)
 * @param visible      whether a user value can take effect (a prompt is visible)
 * @param userValue    the assignment's value, when the partial configuration set this symbol
 * @param prompt       the first prompt, if any
 */
public record SymbolStatus(String name, SymbolType type, String value, String defaultValue, boolean written,
                           boolean visible, Optional<String> userValue, Optional<String> prompt) {

    /** Whether the value differs from what the symbol would hold without its own assignment. */
    public boolean changed() {
        return !value.equals(defaultValue);
    }
}
