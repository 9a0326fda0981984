package dev.uknative.kconfig;

import static org.assertj.core.api.Assertions.assertThat;

import dev.uknative.core.Location;
import dev.uknative.kconfig.ConfigProblem.Kind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Assignments that cannot hold become problems with a reason and a fix, instead of being dropped silently. */
class ConfigProblemTest {

    private static final Path KRAFTFILE = Path.of("/app/Kraftfile");

    private final KconfigTree tree = Fixtures.fixture();
    private final Path dir = Fixtures.tree("fixture");

    /** Each line is written in the Kraftfile at line 7, 8, …, column 5. */
    private List<ConfigProblem> problems(String... lines) {
        List<ConfigAssignment> assignments = new ArrayList<>();
        int line = 7;
        for (String l : lines) {
            int eq = l.indexOf('=');
            assignments.add(new ConfigAssignment("CONFIG_" + l.substring(0, eq), l.substring(eq + 1),
                    "Kraftfile unikraft.kconfig", Optional.of(new Location(KRAFTFILE, line++, 5))));
        }
        return KconfigSolver.solve(tree, assignments).problems();
    }

    private ConfigProblem only(String... lines) {
        List<ConfigProblem> problems = problems(lines);
        assertThat(problems).hasSize(1);
        return problems.get(0);
    }

    @Test
    void assignmentsThatHoldAreNoProblem() {
        assertThat(problems("SMP=y", "CPU_COUNT=8", "ARCH_A=y", "APP_NAME=\"x\"", "LIB_ALPHA=y", "LIB_BETA=y", "NET=n"))
                .isEmpty();
    }

    @Test
    void namesTheSelectChainUpToTheUsersRequest() {
        ConfigProblem p = only("SMP=y", "HAVE_SMP=n");
        assertThat(p.kind()).isEqualTo(Kind.SELECTED);
        assertThat(p.message()).isEqualTo("CONFIG_HAVE_SMP=n cannot hold: selected by CONFIG_SMP (set in Kraftfile"
                + " unikraft.kconfig (/app/Kraftfile:7:5))");
        assertThat(p.fix()).isEqualTo("remove CONFIG_HAVE_SMP=n");
        assertThat(p.assignment().location()).contains(new Location(KRAFTFILE, 8, 5));

        ConfigProblem chain = only("APP_FEATURE=y", "LIB_BETA=n");
        assertThat(chain.message()).isEqualTo("CONFIG_LIB_BETA=n cannot hold: selected by CONFIG_LIB_ALPHA (selected by"
                + " CONFIG_APP_FEATURE (set in Kraftfile unikraft.kconfig (/app/Kraftfile:7:5)))");

        ConfigProblem conditional = only("DEBUG=y", "PRINTK=n");
        assertThat(conditional.message()).contains("selected by CONFIG_DEBUG (set in Kraftfile unikraft.kconfig"
                + " (/app/Kraftfile:7:5)) through 'select … if DEBUG_PRINT' (" + dir.resolve("core.kconfig") + ":");
    }

    @Test
    void namesTheUnmetDependenciesAndWhereTheyAreDefined() {
        ConfigProblem p = only("DRIVER_NAME=\"x\"");
        assertThat(p.kind()).isEqualTo(Kind.UNMET_DEPENDENCY);
        assertThat(p.message()).isEqualTo("CONFIG_DRIVER_NAME=\"x\" cannot hold: CONFIG_DRIVER_NAME depends on DRIVER_NET,"
                + " and CONFIG_DRIVER_NET is n (defined at " + dir.resolve("drivers/Kconfig") + ":11)");
        assertThat(p.fix()).as("the whole way there, dependencies first, a promptless one through its selector")
                .isEqualTo("also set CONFIG_NET=y, CONFIG_DRIVER_PCI=y and CONFIG_DRIVER_NET=y");

        ConfigProblem two = only("NET_BUFFERS=5");
        assertThat(two.message()).contains("depends on NET_IPV6 && NET, and CONFIG_NET_IPV6 is n (defined at ")
                .contains("; CONFIG_NET is n (defined at ");
        assertThat(two.fix()).isEqualTo("also set CONFIG_NET=y and CONFIG_NET_IPV6=y");

        ConfigProblem choiceSymbol = only("ARCH_C=y");
        assertThat(choiceSymbol.message()).contains("CONFIG_ARCH_C depends on EXPERIMENTAL, and CONFIG_EXPERIMENTAL is n");
        assertThat(choiceSymbol.fix()).isEqualTo("also set CONFIG_EXPERIMENTAL=y");

        ConfigProblem visibleIf = only("HIDDEN_OPTION=n");
        assertThat(visibleIf.message()).contains("is shown only if EXPERIMENTAL, and CONFIG_EXPERIMENTAL is n");

        ConfigProblem negated = only("EXPERIMENTAL=y", "ARCH_C=y", "LIB_BETA=y");
        assertThat(negated.message()).contains("CONFIG_LIB_BETA depends on !ARCH_C, and CONFIG_ARCH_C is y (defined at ")
                .endsWith("(it must be n)");
        assertThat(negated.fix()).as("a choice symbol is not simply set to n").isEqualTo("remove CONFIG_LIB_BETA=y");
        assertThat(only("SMP=n", "DEBUG_STATS=y").fix()).isEqualTo("also set CONFIG_SMP=y (instead of CONFIG_SMP=n)");

        assertThat(only("FORCED=y").fix()).as("NEVER cannot be set").isEqualTo("remove CONFIG_FORCED=y");
    }

