package dev.uknative.kconfig;

/**
 * The type of a symbol or choice, as declared with {@code bool}, {@code int}, … (kconfig-language.rst,
 * "Menu attributes: type definition"). {@link #UNKNOWN} is the type of a symbol that is only referenced,
 * never defined, and of constants such as {@code "text"} or {@code 42}.
 */
public enum SymbolType {
    UNKNOWN("unknown"),
    BOOL("bool"),
    TRISTATE("tristate"),
    STRING("string"),
    INT("int"),
    HEX("hex");

    private final String keyword;

    SymbolType(String keyword) {
        this.keyword = keyword;
    }

    /** The word Kconfig files use for the type. */
    public String keyword() {
        return keyword;
    }

    /** Whether values are n, m or y rather than text. */
    public boolean isBoolOrTristate() {
        return this == BOOL || this == TRISTATE;
    }

    /** Whether values are numbers. */
    public boolean isNumber() {
        return this == INT || this == HEX;
    }
}
