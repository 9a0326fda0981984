package dev.uknative.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The hint of a build whose first error is in an external library (issue 12, item 6). */
class LibraryErrorHintTest {

    private static final Path BUILD = Path.of("/project/.unikraft/build");
    private static final LibraryErrorHint HINT = new LibraryErrorHint(List.of(
            new LibraryErrorHint.Library("musl", Path.of("/cache/trees/git-aaa"), List.of("libmusl", "libmuslglue"), "RELEASE-0.16.3"),
            new LibraryErrorHint.Library("lwip", Path.of("/cache/trees/git-7c1859a7"), List.of("liblwip"),
                    "RELEASE-0.16.2, commit 7c1859a70697 in uknative.lock")), "Unikraft 0.17.0");

    private static MakeOutputParser.Diagnostic at(String file) {
        return new MakeOutputParser.Diagnostic("error: uk/swrand.h: No such file or directory", Optional.of(file), 38, 10);
    }

    @Test
    void anErrorInALibrarysFolderNamesTheLibraryItsVersionAndTheCores() {
        // The first error of lib-lwip RELEASE-0.16.2 on Unikraft RELEASE-0.17.0, as make printed it.
        MakeOutputParser parser = new MakeOutputParser();
        parser.accept("/cache/trees/git-7c1859a7/include/arch/cc.h:38:10: fatal error: uk/swrand.h: No such file or directory");

        Optional<String> hint = HINT.hint(parser.firstError().orElseThrow(), BUILD);

        assertThat(hint).hasValueSatisfying(h -> assertThat(h)
                .startsWith("the error is in library lwip (RELEASE-0.16.2, commit 7c1859a70697 in uknative.lock) built on Unikraft 0.17.0")
                .contains("uknative versions lwip"));
    }

    @Test
    void anErrorInWhatTheLibraryFetchedIntoTheBuildFolderIsItsToo() {
        assertThat(HINT.hint(at("/project/.unikraft/build/libmuslglue/origin/musl-1.2.3/src/x.c"), BUILD))
                .hasValueSatisfying(h -> assertThat(h).contains("library musl (RELEASE-0.16.3)"));
    }

    @Test
    void anErrorElsewhereGetsNoLibraryHint() {
        assertThat(HINT.hint(at("/unikraft/lib/ukboot/boot.c"), BUILD)).isEmpty();
        assertThat(HINT.hint(at("/project/.unikraft/build/libukboot/x.c"), BUILD)).isEmpty();
        assertThat(HINT.hint(at("/cache/trees/git-7c1859a7-other/cc.h"), BUILD)).isEmpty();
        assertThat(HINT.hint(at("include/arch/cc.h"), BUILD)).isEmpty();
        assertThat(HINT.hint(new MakeOutputParser.Diagnostic("ld: cannot find x", Optional.empty(), 0, 0), BUILD)).isEmpty();
    }
}
