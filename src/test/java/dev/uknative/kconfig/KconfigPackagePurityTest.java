package dev.uknative.kconfig;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The kconfig package is a pure stage (see ArchitectureTest): it may read the Kconfig files it parses, but it starts
 * no process, prints nothing, reads no environment variable, and uses no other uknative package than core.
 */
class KconfigPackagePurityTest {

    private static final Path SOURCES = Path.of("src/main/java/dev/uknative/kconfig");
    private static final Pattern IMPORT = Pattern.compile("(?m)^import (?:static )?([\\w.]+)");
    private static final List<String> FORBIDDEN = List.of("ProcessBuilder", "Runtime.getRuntime", "System.getenv",
            "System.getProperty", "System.out", "System.err", "printStackTrace");

    @Test
    void startsNoProcessPrintsNothingAndReadsNoEnvironment() throws IOException {
        List<String> violations = new ArrayList<>();
        try (Stream<Path> files = Files.list(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                String text = Files.readString(file);
                Matcher m = IMPORT.matcher(text);
                while (m.find()) {
                    String imported = m.group(1);
                    if (!(imported.startsWith("java.") || imported.startsWith("dev.uknative.core.")
                            || imported.startsWith("dev.uknative.kconfig."))) {
                        violations.add(file.getFileName() + " imports " + imported);
                    }
                }
                for (String api : FORBIDDEN) {
                    if (text.contains(api)) {
                        violations.add(file.getFileName() + " uses " + api);
                    }
                }
            }
        }
        assertThat(violations).isEmpty();
    }
}
