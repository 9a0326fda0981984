package dev.uknative.elf;

/** One section header: its name (from the section name string table), {@code sh_type}, offset and size. */
public record ElfSection(int index, String name, long type, long offset, long size) {

    public static final long SHT_NOBITS = 8;
}
