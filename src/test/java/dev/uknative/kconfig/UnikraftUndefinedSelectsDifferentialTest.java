package dev.uknative.kconfig;

import static org.assertj.core.api.Assertions.assertThat;

import dev.uknative.core.Location;
import dev.uknative.testing.RequiresUnikraft;
import dev.uknative.testing.UnikraftCondition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link SolvedConfig#undefinedSelects()} against Kconfiglib on the Unikraft tree named by
 * UKNATIVE_TEST_UNIKRAFT, with one external library written for another release: its Config.uk
 * selects and implies symbols no Unikraft defines, as lib-lwip RELEASE-0.16.2 selects LIBUKSWRAND,
 * which 0.17.0 dropped. Unikraft itself selects ELF64_TO_32 on x86_64, which it does not define either.
 */
@RequiresUnikraft
@Tag("e2e")
class UnikraftUndefinedSelectsDifferentialTest {

    /** Written for this test: a library whose selects name symbols no Unikraft release defines. */
    private static final String LIBRARY_CONFIG = """
            menuconfig LIBOLD
            \tbool "old - a library written for another Unikraft release"
            \tdefault y
            \tselect LIBUKNOSUCHRAND
            \timply LIBUKNOSUCHTHING
            if LIBOLD
            config LIBOLD_EXTRA
            \tbool "extra"
            \tselect LIBUKNOSUCHEXTRA
            endif
            """;

    @TempDir
    Path work;

    private Path library;
    private UnikraftKconfigVariables variables;
    private KconfigTree tree;

    @BeforeEach
    void parseTheTreeWithTheLibrary() throws IOException {
        Path root = work.toRealPath();
        Path app = Files.createDirectories(root.resolve("app"));
        library = Files.createDirectories(root.resolve("lib-old"));
        Files.writeString(library.resolve("Config.uk"), LIBRARY_CONFIG);
        Files.writeString(library.resolve("Makefile.uk"), "$(eval $(call addlib_s,libold,$(CONFIG_LIBOLD)))\n");
        Path build = root.resolve("build");
        Files.createDirectories(build.resolve("kconfig"));
        Path unikraft = UnikraftCondition.tree().toRealPath();
        String versionMk = Files.readString(unikraft.resolve("version.mk"));
        variables = UnikraftKconfigVariables.of(unikraft, app, List.of(library), build, root.resolve(".config"), "hello",
                UnikraftKconfigVariables.fullVersion(versionMk, "~test"),
                UnikraftKconfigVariables.codename(versionMk).orElse(""), "x86_64");
        tree = KconfigParser.parse(variables.rootKconfig(), variables.variables());
    }

    private List<UndefinedSelect> sameAsKconfiglib(List<String> lines) throws Exception {
        List<ConfigAssignment> fragment = UnikraftKconfigDifferentialTest.assignments(lines, "test");
        String expected = KconfiglibOracle.undefinedSelects(variables.rootKconfig(), variables.variables(), fragment, work);
        List<UndefinedSelect> found = KconfigSolver.solve(tree, fragment).undefinedSelects();
        StringBuilder engine = new StringBuilder();
        for (UndefinedSelect u : found) {
            engine.append(u.selecting()).append(' ').append(u.kind() == UndefinedSelect.Kind.SELECT ? "select" : "imply")
                    .append(' ').append(u.target()).append('\n');
        }
        KconfiglibOracle.assertSameLines(expected, engine.toString(), "undefined selects of " + lines);
        return found;
    }

    @Test
    void onX86TheLibrarysSelectsAndUnikraftsOwnAreFoundWhereTheyAreWritten() throws Exception {
        List<UndefinedSelect> found = sameAsKconfiglib(UnikraftKconfigDifferentialTest.QEMU_X86_64);

        assertThat(found).contains(
                new UndefinedSelect("LIBOLD", "LIBUKNOSUCHRAND", UndefinedSelect.Kind.SELECT, Location.of(library.resolve("Config.uk"), 4)),
                new UndefinedSelect("LIBOLD", "LIBUKNOSUCHTHING", UndefinedSelect.Kind.IMPLY, Location.of(library.resolve("Config.uk"), 5)));
        assertThat(found).extracting(UndefinedSelect::target).doesNotContain("LIBUKNOSUCHEXTRA");
    }

    @Test
    void anEnabledOptionOfTheLibraryAddsItsSelectAndTheLibraryOffRemovesThemAll() throws Exception {
        List<String> extra = new ArrayList<>(UnikraftKconfigDifferentialTest.QEMU_X86_64);
        extra.add("CONFIG_LIBOLD_EXTRA=y");
        assertThat(sameAsKconfiglib(extra)).extracting(UndefinedSelect::target).contains("LIBUKNOSUCHEXTRA");

        List<String> off = new ArrayList<>(UnikraftKconfigDifferentialTest.QEMU_X86_64);
        off.add("CONFIG_LIBOLD=n");
        assertThat(sameAsKconfiglib(off)).extracting(UndefinedSelect::selecting).doesNotContain("LIBOLD", "LIBOLD_EXTRA");
    }

    @Test
    void onArm64AndWithManyLibrariesKconfiglibAgrees() throws Exception {
        List<UndefinedSelect> arm = sameAsKconfiglib(UnikraftKconfigDifferentialTest.QEMU_ARM64);
        assertThat(arm).extracting(UndefinedSelect::selecting).contains("LIBOLD");

        List<String> posix = new ArrayList<>(UnikraftKconfigDifferentialTest.QEMU_X86_64);
        posix.addAll(UnikraftKconfigDifferentialTest.POSIX_HEAVY);
        sameAsKconfiglib(posix);
    }

    @Test
    void theTreesWarningsAreUnchangedByTheLibrarysSelects() {
        assertThat(tree.warnings()).noneMatch(w -> w.contains("LIBUKNOSUCH"));
    }
}
