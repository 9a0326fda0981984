package dev.uknative.kconfig;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The engine against Kconfiglib on the fixture tree (choices named, unnamed and optional, selects and
 * implies with conditions, ranges with clamping, int/hex/string, menus with depends on and visible if,
 * comments, ifs, implicit submenus, a symbol defined twice, a file sourced twice, globbed sources,
 * macros and $(shell,test …)): the same fragment gives the same .config, line for line.
 */
@Tag("tool")
class KconfiglibDifferentialTest {

    @TempDir
    Path scratch;

    static Stream<Arguments> scenarios() {
        return Stream.of(
                Arguments.of("nothing", List.of()),
                Arguments.of("another architecture", List.of("ARCH_A=y")),
                Arguments.of("a choice symbol behind its dependency", List.of("EXPERIMENTAL=y", "ARCH_C=y", "SMP=y")),
                Arguments.of("default clamped into the range", List.of("SMP=y", "CPU_COUNT=100")),
                Arguments.of("conditional range", List.of("CPU_COUNT=3")),
                Arguments.of("user value outside the range", List.of("STACK_ORDER=11", "NEGATIVE=-11", "BUFFER_SIZE=2000")),
                Arguments.of("range bounds", List.of("STACK_ORDER=10", "NEGATIVE=-10", "BUFFER_SIZE=1024", "EDGE=5",
                        "BASE_ADDRESS=0xffff", "SMP=y", "CPU_COUNT=64")),
                Arguments.of("just outside the range", List.of("STACK_ORDER=1", "NEGATIVE=11", "BUFFER_SIZE=15", "EDGE=11",
                        "BASE_ADDRESS=0x10000", "CPU_COUNT=5")),
                Arguments.of("hex without 0x", List.of("BASE_ADDRESS=ff", "LOAD_ADDRESS=0XABC", "EMPTY_HEX=0", "EMPTY_INT=5")),
                Arguments.of("hex in range without 0x", List.of("BASE_ADDRESS=2000")),
                Arguments.of("strings", List.of("APP_NAME=\"with \\\"quotes\\\" and \\\\\"", "GREETING=\"x\"",
                        "HIDDEN_STRING=\"h\"", "DRIVER_NAME=\"unseen\"")),
                Arguments.of("unquoted string is ignored", List.of("APP_NAME=unquoted")),
                Arguments.of("select with a condition", List.of("NET=y", "NET_IPV6=n", "DEBUG=y", "DEBUG_PRINT=y", "LEVEL=5")),
                Arguments.of("symbol defined twice", List.of("NET=y", "DEBUG=y")),
                Arguments.of("select despite unmet dependencies", List.of("FORCER=y")),
                Arguments.of("invisible choice selection", List.of("LOG_DEBUG=y")),
                Arguments.of("named choice defined twice", List.of("DEBUG=y", "LOG_DEBUG=y")),
                Arguments.of("implicit submenu inside a choice", List.of("MODE_Y=y", "MODE_X_EXTRA=y")),
                Arguments.of("implicit submenu symbol", List.of("MODE_X_EXTRA=y")),
                Arguments.of("optional choice", List.of("OPT_TWO=y")),
                Arguments.of("optional choice, two set", List.of("OPT_ONE=y", "OPT_TWO=y")),
                Arguments.of("optional choice, set n", List.of("OPT_ONE=n")),
                Arguments.of("select and imply chain", List.of("LIB_ALPHA=y")),
                Arguments.of("selected with unmet dependencies", List.of("EXPERIMENTAL=y", "ARCH_C=y", "LIB_ALPHA=y")),
                Arguments.of("imply overridden", List.of("SMP=y", "EXPERIMENTAL=y", "SMP_STATS=n", "DEBUG=y")),
                Arguments.of("imply", List.of("SMP=y", "EXPERIMENTAL=y", "DEBUG=y")),
                Arguments.of("drivers", List.of("DRIVER_PCI=y", "NET=y", "DRIVER_NAME=\"custom\"")),
                Arguments.of("visible if", List.of("EXPERIMENTAL=y", "HIDDEN_OPTION=n", "HIDDEN_STRING=\"shown\"")),
                Arguments.of("later wins", List.of("ARCH_A=y", "ARCH_B=y", "SMP=y", "SMP=n", "CPU_COUNT=2", "CPU_COUNT=abc")),
                Arguments.of("first character counts", List.of("SMP=yes", "NET=m", "DEBUG=no", "PRINTK=1")),
                Arguments.of("unknown symbols", List.of("NOT_A_SYMBOL=y", "HIDDEN_LIB=y", "SOMETHING_NOT_DEFINED=y")),
                Arguments.of("promptless symbols", List.of("HAVE_SMP=y", "HAVE_PCI=y", "MIN_SIZE=8", "ARCH_64BIT=n")),
                Arguments.of("not set", List.of("ARCH_B=n", "LOG_INFO=n", "MODE_X=n")),
                Arguments.of("application", List.of("APP_FEATURE=y")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void sameConfigAsKconfiglib(String name, List<String> lines) throws Exception {
        Path tree = Fixtures.tree("fixture");
        compare(tree, Fixtures.variables(tree), Fixtures.assignments(lines.toArray(String[]::new)), name);
    }

    @Test
    void sameConfigWithoutApplicationAndForAnotherHost() throws Exception {
        Path tree = Fixtures.tree("fixture");
        Map<String, String> variables = new LinkedHashMap<>(Fixtures.variables(tree));
        variables.put("APP", tree.toString());
        variables.put("HOST", "a");
        compare(tree, variables, Fixtures.assignments("APP_FEATURE=y", "SMP=y"), "no application, host a");
    }

    /** Sixty fragments of random symbols (bool y/n, int and hex values, defined or not), fixed seed. */
    @Test
    void sameConfigForRandomFragments() throws Exception {
        Path tree = Fixtures.tree("fixture");
        Map<String, String> variables = Fixtures.variables(tree);
        KconfigTree parsed = KconfigParser.parse(tree.resolve("Kconfig"), variables);
        List<Symbol> symbols = parsed.definedSymbols();
        Random random = new Random(20240611);
        for (int i = 0; i < 60; i++) {
            List<String> lines = new ArrayList<>();
            int count = 1 + random.nextInt(15);
            for (int k = 0; k < count; k++) {
                Symbol s = symbols.get(random.nextInt(symbols.size()));
                lines.add(s.name() + "=" + randomValue(s, random));
            }
            compare(tree, variables, Fixtures.assignments(lines.toArray(String[]::new)), "random fragment " + i + " " + lines);
        }
    }

    private static String randomValue(Symbol s, Random random) {
        return switch (s.type()) {
            case INT -> Integer.toString(random.nextInt(3000) - 100);
            case HEX -> "0x" + Integer.toHexString(random.nextInt(0x20000));
            case STRING -> "\"r" + random.nextInt(100) + "\"";
            default -> random.nextBoolean() ? "y" : "n";
        };
    }

    private void compare(Path tree, Map<String, String> variables, List<ConfigAssignment> fragment, String what)
            throws Exception {
        String expected = KconfiglibOracle.olddefconfig(tree.resolve("Kconfig"), variables, fragment, scratch);
        KconfigTree parsed = KconfigParser.parse(tree.resolve("Kconfig"), variables);
        SolvedConfig solved = KconfigSolver.solve(parsed, fragment);
        KconfiglibOracle.assertSameLines(expected, DotConfigWriter.body(solved), what);
    }
}
