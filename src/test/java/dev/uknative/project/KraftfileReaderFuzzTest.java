package dev.uknative.project;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.uknative.core.UknativeException;
import dev.uknative.testing.FuzzScratch;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;

/**
 * Jazzer fuzz target: any bytes as a Kraftfile. The reader returns a Kraftfile or refuses the input
 * with a UknativeException located in the file (and, with {@code -Duknative.fuzz.requireLines=true}, at
 * a line of it: issue 10 asks every error for one); any other exception, a StackOverflowError, an OutOfMemoryError or an input that takes seconds is a
 * finding. In {@code mvn verify} it runs on the seeds in {@code KraftfileReaderFuzzTestInputs/}; long
 * runs: {@code scripts/fuzz}.
 */
@Tag("fuzz")
public class KraftfileReaderFuzzTest {

    /** scripts/fuzz sets it: an error located at the file but at no line is a finding too (issue 10). */
    private static final boolean REQUIRE_LINES = Boolean.getBoolean("uknative.fuzz.requireLines");
    private static final Path FILE = FuzzScratch.directory("kraftfile").resolve("app/Kraftfile");

    static {
        // Loads (and under Jazzer instruments) the parser's classes before the per-input timeout runs.
        fuzzerTestOneInput("spec: v0.6\nname: a\nunikraft: {version: 0.17.0, kconfig: {CONFIG_A: y}}\ntargets: [qemu/x86_64]\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @FuzzTest(maxDuration = "10s")
    void kraftfile(byte[] input) {
        fuzzerTestOneInput(input);
    }

    /** The entry point of Jazzer's own driver (scripts/fuzz). */
    public static void fuzzerTestOneInput(byte[] input) {
        FuzzScratch.write(FILE, input);
        try {
            new KraftfileReader().read(FILE);
        } catch (UknativeException refused) {
            // A file with nothing in it has no line to name: its error names the file alone.
            boolean empty = refused.getMessage().endsWith("is empty");
            if (refused.location().isEmpty() || (REQUIRE_LINES && !empty && refused.location().get().line() == 0)) {
                AssertionError finding = new AssertionError("an error without a " + (REQUIRE_LINES ? "line" : "location")
                        + ": " + refused.describe(), refused);
                // Jazzer tells findings apart by their stack: one per place in the reader that throws.
                finding.setStackTrace(refused.getStackTrace());
                throw finding;
            }
        }
    }
}
