package dev.uknative.elf;

/**
 * An archive member that holds no ELF object (a Rust {@code lib.rmeta}, a text file, an empty member)
 * and therefore adds no symbols.
 *
 * @param offset where the member's header starts in the archive
 */
public record SkippedMember(String name, long offset, String reason) {
}
