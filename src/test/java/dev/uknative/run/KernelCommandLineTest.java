package dev.uknative.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class KernelCommandLineTest {

    @Test
    void plainArgumentsAreJoinedWithSpaces() {
        assertThat(KernelCommandLine.of(List.of("a", "--flag", "x=1"))).isEqualTo("a --flag x=1");
    }

    @Test
    void argumentsWithBlanksOrNothingAreQuotedWithInnerQuotesEscaped() {
        assertThat(KernelCommandLine.of(List.of("two words", "", "say \"hi\" now"))).isEqualTo("\"two words\" \"\" \"say \\\"hi\\\" now\"");
    }

    @Test
    void noArgumentsIsAnEmptyLine() {
        assertThat(KernelCommandLine.of(List.of())).isEmpty();
    }
}
