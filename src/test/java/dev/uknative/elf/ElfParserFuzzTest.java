package dev.uknative.elf;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.uknative.core.UknativeException;
import org.junit.jupiter.api.Tag;

/**
 * Jazzer fuzz target: any bytes as an ELF64 object, read whole (sections, .symtab and .dynsym), for its
 * globals and for its raw syscall sites. Only a UknativeException may come out; anything else, a
 * StackOverflowError, an OutOfMemoryError or an input that takes seconds is a finding. Seeds:
 * {@code ElfParserFuzzTestInputs/}.
 */
@Tag("fuzz")
public class ElfParserFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void object(byte[] input) {
        fuzzerTestOneInput(input);
    }

    /** The entry point of Jazzer's own driver (scripts/fuzz). */
    public static void fuzzerTestOneInput(byte[] input) {
        ElfReader reader = new ElfReader();
        try {
            reader.read(input, "fuzz.o");
        } catch (UknativeException refused) {
            // malformed: the documented answer
        }
        try {
            reader.readSymbolsWithSyscalls(input, "fuzz.o");
        } catch (UknativeException refused) {
            // malformed: the documented answer
        }
    }
}
