package dev.uknative.kconfig;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The writers against files written by kconfig's C tool itself (golden/README.md says how): .config,
 * auto.conf (conf's hash-table order), config.h and tristate.config, byte for byte.
 */
class ConfWritersTest {

    @ParameterizedTest
    @ValueSource(strings = {"default", "rich", "noapp"})
    void writesWhatConfWrites(String scenario) throws IOException {
        Path golden = Fixtures.resource("golden/" + scenario);
        Path tree = Fixtures.tree("fixture");
        Map<String, String> variables = new LinkedHashMap<>(Fixtures.variables(tree));
        if (scenario.equals("noapp")) {
            variables.put("APP", tree.toString());
            variables.put("HOST", "a");
        }
        KconfigTree parsed = KconfigParser.parse(tree.resolve("Kconfig"), variables);
        SolvedConfig solved = KconfigSolver.solve(parsed, read(golden.resolve("fragment")));

        KconfiglibOracle.assertSameLines("conf", Files.readString(golden.resolve("config")), DotConfigWriter.write(parsed, solved), ".config");
        KconfiglibOracle.assertSameLines("conf", Files.readString(golden.resolve("auto.conf")), AutoConfWriter.write(parsed, solved), "auto.conf");
        KconfiglibOracle.assertSameLines("conf", Files.readString(golden.resolve("config.h")), AutoHeaderWriter.write(parsed, solved), "config.h");
        assertThat(DotConfigWriter.write(parsed, solved)).isEqualTo(Files.readString(golden.resolve("config")));
        assertThat(AutoConfWriter.write(parsed, solved)).isEqualTo(Files.readString(golden.resolve("auto.conf")));
        assertThat(AutoHeaderWriter.write(parsed, solved)).isEqualTo(Files.readString(golden.resolve("config.h")));
        assertThat(AutoConfWriter.writeTristate(parsed, solved)).isEqualTo(Files.readString(golden.resolve("tristate.config")));
    }

    /** A .config fragment read back into assignments, in order. */
    static List<ConfigAssignment> read(Path fragment) throws IOException {
        List<ConfigAssignment> out = new ArrayList<>();
        for (String line : Files.readAllLines(fragment)) {
            if (line.startsWith("# CONFIG_") && line.endsWith(" is not set")) {
                out.add(ConfigAssignment.of(line.substring(2, line.length() - " is not set".length()) + "=n", "golden"));
            } else if (line.startsWith("CONFIG_")) {
                out.add(ConfigAssignment.of(line, "golden"));
            }
        }
        return out;
    }
}
