package dev.uknative.elf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.uknative.core.ExitCode;
import dev.uknative.core.UknativeException;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file in {@code elf/bad} (made by {@code make-bad-files.sh}) must be refused with INVALID_INPUT,
 * at the location and with the words {@code expected.tsv} gives for it.
 */
class ElfBadFilesTest {

    static Path folder() throws URISyntaxException {
        return Path.of(ElfBadFilesTest.class.getResource("/elf/bad").toURI());
    }

    static Stream<Arguments> badFiles() throws IOException, URISyntaxException {
        List<String> lines = Files.readAllLines(folder().resolve("expected.tsv"), StandardCharsets.UTF_8);
        return lines.stream().filter(l -> !l.startsWith("#") && !l.isBlank()).map(l -> l.split("\t", -1))
                .map(f -> Arguments.of(f[0], f[1], f[2]));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void isRefusedWithItsOffsetAndReason(String name, String location, String words) throws URISyntaxException {
        Path file = folder().resolve(name);

        Throwable thrown = catchThrowable(() -> {
            if (name.endsWith(".a")) {
                new ArchiveReader().read(file);
            } else {
                new ElfReader().read(file);
            }
        });

        assertThat(thrown).as("error for %s", name).isInstanceOf(UknativeException.class);
        UknativeException e = (UknativeException) thrown;
        assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(e.describe()).startsWith(file + location + ": ").contains(words);
        assertThat(e.hint()).isPresent();
    }

    @Test
    void everyBadFileHasAnExpectation() throws IOException, URISyntaxException {
        List<String> expected = badFiles().map(a -> (String) a.get()[0]).sorted().toList();
        try (Stream<Path> files = Files.list(folder())) {
            assertThat(files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".o") || n.endsWith(".a"))
                    .sorted()).containsExactlyElementsOf(expected);
        }
        assertThat(expected).hasSizeGreaterThanOrEqualTo(25);
    }
}
