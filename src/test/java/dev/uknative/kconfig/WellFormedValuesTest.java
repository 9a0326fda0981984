package dev.uknative.kconfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.uknative.core.ExitCode;
import dev.uknative.core.Location;
import dev.uknative.core.UknativeException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A value its symbol's type cannot take is refused where it is written, by every path that solves a
 * configuration: build with all other problems, and the read-only commands (config get/list) too,
 * which used to show the default as if nothing were wrong.
 */
class WellFormedValuesTest {

    private static final Path KRAFTFILE = Path.of("/app/Kraftfile");
    private static final Location AT = new Location(KRAFTFILE, 9, 5);

    private final KconfigTree tree = Fixtures.fixture();

    private SolvedConfig solve(String symbol, String value) {
        return KconfigSolver.solve(tree, List.of(
                new ConfigAssignment(symbol, value, "Kraftfile unikraft.kconfig", Optional.of(AT))));
    }

    /** As the Kraftfile reader passes on {@code CPU_COUNT: abc}, {@code 0x10}, {@code 1e309}, {@code .nan}. */
    @ParameterizedTest
    @ValueSource(strings = {"\"abc\"", "0x10", "\"1e309\"", "\".nan\"", "m"})
    void aMalformedIntIsRefusedAtItsLocation(String value) {
        UknativeException e = catchThrowableOfType(UknativeException.class, () -> solve("CONFIG_CPU_COUNT", value).requireWellFormedValues());

        assertThat(e).isNotNull();
        assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(e.location()).contains(AT);
        assertThat(e.getMessage()).contains("CONFIG_CPU_COUNT is an int symbol");
        assertThat(e.hint()).isPresent();
    }

    @Test
    void aMalformedBoolIsRefused() {
        assertThat(catchThrowableOfType(UknativeException.class, () -> solve("CONFIG_SMP", "\"abc\"").requireWellFormedValues()))
                .isNotNull();
    }

    @Test
    void wellFormedValuesThatCannotHoldAreLeftToBuildAndExplain() {
        SolvedConfig solved = solve("CONFIG_CPU_COUNT", "1000");

        assertThat(solved.problems()).isNotEmpty();
        assertThatCode(solved::requireWellFormedValues).doesNotThrowAnyException();
    }

    @Test
    void theRefusalListsTheProblemsLikeBuildAndStaysShort() {
        List<ConfigAssignment> many = new java.util.ArrayList<>();
        for (int i = 0; i < 500; i++) {
            many.add(new ConfigAssignment("CONFIG_UNKNOWN_" + i, "y", "Kraftfile", Optional.of(new Location(KRAFTFILE, i + 1, 5))));
        }
        SolvedConfig solved = KconfigSolver.solve(tree, many);

        UknativeException e = ConfigProblem.refusal(solved.problems());

        assertThat(e.getMessage()).startsWith("500 kconfig requests cannot hold:\n  CONFIG_UNKNOWN_0").endsWith("and 490 more");
        assertThat(e.location()).contains(new Location(KRAFTFILE, 1, 5));
    }
}
