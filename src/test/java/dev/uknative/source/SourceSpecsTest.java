package dev.uknative.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.uknative.core.ExitCode;
import dev.uknative.core.Location;
import dev.uknative.core.UknativeException;
import dev.uknative.project.ComponentSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Version specs as written in a Kraftfile, the spellings of releases, and the embedded manifest. */
class SourceSpecsTest {

    private static final Path PROJECT = Path.of("/work/app");

    private static SourceSpec parse(String source, String version) {
        return SourceSpecs.parse(new ComponentSpec("unikraft", Optional.ofNullable(source), Optional.ofNullable(version), List.of(),
                Location.of(PROJECT.resolve("Kraftfile"), 3)), PROJECT);
    }

    @ParameterizedTest
    @CsvSource(nullValues = "-", value = {
        "-, stable, 'Named[name=stable]'",
        "-, RELEASE-0.17.0, 'Named[name=RELEASE-0.17.0]'",
        "-, 484ff209a526, 'Named[name=484ff209a526]'",
        "-, https://github.com/unikraft/unikraft.git@RELEASE-0.17.0, 'Git[url=https://github.com/unikraft/unikraft.git, ref=Optional[RELEASE-0.17.0]]'",
        "-, git@github.com:unikraft/unikraft.git, 'Git[url=git@github.com:unikraft/unikraft.git, ref=Optional.empty]'",
        "-, git@github.com:unikraft/unikraft.git@staging, 'Git[url=git@github.com:unikraft/unikraft.git, ref=Optional[staging]]'",
        "https://user@example.org/unikraft.git, v0.17.0, 'Git[url=https://user@example.org/unikraft.git, ref=Optional[v0.17.0]]'",
        "file:///srv/unikraft, feature/x, 'Git[url=file:///srv/unikraft, ref=Optional[feature/x]]'",
        "https://example.org/u-0.17.0.tar.gz, -, 'Tarball[url=https://example.org/u-0.17.0.tar.gz, sha256=Optional.empty]'",
        "../unikraft, 0.17.0, 'LocalFolder[path=/work/unikraft]'",
        "-, -, 'Unspecified[]'"})
    void specsParseToTheirKind(String source, String version, String expected) {
        assertThat(parse(source, version)).hasToString(expected);
    }

    @Test
    void aTarballIsPinnedBySha256AndTakesNoRef() {
        String sha = "ab".repeat(32);
        assertThat(parse("https://example.org/u.tar.gz", "sha256:" + sha.toUpperCase())).isEqualTo(
                new SourceSpec.Tarball("https://example.org/u.tar.gz", Optional.of(sha)));

        UknativeException e = catchThrowableOfType(UknativeException.class, () -> parse("https://example.org/u.tar.gz", "staging"));
        assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(e.location()).hasValueSatisfying(l -> assertThat(l.line()).isEqualTo(3));
    }

    @Test
    void aRefInTheUrlAndAnotherVersionContradictEachOther() {
        UknativeException e = catchThrowableOfType(UknativeException.class, () -> parse("file:///srv/u@main", "staging"));

        assertThat(e.getMessage()).contains("'main'", "'staging'");
    }

    @Test
    void releasesCompareInEverySpellingAndTheNearestAreByNumber() {
        assertThat(VersionNames.sameRelease("RELEASE-0.17.0", "v0.17")).isTrue();
        assertThat(VersionNames.sameRelease("0.17.0", "0.17.1")).isFalse();
        assertThat(VersionNames.nearest("0.16.9", List.of("RELEASE-0.17.0", "0.17.0", "RELEASE-0.16.3", "RELEASE-0.2", "staging"), 3))
                .containsExactly("RELEASE-0.16.3", "RELEASE-0.17.0", "RELEASE-0.2");
        assertThat(VersionNames.nearest("stabel", List.of("staging", "stable", "RELEASE-0.17.0"), 1)).containsExactly("stable");
    }

    @Test
    void theEmbeddedManifestListsUnikraftsChannelsAndReleasesAsGitRefs() {
        ManifestIndex index = new ManifestReader(new Downloader(dev.uknative.core.Reporter.SILENT)).embedded();

        Manifest unikraft = index.find("unikraft").orElseThrow();
        assertThat(unikraft.defaultChannel()).hasValueSatisfying(c -> assertThat(c.name()).isEqualTo("stable"));
        assertThat(Manifest.resource(unikraft.version("v0.17.0").orElseThrow().resource(), Optional.empty(), "0.17.0"))
                .isEqualTo(new SourceSpec.Git("https://github.com/unikraft/unikraft.git", Optional.of("RELEASE-0.17.0")));
        assertThat(unikraft.versions()).allSatisfy(v -> assertThat(SourceSpecs.isArchiveName(v.resource())).isFalse());
    }

    @Test
    void aBrokenManifestFileIsInvalidInputNamingIt(@org.junit.jupiter.api.io.TempDir Path temp) throws Exception {
        Path file = temp.resolve("m.yaml");
        java.nio.file.Files.writeString(file, "name: unikraft\nversions:\n  - version: 1.0\n    resource: https://x/y.tar.gz\n    sha256: nothex\n");

        UknativeException e = catchThrowableOfType(UknativeException.class,
                () -> new ManifestReader(new Downloader(dev.uknative.core.Reporter.SILENT)).read(file.toString()));

        assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(e.location()).hasValueSatisfying(l -> assertThat(l.file()).isEqualTo(file));
        assertThat(e.getMessage()).contains("sha256 'nothex' is not 64 hexadecimal digits");
    }
}
