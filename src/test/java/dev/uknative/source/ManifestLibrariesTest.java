package dev.uknative.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The embedded manifest lists the core and Unikraft's public libraries, one YAML document each. */
class ManifestLibrariesTest {

    private final ManifestReader reader = new ManifestReader(new Downloader(dev.uknative.core.Reporter.SILENT));

    @Test
    void theEmbeddedManifestListsTheCoreAndTheLibraries() {
        ManifestIndex index = reader.embedded();

        assertThat(index.manifests()).extracting(Manifest::name)
                .containsExactly("unikraft", "musl", "lwip", "libcxx", "libcxxabi", "libunwind", "compiler-rt", "newlib");
        assertThat(index.find("unikraft")).hasValueSatisfying(m -> assertThat(m.type()).isEqualTo("core"));
        assertThat(index.manifests().subList(1, 8)).allSatisfy(m -> {
            assertThat(m.type()).isEqualTo("lib");
            assertThat(m.origin()).contains("https://github.com/unikraft/lib-" + m.name() + ".git");
            assertThat(m.defaultChannel().map(Manifest.Channel::name)).contains("stable");
            assertThat(m.channel("staging")).isPresent();
        });
    }

    @Test
    void aLibraryReleaseIsItsRepositorysTagInAnySpelling() {
        Manifest lwip = reader.embedded().find("lib-lwip").orElseThrow();

        assertThat(lwip.version("0.16.2").map(Manifest.Version::resource))
                .contains("https://github.com/unikraft/lib-lwip.git@RELEASE-0.16.2");
        assertThat(lwip.version("v0.16.2")).isEqualTo(lwip.version("RELEASE-0.16.2"));
        // lib-lwip skipped 0.16.1 and 0.16.3: listed only what the repository has.
        assertThat(lwip.version("0.16.3")).isEmpty();
        assertThat(Manifest.resource(lwip.channel("stable").orElseThrow().resource(), java.util.Optional.empty(), "stable"))
                .isEqualTo(new SourceSpec.Git("https://github.com/unikraft/lib-lwip.git", java.util.Optional.of("stable")));
        assertThat(reader.embedded().find("compiler-rt").flatMap(m -> m.version("0.16.0")).map(Manifest.Version::resource))
                .contains("https://github.com/unikraft/lib-compiler-rt.git@RELEASE-0.16.0");
    }

    @Test
    void oneDocumentPerComponentAndIndexesMixInOneStream() {
        ManifestIndex index = reader.parse("""
                name: unikraft
                type: core
                origin: https://example.org/unikraft.git
                ---
                manifests:
                  - name: lwip
                    type: lib
                    versions:
                      - version: 1.0.0
                        resource: lib-lwip.git@v1
                ---
                name: musl
                type: lib
                channels:
                  - name: stable
                    resource: https://example.org/lib-musl.git@stable
                """, URI.create("https://example.org/manifests/"), "test", 0);

        assertThat(index.manifests()).extracting(Manifest::name, Manifest::type)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("unikraft", "core"), org.assertj.core.groups.Tuple.tuple("lwip", "lib"),
                        org.assertj.core.groups.Tuple.tuple("musl", "lib"));
        assertThat(index.find("lwip").flatMap(m -> m.version("1.0.0")).map(Manifest.Version::resource))
                .contains("https://example.org/manifests/lib-lwip.git@v1");
        assertThat(index.find("musl").flatMap(m -> m.channel("stable"))).isPresent();
        assertThat(List.of(index.find("libcxx"))).containsExactly(java.util.Optional.empty());
    }
}
