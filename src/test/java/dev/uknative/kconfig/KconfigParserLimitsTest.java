package dev.uknative.kconfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.uknative.core.ExitCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Nesting and size that no real Config.uk comes near (found by fuzzing, issue 10): refused with the
 * file and line, never a StackOverflowError or an OutOfMemoryError; realistic depths still parse.
 */
class KconfigParserLimitsTest {

    @TempDir
    Path dir;

    private Throwable parse(String text) throws IOException {
        Path file = dir.resolve("Config.uk");
        Files.writeString(file, text);
        return catchThrowable(() -> KconfigSolver.solve(KconfigParser.parse(file, Map.of()), List.of()));
    }

    private void assertRefused(Throwable thrown, int line, String message) {
        assertThat(thrown).isInstanceOf(KconfigException.class);
        KconfigException e = (KconfigException) thrown;
        assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(e.describe()).startsWith(dir.resolve("Config.uk") + ":" + line + ": ").contains(message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"(", "!", "B && ", "B || ", "B && (", "!(B || "})
    void deeplyNestedExpressionsAreRefused(String level) throws IOException {
        String expression = level.repeat(20_000) + "B" + (level.contains("(") ? ")".repeat(20_000) : "");

        Throwable thrown = parse("config B\n\tbool\nconfig A\n\tbool \"a\"\n\tdepends on " + expression + "\n");

        assertRefused(thrown, 5, "expression nested too deeply");
        assertThat(thrown.getMessage()).as("the line is echoed cut short").hasSizeLessThan(400);
    }

    @Test
    void deeplyNestedBlocksAreRefused() throws IOException {
        for (String[] block : new String[][] {{"if B\n", "endif\n"}, {"menu \"m\"\n", "endmenu\n"}, {"choice\n\tprompt \"c\"\n", "endchoice\n"}}) {
            String text = "config B\n\tbool\n" + block[0].repeat(20_000) + "config A\n\tbool \"a\"\n" + block[1].repeat(20_000);
            Throwable thrown = parse(text);
            assertThat(thrown).as(block[0]).isInstanceOf(KconfigException.class);
            assertThat(((KconfigException) thrown).describe()).as(block[0]).contains("nested too deeply");
        }
    }

    @Test
    void deeplyNestedMacrosAreRefused() throws IOException {
        assertRefused(parse("config A\n\tstring \"$(x" + ",$(y".repeat(20_000) + ")".repeat(20_000) + ")\"\n"), 2,
                "macro calls nested too deeply");
    }

    @Test
    void macrosThatExpandBeyondAnyLineAreRefused() throws IOException {
        StringBuilder text = new StringBuilder("v0 = xxxxxxxxxxxxxxxx\n");
        for (int i = 1; i <= 16; i++) {
            text.append("v").append(i).append(" = $(v").append(i - 1).append(")$(v").append(i - 1).append(")$(v")
                    .append(i - 1).append(")$(v").append(i - 1).append(")\n");
        }
        text.append("config A\n\tstring \"$(v16)\"\n");

        assertRefused(parse(text.toString()), 19, "longer than");
    }

    @Test
    void realisticNestingStillParses() throws IOException {
        String expression = "(".repeat(50) + "B && !C || (B && C)" + ")".repeat(50) + " && B".repeat(50);
        String text = "config B\n\tbool\n\tdefault y\nconfig C\n\tbool\n" + "if B\nmenu \"m\"\n".repeat(40)
                + "config A\n\tbool \"a\"\n\tdefault y\n\tdepends on " + expression + "\n" + "endmenu\nendif\n".repeat(40)
                + "f = $(1)\nconfig S\n\tstring \"s\"\n\tdefault \"" + "$(f,".repeat(50) + "deep" + ")".repeat(50) + "\"\n";

        assertThat(parse(text)).isNull();
        Path file = dir.resolve("Config.uk");
        SolvedConfig solved = KconfigSolver.solve(KconfigParser.parse(file, Map.of()), List.of());
        assertThat(solved.status("CONFIG_A").orElseThrow().visible()).isTrue();
        assertThat(solved.value("CONFIG_S")).contains("deep");
    }
}
