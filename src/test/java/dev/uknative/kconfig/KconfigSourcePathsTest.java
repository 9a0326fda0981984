package dev.uknative.kconfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.uknative.core.ExitCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * A source statement, or an emulated config-submenu.sh, whose path cannot name a file is an error at
 * its line (found by fuzzing, issue 10).
 */
class KconfigSourcePathsTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"source \"a\u0000b/Config.uk\"", "osource \"lib/\u0000\"", "source \"lib/[*/Config.uk\"",
        "source \"lib/*\u0000/Config.uk\"", "osource \"{a,[}/x\"", "source \"lib/[b-a]*\"",
        "source \"$(shell,/u/support/build/config-submenu.sh -q -o 'x\u0000.uk' -l lib)\"",
        "source \"$(shell,/u/support/build/config-submenu.sh -q -o x.uk -l 'l\u0000ib')\"",
        "source \"$(shell,/u/support/build/config-submenu.sh -q -o x.uk -r 'l\u0000ib')\""})
    void anImpossiblePathIsInvalidInputAtItsLine(String statement) throws IOException {
        Files.createDirectories(dir.resolve("lib/a"));
        Path file = dir.resolve("Config.uk");
        Files.writeString(file, "config A\n\tbool\n" + statement + "\n");

        Throwable thrown = catchThrowable(() -> KconfigParser.parse(file, Map.of()));

        assertThat(thrown).isInstanceOf(KconfigException.class);
        KconfigException e = (KconfigException) thrown;
        assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(e.describe()).startsWith(file + ":3: ");
    }
}
