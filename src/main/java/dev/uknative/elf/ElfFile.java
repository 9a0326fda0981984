package dev.uknative.elf;

import java.util.List;
import java.util.Objects;

/**
 * An ELF64 little-endian file as far as uknative needs it: the header, the section headers and both
 * symbol tables (all symbols, locals included, in table order without the null entry 0).
 *
 * @param elfType {@code e_type}: 1 relocatable, 2 executable, 3 shared object
 * @param machine {@code e_machine}: 62 x86-64, 183 AArch64
 */
public record ElfFile(String name, int elfType, int machine, List<ElfSection> sections, List<ElfSymbol> symbols,
        List<ElfSymbol> dynamicSymbols) {

    public static final int ET_REL = 1;
    public static final int ET_EXEC = 2;
    public static final int ET_DYN = 3;

    public ElfFile {
        Objects.requireNonNull(name, "name");
        sections = List.copyOf(sections);
        symbols = List.copyOf(symbols);
        dynamicSymbols = List.copyOf(dynamicSymbols);
    }

    /**
     * The link interface: from {@code .symtab} for a relocatable object, from {@code .dynsym} for a
     * shared object or executable that has one (what another object can link against).
     */
    public ObjectSymbols globals() {
        List<ElfSymbol> table = elfType != ET_REL && !dynamicSymbols.isEmpty() ? dynamicSymbols : symbols;
        List<ElfSymbol> globals = table.stream().filter(ElfSymbol::isGlobal).toList();
        return new ObjectSymbols(name, globals.stream().filter(ElfSymbol::isDefined).toList(),
                globals.stream().filter(s -> !s.isDefined()).toList());
    }
}
