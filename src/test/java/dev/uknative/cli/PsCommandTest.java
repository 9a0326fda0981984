package dev.uknative.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How ps writes times and JSON; the table with real machines: DetachedMachinesTest. */
class PsCommandTest {

    @ParameterizedTest
    @CsvSource({"0, 0s", "59, 59s", "60, 1m", "3599, 59m", "3600, 1h", "172799, 47h", "172800, 2d", "-5, 0s"})
    void relativeTimesUseTheLargestWholeUnit(long seconds, String expected) {
        assertThat(PsCommand.relative(Duration.ofSeconds(seconds))).isEqualTo(expected);
    }

    @Test
    void jsonStringsAreEscaped() {
        assertThat(PsCommand.string("a\"b\\c\nd\u0001é")).isEqualTo("\"a\\\"b\\\\c\\nd\\u0001é\"");
    }

    @Test
    void noMachinesIsAnEmptyArrayAndAHeader() {
        assertThat(PsCommand.json(List.of())).isEqualTo("[]\n");
        assertThat(PsCommand.table(List.of(), Instant.EPOCH)).isEqualTo("NAME  IMAGE  STATE  UPTIME/ENDED  STATUS\n");
    }
}
