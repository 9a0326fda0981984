package dev.uknative.elf;

import java.util.List;
import java.util.Objects;

/**
 * Where an ELF file's bytes are: its section headers with addresses and flags, and its {@code .symtab}
 * with each symbol's value (an address in an executable, an offset into its section in a relocatable
 * object). What a size report needs; {@link ElfFile} is what a link needs.
 */
public record ElfLayout(String name, List<Section> sections, List<Symbol> symbols) {

    public static final long SHF_WRITE = 0x1;
    public static final long SHF_ALLOC = 0x2;
    public static final long SHF_EXECINSTR = 0x4;
    public static final long SHF_TLS = 0x400;

    public ElfLayout {
        Objects.requireNonNull(name, "name");
        sections = List.copyOf(sections);
        symbols = List.copyOf(symbols);
    }

    /** One section header: {@code sh_type}, {@code sh_flags}, {@code sh_addr}, {@code sh_size}. */
    public record Section(int index, String name, long type, long flags, long address, long size) {

        /** Takes room in the loaded image. */
        public boolean allocated() {
            return (flags & SHF_ALLOC) != 0;
        }

        /** Occupies no bytes in the file ({@code SHT_NOBITS}: {@code .bss}, {@code .tbss}). */
        public boolean noBits() {
            return type == ElfSection.SHT_NOBITS;
        }
    }

    /** One {@code .symtab} entry with the index of its section ({@code st_shndx}) and {@code st_value}. */
    public record Symbol(ElfSymbol symbol, int sectionIndex, long value) {
    }
}
