package dev.uknative.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.uknative.core.ExitCode;
import dev.uknative.core.Reporter;
import dev.uknative.core.UknativeException;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Manifests the fuzz target found SnakeYAML or {@code URI} failing on: each is a manifest error that
 * names the file (and its line, when the YAML reader knows it) or the URL, never a raw exception.
 */
class ManifestReaderErrorsTest {

    private static final Path FILE = Path.of("/manifests/index.yaml").toAbsolutePath();
    private static final String URL = "https://manifests.invalid/index.yaml";
    private final ManifestReader reader = new ManifestReader(new Downloader(Reporter.SILENT));

    private UknativeException parse(String text, String from) {
        URI base = from.startsWith("https:") ? URI.create(from) : FILE.toUri();
        return catchThrowableOfType(UknativeException.class, () -> reader.parse(text, base, from, 0));
    }

    @Test
    void aTagCutOffByTheEndOfTheFileIsAYamlErrorAtItsLine() {
        UknativeException e = parse("name: unikraft\nversions: [!tp%a", FILE.toString());

        assertThat(e).isNotNull();
        assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(e.describe()).startsWith(FILE + ":2: ").contains("is not valid YAML: a tag (!name) contains leading or trailing spaces");
    }

    @Test
    void anEscapeCutOffByTheEndOfTheFileIsAYamlErrorAtItsLine() {
        UknativeException e = parse("name: unikraft\norigin: \"https://x/\\u", FILE.toString());

        assertThat(e).isNotNull();
        assertThat(e.describe()).startsWith(FILE + ":2: ").contains("is not valid YAML").contains("escape");
    }

    @Test
    void aYamlErrorInAManifestFromAUrlNamesTheUrlAndTheLine() {
        UknativeException e = parse("name: unikraft\n\nversions: [!tp%a", URL);

        assertThat(e).isNotNull();
        assertThat(e.describe()).contains("the manifest " + URL + " is not valid YAML at line 3");
    }

    @Test
    void anOriginThatIsNoUrlOrPathIsAManifestError() {
        UknativeException e = parse("name: unikraft\ntype: core\norigin: ht [\t", FILE.toString());

        assertThat(e).isNotNull();
        assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(e.describe()).startsWith(FILE.toString()).contains("unikraft: origin 'ht [' is not a valid URL or path");
    }

    @Test
    void aResourceThatIsNoUrlIsAManifestError() {
        UknativeException e = parse("name: unikraft\nversions: [{version: '1', resource: 'a b%', sha256: ''}]\n", URL);

        assertThat(e).isNotNull();
        assertThat(e.describe()).contains("the manifest " + URL + " ").contains("unikraft 1: resource 'a b%' is not a valid URL or path");
    }

    @Test
    void aPointerThatIsNoUrlIsAManifestError() {
        UknativeException e = parse("manifests:\n  - manifest: 'https://x y/z.yaml'\n", URL);

        assertThat(e).isNotNull();
        assertThat(e.describe()).contains("manifest: 'https://x y/z.yaml' is not a valid URL or path");
    }
}
