package dev.uknative.elf;

import java.util.Objects;

/**
 * One entry of {@code .symtab} or {@code .dynsym}.
 *
 * @param section the name of the section the symbol is defined in, {@link #UNDEFINED}, {@link #ABS}
 *                or {@link #COMMON} (a tentative definition, {@code gcc -fcommon})
 * @param size    {@code st_size}: bytes of the object or function, 0 when unknown
 */
public record ElfSymbol(String name, SymbolBinding binding, SymbolType type, String section, long size) {

    public static final String UNDEFINED = "UND";
    public static final String ABS = "ABS";
    public static final String COMMON = "COMMON";

    public ElfSymbol {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(binding, "binding");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(section, "section");
    }

    public boolean isDefined() {
        return !UNDEFINED.equals(section);
    }

    public boolean isWeak() {
        return binding == SymbolBinding.WEAK;
    }

    public boolean isGlobal() {
        return binding.isGlobal();
    }

    /** Data rather than code: an object, a TLS variable or a common block. */
    public boolean isData() {
        return type.isData() || COMMON.equals(section);
    }

    public boolean isFunction() {
        return type.isFunction();
    }
}
