package dev.uknative.elf;

/** {@code STT_*} of the ELF gABI ("Symbol Table", st_info), plus GNU's indirect function. */
public enum SymbolType {
    NOTYPE, OBJECT, FUNC, SECTION, FILE,
    /** {@code STT_COMMON}: an uninitialised common block (rarely used; see also the COMMON section). */
    COMMON,
    /** {@code STT_TLS}: a thread-local variable. */
    TLS,
    /** {@code STT_GNU_IFUNC} (10): a function resolved at load time (glibc's memcpy and friends). */
    GNU_IFUNC,
    OTHER;

    static SymbolType of(int stt) {
        return switch (stt) {
            case 0 -> NOTYPE;
            case 1 -> OBJECT;
            case 2 -> FUNC;
            case 3 -> SECTION;
            case 4 -> FILE;
            case 5 -> COMMON;
            case 6 -> TLS;
            case 10 -> GNU_IFUNC;
            default -> OTHER;
        };
    }

    public boolean isFunction() {
        return this == FUNC || this == GNU_IFUNC;
    }

    public boolean isData() {
        return this == OBJECT || this == COMMON || this == TLS;
    }
}
