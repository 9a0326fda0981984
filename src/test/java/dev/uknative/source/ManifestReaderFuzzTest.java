package dev.uknative.source;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.uknative.core.Reporter;
import dev.uknative.core.UknativeException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Tag;

/**
 * Jazzer fuzz target: any bytes as a manifest (kraftkit's format, or an index of manifests). The
 * reader returns the manifests or throws a UknativeException; anything else, a StackOverflowError, an
 * OutOfMemoryError or an input that takes seconds is a finding. Seeds: {@code ManifestReaderFuzzTestInputs/}.
 */
@Tag("fuzz")
public class ManifestReaderFuzzTest {

    /** Already at the depth limit: a {@code manifest:} pointer is refused, never fetched (no network, no files). */
    private static final int DEPTH = 5;
    private static final ManifestReader READER = new ManifestReader(new Downloader(Reporter.SILENT));

    static {
        // Loads (and under Jazzer instruments) the parser's classes before the per-input timeout runs.
        fuzzerTestOneInput("name: x\nchannels: [{name: s, resource: a}]\nversions: [{version: '1', resource: a, sha256: ''}]\n".getBytes(StandardCharsets.UTF_8));
    }

    @FuzzTest(maxDuration = "10s")
    void manifest(byte[] input) {
        fuzzerTestOneInput(input);
    }

    /** The entry point of Jazzer's own driver (scripts/fuzz). */
    public static void fuzzerTestOneInput(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        try {
            READER.parse(text, URI.create("https://manifests.invalid/index.yaml"), "https://manifests.invalid/index.yaml", DEPTH);
        } catch (UknativeException refused) {
            // not a manifest: the documented answer
        }
    }
}
