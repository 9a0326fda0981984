package dev.uknative.elf;

/** A symbol and the archive member it was found in. */
public record ArchiveSymbol(String member, ElfSymbol symbol) {
}
