package dev.uknative.elf;

/** {@code STB_*} of the ELF gABI ("Symbol Table", st_info), plus GNU's unique binding. */
public enum SymbolBinding {
    LOCAL, GLOBAL, WEAK,
    /** {@code STB_GNU_UNIQUE} (10): a global the dynamic linker keeps unique; links like GLOBAL. */
    GNU_UNIQUE,
    /** Any other (OS- or processor-specific) value. */
    OTHER;

    static SymbolBinding of(int stb) {
        return switch (stb) {
            case 0 -> LOCAL;
            case 1 -> GLOBAL;
            case 2 -> WEAK;
            case 10 -> GNU_UNIQUE;
            default -> OTHER;
        };
    }

    /** Visible to other objects at link time. */
    public boolean isGlobal() {
        return this == GLOBAL || this == WEAK || this == GNU_UNIQUE;
    }
}
