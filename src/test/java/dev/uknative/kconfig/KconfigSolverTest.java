package dev.uknative.kconfig;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Values, the .config view, listing and searching of a solved configuration. */
class KconfigSolverTest {

    private final KconfigTree tree = Fixtures.fixture();

    private SolvedConfig solve(String... lines) {
        return KconfigSolver.solve(tree, Fixtures.assignments(lines));
    }

    @Test
    void computesValuesWithKconfigSemantics() {
        SolvedConfig config = solve("SMP=y", "DEBUG=y", "LIB_ALPHA=y");
        assertThat(config.value("CONFIG_CPU_COUNT")).as("default 128 clamped to the range").contains("64");
        assertThat(config.value("HAVE_SMP")).contains("y");
        assertThat(config.isEnabled("CONFIG_DEBUG_STATS")).as("implied by DEBUG").isTrue();
        assertThat(config.isEnabled("CONFIG_LIB_BETA")).as("selected by LIB_ALPHA").isTrue();
        assertThat(config.isEnabled("CONFIG_PRINTK")).as("implied by LIB_ALPHA, selected by DEBUG if DEBUG_PRINT").isTrue();
        assertThat(config.value("ARCH_B")).as("the choice's default, as HOST_ARCH = \"b\"").contains("y");
        assertThat(config.value("BASE_ADDRESS")).contains("0x1000");
        assertThat(config.value("NEGATIVE")).contains("-10");
        assertThat(config.value("GREETING")).contains("hello, \"fix\" \\ world");
        assertThat(config.value("NOT_A_SYMBOL")).isEmpty();
    }

    @Test
    void laterAssignmentsWinAndChoicesFollowTheLastSelection() {
        SolvedConfig config = solve("ARCH_A=y", "CPU_COUNT=2", "ARCH_B=y", "CPU_COUNT=3", "OPT_ONE=y", "OPT_TWO=y");
        assertThat(config.value("ARCH_B")).contains("y");
        assertThat(config.value("ARCH_A")).contains("n");
        assertThat(config.value("CPU_COUNT")).contains("3");
        assertThat(config.value("OPT_TWO")).contains("y");
        assertThat(config.value("OPT_ONE")).contains("n");
        assertThat(solve().value("OPT_ONE")).as("an optional choice is off by default").contains("n");
    }

    @Test
    void readsValuesTheWayKconfigReadsADotConfig() {
        SolvedConfig config = solve("APP_NAME=\"a \\\"b\\\" \\\\ c\" trailing", "SMP=yes", "NET=m", "LOAD_ADDRESS=0XAB",
                "STACK_ORDER=007", "EMPTY_INT=-5");
        assertThat(config.value("APP_NAME")).contains("a \"b\" \\ c");
        assertThat(config.configuration().value("CONFIG_APP_NAME")).contains("\"a \\\"b\\\" \\\\ c\"");
        assertThat(config.value("SMP")).as("only the first character counts").contains("y");
        assertThat(config.value("NET")).as("m is not a bool value").contains("n");
        assertThat(config.value("LOAD_ADDRESS")).as("kept as written").contains("0XAB");
        assertThat(config.value("STACK_ORDER")).as("the C tools reject leading zeros").contains("2");
        assertThat(config.value("EMPTY_INT")).contains("-5");
    }

    @Test
    void theDotConfigViewHasTheWrittenSymbolsOnly() {
        DotConfig dot = solve("NET=n").configuration();
        assertThat(dot.value("CONFIG_NET")).contains("n");
        assertThat(dot.value("CONFIG_NET_IPV6")).as("invisible and without an active default").isEmpty();
        assertThat(dot.value("CONFIG_VERSION_STRING")).contains("\"1.2.3\"");
        assertThat(dot.value("CONFIG_EMPTY_INT")).contains("");
        assertThat(dot.holds(ConfigAssignment.of("CONFIG_NET_IPV6=n", "test"))).isTrue();
    }

    @Test
    void listsSymbolsWithTheirDefaultsAndSearches() {
        SolvedConfig config = solve("CPU_COUNT=3", "SMP=n", "ARCH_B=y");
        SymbolStatus cpus = config.status("CONFIG_CPU_COUNT").orElseThrow();
        assertThat(cpus.value()).isEqualTo("3");
        assertThat(cpus.defaultValue()).isEqualTo("1");
        assertThat(cpus.changed()).isTrue();
        assertThat(cpus.userValue()).contains("3");
        assertThat(cpus.prompt()).contains("Number of CPUs");
        assertThat(config.status("SMP").orElseThrow().changed()).as("n is SMP's default").isFalse();
        assertThat(config.status("ARCH_B").orElseThrow().changed()).as("the choice's default").isFalse();
        assertThat(config.status("HAVE_SMP").orElseThrow().visible()).isFalse();
        assertThat(config.symbols()).hasSize(tree.definedSymbols().size());
        assertThat(config.search("buffer")).extracting(SymbolStatus::name)
                .contains("CONFIG_BUFFER_SIZE", "CONFIG_NET_BUFFERS", "CONFIG_BIG_BUFFERS");
        assertThat(config.search("number of cpus")).extracting(SymbolStatus::name).containsExactly("CONFIG_CPU_COUNT");
    }

    @Test
    void oneTreeServesIndependentSolves() {
        SolvedConfig first = solve("SMP=y");
        SolvedConfig second = solve("SMP=n");
        assertThat(first.value("SMP")).contains("y");
        assertThat(second.value("SMP")).contains("n");
        assertThat(first.assignments()).hasSize(1);
    }

    @Test
    void comparesNumbersAndStringsLikeTheCTools(@TempDir Path dir) {
        KconfigTree t = Fixtures.inline(dir, """
                config N
                	int "n"
                	default 10
                config H
                	hex "h"
                	default 0x10
                config S
                	string "s"
                	default "abc"
                config N_GT_9
                	def_bool N > 9
                config H_EQ_16
                	def_bool H = 16
                config S_LT_ABD
                	def_bool S < "abd"
                config OCTAL
                	def_bool "010" = 8
                config BOOL_VS_NUMBER
                	def_bool N_GT_9 = 2
                """);
        SolvedConfig config = KconfigSolver.solve(t, List.of());
        assertThat(config.value("N_GT_9")).contains("y");
        assertThat(config.value("H_EQ_16")).as("the hex 0x10 and the constant 16 are the same number").contains("y");
        assertThat(config.value("S_LT_ABD")).contains("y");
        assertThat(config.value("OCTAL")).as("strtoll base 0 reads 010 as octal").contains("y");
        assertThat(config.value("BOOL_VS_NUMBER")).as("y counts as 2").contains("y");
    }
}
