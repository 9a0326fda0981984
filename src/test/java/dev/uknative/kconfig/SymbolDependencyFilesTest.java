package dev.uknative.kconfig;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Which $(O)/include/config/*.h files conf --syncconfig would touch for fixdep. (Checked against the real
 * conf on Unikraft 0.17.0: the same files in eleven rounds of random changes.)
 */
class SymbolDependencyFilesTest {

    private final KconfigTree tree = Fixtures.fixture();

    /** The fixture's int and hex without defaults get a value, see emptyNumbersNeverReadBack(). */
    private SolvedConfig solve(String... lines) {
        List<String> all = new ArrayList<>(List.of("EMPTY_INT=1", "EMPTY_HEX=1"));
        all.addAll(List.of(lines));
        return KconfigSolver.solve(tree, Fixtures.assignments(all.toArray(String[]::new)));
    }

    @Test
    void nothingChangedTouchesNothing() {
        SolvedConfig config = solve("SMP=y");
        assertThat(SymbolDependencyFiles.toTouch(config, Optional.of(AutoConfWriter.write(tree, config)))).isEmpty();
    }

    @Test
    void emptyNumbersNeverReadBack() {
        // "CONFIG_EMPTY_INT=" is not a valid int when conf reads auto.conf back, so it counts as changed
        SolvedConfig config = KconfigSolver.solve(tree, List.of());
        assertThat(SymbolDependencyFiles.toTouch(config, Optional.of(AutoConfWriter.write(tree, config))))
                .containsExactly("include/config/empty/hex.h", "include/config/empty/int.h");
    }

    @Test
    void touchesTheSymbolsWhoseValueChanged() {
        String before = AutoConfWriter.write(tree, solve("SMP=n", "CPU_COUNT=2"));
        SolvedConfig after = solve("SMP=y", "CPU_COUNT=3");
        assertThat(SymbolDependencyFiles.toTouch(after, Optional.of(before))).containsExactlyInAnyOrder(
                "include/config/smp.h", "include/config/have/smp.h", "include/config/cpu/count.h");
    }

    @Test
    void touchesSymbolsThatAreGoneOrTurnedOff() {
        String before = "#\n# heading\n#\nCONFIG_REMOVED_LONG_AGO=y\nCONFIG_NET=y\nCONFIG_APP_NAME=\"fix\"\n";
        assertThat(SymbolDependencyFiles.toTouch(solve("NET=n"), Optional.of(before)))
                .startsWith("include/config/removed/long/ago.h")
                .contains("include/config/net.h")
                .doesNotContain("include/config/app/name.h");
    }

    @Test
    void aFirstBuildTouchesEverySymbolThatIsNotN() {
        SolvedConfig config = solve();
        assertThat(SymbolDependencyFiles.toTouch(config, Optional.empty()))
                .contains("include/config/arch/b.h", "include/config/version/string.h", "include/config/cpu/count.h")
                .doesNotContain("include/config/arch/a.h", "include/config/smp.h")
                .hasSize(AutoConfWriter.write(tree, config).split("\n").length - 4);
    }
}
