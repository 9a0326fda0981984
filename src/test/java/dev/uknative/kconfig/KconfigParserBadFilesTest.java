package dev.uknative.kconfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file in src/test/resources/kconfig/bad is a Kconfig file that must not parse; its first line
 * says where and with which message: {@code # expect LINE: MESSAGE}.
 */
class KconfigParserBadFilesTest {

    static Stream<Path> badFiles() throws IOException {
        return Files.list(Fixtures.resource("bad")).sorted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void failsWithFileLineAndMessage(Path file) throws IOException {
        String first = Files.readAllLines(file).get(0);
        assertThat(first).startsWith("# expect ");
        int colon = first.indexOf(':');
        int line = Integer.parseInt(first.substring("# expect ".length(), colon));
        String message = first.substring(colon + 2);

        KconfigException e = catchThrowableOfType(KconfigException.class,
                () -> KconfigParser.parse(file, Map.of("SELF", file.toString())));

        assertThat(e).as("no error for " + file.getFileName()).isNotNull();
        assertThat(e.describe()).startsWith(file + ":" + line + ": ").contains(message);
        assertThat(e.location()).isPresent();
    }
}
