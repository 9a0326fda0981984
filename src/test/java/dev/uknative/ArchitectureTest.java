package dev.uknative;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The package map of DESIGN.md, checked: dependencies point one way along the pipeline, and the pure
 * stages start no process, print nothing and read no environment variable.
 */
class ArchitectureTest {

    private static final Path SOURCES = Path.of("src/main/java/dev/uknative");
    private static final Pattern REFERENCE = Pattern.compile("\\bdev\\.uknative\\.([a-z]+)\\.");

    /** Which packages each package may use (besides itself). */
    private static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
            Map.entry("core", Set.of()),
            Map.entry("process", Set.of("core")),
            Map.entry("project", Set.of("core")),
            Map.entry("kconfig", Set.of("core")),
            Map.entry("elf", Set.of("core")),
            Map.entry("source", Set.of("core", "project")),
            Map.entry("foreign", Set.of("core", "project", "process")),
            Map.entry("symbols", Set.of("core", "elf", "kconfig")),
            Map.entry("build", Set.of("core", "project", "source", "kconfig", "process", "foreign", "elf", "symbols")),
            Map.entry("run", Set.of("core", "project", "process")),
            Map.entry("menu", Set.of("core", "kconfig")),
            Map.entry("cli", Set.of("core", "project", "source", "kconfig", "build", "run", "process", "menu", "foreign", "symbols")));

    private static final Set<String> PURE = Set.of("core", "project", "kconfig", "menu", "elf");
    private static final List<String> IMPURE_CALLS = List.of("ProcessBuilder", "Runtime.getRuntime().exec", "System.getenv",
            "System.out", "System.err", "System.exit");

    @Test
    void packagesDependOnlyOnTheStagesBeforeThem() throws IOException {
        List<String> violations = new ArrayList<>();
        for (Path file : javaFiles()) {
            String pkg = SOURCES.relativize(file).getName(0).toString();
            assertThat(ALLOWED).as("package %s is not in the package map", pkg).containsKey(pkg);
            Matcher m = REFERENCE.matcher(Files.readString(file));
            while (m.find()) {
                String used = m.group(1);
                if (!used.equals(pkg) && !ALLOWED.get(pkg).contains(used)) {
                    violations.add(SOURCES.relativize(file) + " uses dev.uknative." + used);
                }
            }
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void pureStagesStartNoProcessPrintNothingAndReadNoEnvironment() throws IOException {
        List<String> violations = new ArrayList<>();
        for (Path file : javaFiles()) {
            String pkg = SOURCES.relativize(file).getName(0).toString();
            if (!PURE.contains(pkg)) {
                continue;
            }
            String text = Files.readString(file);
            for (String call : IMPURE_CALLS) {
                if (text.contains(call)) {
                    violations.add(SOURCES.relativize(file) + " uses " + call);
                }
            }
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void noShellIsEverStarted() throws IOException {
        List<String> violations = new ArrayList<>();
        for (Path file : javaFiles()) {
            String text = Files.readString(file);
            if (text.contains("\"sh\", \"-c\"") || text.contains("\"bash\", \"-c\"") || text.contains("\"/bin/sh\"")) {
                violations.add(SOURCES.relativize(file).toString());
            }
        }
        assertThat(violations).isEmpty();
    }

    private static List<Path> javaFiles() throws IOException {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            return files.filter(p -> p.toString().endsWith(".java")).toList();
        }
    }
}
