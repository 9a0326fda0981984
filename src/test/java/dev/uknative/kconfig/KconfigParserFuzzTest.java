package dev.uknative.kconfig;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.uknative.core.UknativeException;
import dev.uknative.testing.FuzzScratch;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;

/**
 * Jazzer fuzz target: any bytes as the one Config.uk of a folder, parsed and finalized (dependency
 * propagation, loop check) as for a Unikraft tree. The parser returns a tree or throws a
 * UknativeException (KconfigException); anything else, a StackOverflowError, an OutOfMemoryError
 * or an input that takes seconds is a finding. Seeds: {@code KconfigParserFuzzTestInputs/}.
 */
@Tag("fuzz")
public class KconfigParserFuzzTest {

    private static final Path FOLDER = FuzzScratch.directory("kconfig");
    private static final Path FILE = FOLDER.resolve("Config.uk");
    /** The variables Unikraft's Config.uk files use, pointing into the scratch folder only. */
    private static final Map<String, String> VARIABLES = Map.of("srctree", FOLDER.toString(), "UK_BASE", FOLDER.toString(),
            "KCONFIG_DIR", FOLDER.toString(), "KCONFIG_EXCLUDEDIRS", "", "UK_NAME", "fuzz", "UK_FULLVERSION", "0.17.0");

    static {
        // Loads (and under Jazzer instruments) the parser's classes before the per-input timeout runs.
        fuzzerTestOneInput("menu \"m\"\nconfig A\n\tbool \"a\"\n\tdefault y if B\nconfig B\n\tint\n\trange 0 3\nendmenu\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @FuzzTest(maxDuration = "10s")
    void configUk(byte[] input) {
        fuzzerTestOneInput(input);
    }

    /** The entry point of Jazzer's own driver (scripts/fuzz). */
    public static void fuzzerTestOneInput(byte[] input) {
        FuzzScratch.write(FILE, input);
        try {
            KconfigParser.parse(FILE, VARIABLES);
        } catch (UknativeException refused) {
            // a syntax error, a missing sourced file, an unsupported construct: a correct answer
        }
    }
}
