package dev.uknative.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.uknative.core.ExitCode;
import dev.uknative.core.UknativeException;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file in {@code kraftfiles/bad} must be refused with INVALID_INPUT, at the position and with
 * the message its first line announces ({@code # expect: line[:col]: text}; see kraftfiles/README.md).
 */
class KraftfileReaderBadFilesTest {

    private static final Pattern EXPECT = Pattern.compile("^# expect: (\\d+)(?::(\\d+))?: (.+)$");

    static List<Named<Path>> badFiles() throws IOException, URISyntaxException {
        Path folder = Path.of(KraftfileReaderBadFilesTest.class.getResource("/kraftfiles/bad").toURI());
        try (Stream<Path> files = Files.list(folder)) {
            List<Path> yaml = files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
            // Guards against a resource folder that silently stopped being copied.
            assertThat(yaml).hasSizeGreaterThanOrEqualTo(12);
            return yaml.stream().map(f -> Named.of(f.getFileName().toString(), f)).toList();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void isRefusedAtTheAnnouncedPosition(Path file) throws IOException {
        String firstLine = Files.readAllLines(file, StandardCharsets.UTF_8).get(0);
        Matcher expect = EXPECT.matcher(firstLine);
        assertThat(expect.matches()).as("first line of %s: %s", file.getFileName(), firstLine).isTrue();
        Path absolute = file.toAbsolutePath().normalize();

        UknativeException e = catchThrowableOfType(UknativeException.class, () -> new KraftfileReader().read(file));

        assertThat(e).as("no error for %s", file.getFileName()).isNotNull();
        assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(e.describe()).contains(expect.group(3));
        if (expect.group(2) != null) {
            assertThat(e.describe()).contains(absolute + ":" + expect.group(1) + ":" + expect.group(2) + ": ");
        } else {
            assertThat(e.describe()).containsPattern(Pattern.quote(absolute + ":" + expect.group(1)) + "(:\\d+)?: ");
        }
    }
}
