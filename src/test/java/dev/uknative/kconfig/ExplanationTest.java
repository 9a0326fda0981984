package dev.uknative.kconfig;

import static org.assertj.core.api.Assertions.assertThat;

import dev.uknative.core.Location;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** explain(): a symbol's value and why, with its definitions, dependencies and help. */
class ExplanationTest {

    private final KconfigTree tree = Fixtures.fixture();
    private final Path dir = Fixtures.tree("fixture");

    private Explanation explain(String symbol, String... lines) {
        return KconfigSolver.solve(tree, Fixtures.assignments(lines)).explain(symbol).orElseThrow();
    }

    @Test
    void explainsASelectedSymbolWhoseAssignmentDidNotHold() {
        Explanation e = explain("PRINTK", "DEBUG=y", "PRINTK=n");
        assertThat(e.name()).isEqualTo("CONFIG_PRINTK");
        assertThat(e.type()).isEqualTo(SymbolType.BOOL);
        assertThat(e.value()).isEqualTo("y");
        assertThat(e.reason()).isEqualTo("selected by CONFIG_DEBUG (set in test)");
        assertThat(e.userValue()).contains("CONFIG_PRINTK=n from test");
        assertThat(e.userValueHeld()).contains(false);
        assertThat(e.problem().orElseThrow().kind()).isEqualTo(ConfigProblem.Kind.SELECTED);
        assertThat(e.selectedBy()).containsExactly("CONFIG_DEBUG [=y]: select at " + dir.resolve("core.kconfig")
                + ":82 if DEBUG_PRINT [=y] (active)");
        assertThat(e.impliedBy()).containsExactly("CONFIG_LIB_ALPHA [=n]: imply at " + dir.resolve("libs/alpha/Config.uk") + ":4");
        assertThat(e.render()).contains("CONFIG_PRINTK=y  (bool)", "  assigned: CONFIG_PRINTK=n from test (did not hold)",
                "  problem: CONFIG_PRINTK=n cannot hold: selected by CONFIG_DEBUG");
    }

    @Test
    void explainsDefaultsRangesAndClamping() {
        Explanation e = explain("CPU_COUNT", "SMP=y");
        assertThat(e.value()).isEqualTo("64");
        assertThat(e.reason()).isEqualTo("by default: default 128 if SMP (" + dir.resolve("core.kconfig")
                + ":19), 128 clamped into the range");
        assertThat(e.defaults()).containsExactly(
                "default 128 if SMP (" + dir.resolve("core.kconfig") + ":19): condition SMP [=y] is y (in effect)",
                "default 1 (" + dir.resolve("core.kconfig") + ":20): condition y is y");
        assertThat(e.ranges()).containsExactly(
                "range 1 4 if !SMP (" + dir.resolve("core.kconfig") + ":17): 1 to 4 (condition is n)",
                "range 1 64 (" + dir.resolve("core.kconfig") + ":18): 1 to 64 (in effect)");
        assertThat(e.userValue()).isEmpty();
    }

    @Test
    void explainsVisibilityDependenciesDefinitionsAndHelp() {
        Explanation hidden = explain("NET_BUFFERS");
        assertThat(hidden.visible()).isFalse();
        assertThat(hidden.visibility()).isEqualTo("no prompt is shown: NET_IPV6 [=n] && NET [=n] is n");
        assertThat(hidden.dependsOn()).isEqualTo("NET_IPV6 [=n] && NET [=n]");
        assertThat(hidden.written()).isFalse();

        Explanation twice = explain("DEBUG");
        assertThat(twice.sites()).extracting(Explanation.Site::location).hasSize(2)
                .allMatch(l -> l.file().equals(dir.resolve("core.kconfig")));
        assertThat(twice.sites().get(1).prompt()).contains("\"Debugging, second definition\"");

        Explanation beta = explain("LIB_BETA");
        assertThat(beta.sites().get(0).location()).isEqualTo(Location.of(dir.resolve("libs/beta/Config.uk"), 1));
        assertThat(beta.sites().get(0).help()).contains("The beta library.\n  Indented more.\n      With a tab.\n\nLast paragraph.");
        assertThat(beta.visibility()).isEqualTo("the prompt at " + dir.resolve("libs/beta/Config.uk") + ":1 is shown: !ARCH_C [=n]");
        assertThat(beta.render()).contains("    The beta library.\n      Indented more.\n");

        Explanation noPrompt = explain("HAVE_SMP", "SMP=y");
        assertThat(noPrompt.visibility()).isEqualTo("it has no prompt, so only defaults and selects set it");
        assertThat(noPrompt.reason()).isEqualTo("selected by CONFIG_SMP (set in test)");
    }

    @Test
    void explainsChoiceSymbols() {
        Explanation e = explain("LOG_INFO");
        assertThat(e.choice()).contains("\"Log level\" (" + dir.resolve("core.kconfig") + ":140), mode y, selected: CONFIG_LOG_INFO");
        assertThat(e.reason()).isEqualTo("the selection of the choice \"Log level\"");
        assertThat(explain("LOG_ERR", "LOG_ERR=y").reason()).isEqualTo("set in test");
    }

    @Test
    void unknownSymbolsHaveNoExplanationButNearNames() {
        SolvedConfig config = KconfigSolver.solve(tree, List.of());
        assertThat(config.explain("PRNTK")).isEmpty();
        assertThat(config.nearestSymbols("CONFIG_PRNTK")).containsExactly("CONFIG_PRINTK");
    }
}
