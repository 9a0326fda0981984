package dev.uknative.kconfig;

import static org.assertj.core.api.Assertions.assertThat;

import dev.uknative.core.Location;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Selects and implies of symbols no Kconfig file defines (lib-lwip 0.16.2's {@code select LIBUKSWRAND}
 * on Unikraft 0.17.0): found only when in effect, with where they are written.
 */
class UndefinedSelectTest {

    @TempDir
    Path dir;

    private List<UndefinedSelect> found(String kconfig, String... assignments) {
        KconfigTree tree = Fixtures.inline(dir, kconfig);
        return KconfigSolver.solve(tree, Fixtures.assignments(assignments)).undefinedSelects();
    }

    @Test
    void anEnabledSymbolSelectingAnUndefinedOneIsFoundWithItsFileAndLine() {
        List<UndefinedSelect> found = found("""
                config LIBLWIP
                \tbool "lwip"
                \tselect LIBUKNETDEV
                \tselect LIBUKSWRAND

                config LIBUKNETDEV
                \tbool
                """, "LIBLWIP=y");

        assertThat(found).containsExactly(new UndefinedSelect("LIBLWIP", "LIBUKSWRAND", UndefinedSelect.Kind.SELECT,
                Location.of(dir.resolve("Kconfig"), 4)));
        assertThat(found.get(0).kind().verb()).isEqualTo("selects");
    }

    @Test
    void aDisabledSymbolsDanglingSelectIsHarmlessAndNotReported() {
        assertThat(found("""
                config LIBLWIP
                \tbool "lwip"
                \tselect LIBUKSWRAND
                """, "LIBLWIP=n")).isEmpty();
    }

    @Test
    void impliesAreFoundLikewiseOnlyWhenTheImplyingSymbolIsOn() {
        String kconfig = """
                config A
                \tbool "a"
                \timply GONE
                """;
        assertThat(found(kconfig, "A=y")).containsExactly(new UndefinedSelect("A", "GONE", UndefinedSelect.Kind.IMPLY,
                Location.of(dir.resolve("Kconfig"), 3)));
        assertThat(found(kconfig, "A=n")).isEmpty();
    }

    @Test
    void aSelectOfADefinedSymbolIsNotReported() {
        assertThat(found("""
                config A
                \tbool "a"
                \tdefault y
                \tselect B
                \timply B
                config B
                \tbool
                """)).isEmpty();
    }

    @Test
    void aSymbolDefinedOnlyInsideAFalseIfIsStillDefined() {
        String kconfig = """
                config A
                \tbool "a"
                \tdefault y
                \tselect HIDDEN

                if NEVER
                config HIDDEN
                \tbool "hidden"
                endif
                """;
        KconfigTree tree = Fixtures.inline(dir, kconfig);
        SolvedConfig solved = KconfigSolver.solve(tree, List.of());

        assertThat(solved.undefinedSelects()).isEmpty();
        assertThat(solved.value("HIDDEN")).as("defined, and off: its if is false").isPresent();
    }

    @Test
    void aSelectWhoseConditionIsFalseIsNotInEffect() {
        String kconfig = """
                config A
                \tbool "a"
                \tdefault y
                \tselect GONE if B

                config B
                \tbool "b"
                """;
        assertThat(found(kconfig)).isEmpty();
        assertThat(found(kconfig, "B=y")).extracting(UndefinedSelect::target).containsExactly("GONE");
    }

    @Test
    void theLocationIsTheSourcedFileWhereTheSelectIsWritten() throws IOException {
        Path library = Files.createDirectories(dir.resolve("lib-lwip"));
        Files.writeString(library.resolve("Config.uk"), "menuconfig LIBLWIP\n\tbool \"lwip\"\n\tdefault y\n\tselect LIBUKSWRAND\n");

        List<UndefinedSelect> found = found("mainmenu \"test\"\nsource \"" + library.resolve("Config.uk") + "\"\n");

        assertThat(found).extracting(u -> u.location().toString()).containsExactly(library.resolve("Config.uk") + ":4");
        assertThat(found).extracting(UndefinedSelect::selecting).containsExactly("LIBLWIP");
    }

    @Test
    void explainListsASymbolsUndefinedSelectsActiveOrNotAndTheTreesWarningsStayKconfigs() {
        KconfigTree tree = Fixtures.inline(dir, """
                config A
                \tbool "a"
                \tdefault y
                \tselect GONE
                \timply ALSO_GONE if B
                \tselect B
                config B
                \tbool "b"
                config C
                \tbool "c"
                \tselect GONE
                """);
        SolvedConfig solved = KconfigSolver.solve(tree, List.of());

        assertThat(solved.explain("A").orElseThrow().undefinedSelects()).containsExactly(
                "select GONE at " + dir.resolve("Kconfig") + ":4 (active)",
                "imply ALSO_GONE at " + dir.resolve("Kconfig") + ":5 if B [=y] (active)");
        assertThat(solved.explain("CONFIG_C").orElseThrow().undefinedSelects()).as("C is off: listed, not active")
                .containsExactly("select GONE at " + dir.resolve("Kconfig") + ":11");
        assertThat(solved.explain("A").orElseThrow().render()).contains("selects of symbols no Kconfig file defines").contains("select GONE at");
        assertThat(solved.explain("B").orElseThrow().undefinedSelects()).isEmpty();
        assertThat(solved.explain("B").orElseThrow().render()).doesNotContain("undefined");
        assertThat(tree.warnings()).as("Kconfiglib prints nothing for these by default; the tree's warnings are its").isEmpty();
    }
}
