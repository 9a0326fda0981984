package dev.uknative.elf;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.uknative.core.UknativeException;
import org.junit.jupiter.api.Tag;

/**
 * Jazzer fuzz target: any bytes as an ar archive, read for its members' symbols and with the scan
 * for raw syscall sites. Only a UknativeException ("premature end of …", "invalid …") may come out;
 * anything else, a StackOverflowError, an OutOfMemoryError or an input that takes seconds is a
 * finding. Seeds: {@code ArchiveReaderFuzzTestInputs/}.
 */
@Tag("fuzz")
public class ArchiveReaderFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void archive(byte[] input) {
        fuzzerTestOneInput(input);
    }

    /** The entry point of Jazzer's own driver (scripts/fuzz). */
    public static void fuzzerTestOneInput(byte[] input) {
        try {
            new ArchiveReader().read(input, "fuzz.a");
        } catch (UknativeException refused) {
            // malformed: the documented answer
        }
        try {
            new ArchiveReader().readWithSyscalls(input, "fuzz.a");
        } catch (UknativeException refused) {
            // malformed: the documented answer
        }
    }
}