    @Test
    void explainsSymbolsWithoutPrompt() {
        ConfigProblem p = only("HAVE_PCI=y");
        assertThat(p.kind()).isEqualTo(Kind.NOT_USER_SETTABLE);
        assertThat(p.message()).startsWith("CONFIG_HAVE_PCI=y cannot hold: CONFIG_HAVE_PCI has no prompt, so only defaults"
                + " and selects set it");
        assertThat(p.fix()).isEqualTo("set CONFIG_DRIVER_PCI=y (which selects it), or remove CONFIG_HAVE_PCI=y");
        assertThat(only("ARCH_64BIT=n").message()).contains("it is y, by default: default y");
    }

    @Test
    void reportsChoiceConflicts() {
        ConfigProblem p = only("LOG_ERR=y", "LOG_INFO=y");
        assertThat(p.kind()).isEqualTo(Kind.CHOICE);
        assertThat(p.message()).startsWith("CONFIG_LOG_ERR=y cannot hold: CONFIG_LOG_INFO is selected in the same choice"
                + " \"Log level\"").endsWith("set in Kraftfile unikraft.kconfig (/app/Kraftfile:8:5)");
        assertThat(p.fix()).isEqualTo("keep only one of CONFIG_LOG_ERR=y and CONFIG_LOG_INFO=y");

        ConfigProblem off = only("MODE_X=n");
        assertThat(off.message()).contains("CONFIG_MODE_X is the selection of the choice \"Mode\"")
                .contains("a choice always has one symbol set");
        assertThat(off.fix()).isEqualTo("set CONFIG_MODE_Y=y instead");
    }

    @Test
    void reportsValuesOutsideTheRange() {
        ConfigProblem p = only("STACK_ORDER=20");
        assertThat(p.kind()).isEqualTo(Kind.OUT_OF_RANGE);
        assertThat(p.message()).isEqualTo("CONFIG_STACK_ORDER=20 cannot hold: 20 is outside the range 2 to 10 of"
                + " CONFIG_STACK_ORDER (" + dir.resolve("core.kconfig") + ":24), so it is 2");
        assertThat(p.fix()).isEqualTo("use a value from 2 to 10");
        assertThat(only("BASE_ADDRESS=0x10").fix()).isEqualTo("use a value from 0x1000 to 0xffff");
    }

    @Test
    void reportsValuesOfTheWrongType() {
        List<ConfigProblem> p = problems("NET=m", "APP_NAME=bare", "CPU_COUNT=abc", "BASE_ADDRESS=0xZZ");
        assertThat(p).extracting(ConfigProblem::kind).containsOnly(Kind.INVALID_VALUE);
        assertThat(p).extracting(ConfigProblem::fix).containsExactly("write CONFIG_NET=y or CONFIG_NET=n",
                "write CONFIG_APP_NAME=\"bare\"", "write a decimal number, such as CONFIG_CPU_COUNT=1",
                "write a hexadecimal number, such as CONFIG_BASE_ADDRESS=0x1000");
        assertThat(p.get(2).message()).isEqualTo("CONFIG_CPU_COUNT=abc cannot hold: CONFIG_CPU_COUNT is an int symbol,"
                + " and abc is not a decimal number");
    }

    @Test
    void suggestsTheNearestNamesForUnknownSymbols() {
        ConfigProblem p = only("SMPP=y");
        assertThat(p.kind()).isEqualTo(Kind.UNKNOWN_SYMBOL);
        assertThat(p.message()).isEqualTo("CONFIG_SMPP=y cannot hold: no Kconfig file of this tree defines SMPP"
                + " (nearest: CONFIG_SMP)");
        assertThat(p.fix()).isEqualTo("use CONFIG_SMP instead, or remove CONFIG_SMPP=y");
        assertThat(only("PRINK=y").message()).contains("(nearest: CONFIG_PRINTK)");
        assertThat(only("COMPLETELY_DIFFERENT_NAME=y").fix()).isEqualTo("remove CONFIG_COMPLETELY_DIFFERENT_NAME=y");
        assertThat(only("SOMETHING_NOT_DEFINED=y").kind()).as("referenced, never defined").isEqualTo(Kind.UNKNOWN_SYMBOL);
    }

    @Test
    void reportsOnlyTheLastAssignmentOfASymbol() {
        assertThat(problems("SMP=y", "HAVE_SMP=n", "HAVE_SMP=y")).isEmpty();
        ConfigProblem p = only("CPU_COUNT=abc", "CPU_COUNT=100");
        assertThat(p.kind()).isEqualTo(Kind.OUT_OF_RANGE);
    }
}
