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
 * The package map (docs/ARCHITECTURE.md), checked: dependencies point one way along the pipeline; the
 * application layer ({@code app}, one class per use case) may use every stage; the command line
 * ({@code cli}, picocli only) may use {@code app} and {@code core}, the menu model it draws, and from
 * the stages only the values it turns flags into or renders ({@link #CLI_MAY_NAME}); no stage uses
 * {@code app} or {@code cli}; and the pure stages start no process, print nothing and read no
 * environment variable.
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
            Map.entry("origin", Set.of("core", "source")),
            Map.entry("build", Set.of("core", "project", "source", "kconfig", "process", "foreign", "elf", "symbols", "origin")),
            Map.entry("run", Set.of("core", "project", "process")),
            Map.entry("menu", Set.of("core", "kconfig")),
            Map.entry("oci", Set.of("core", "elf")),
            Map.entry("size", Set.of("core", "elf")),
            Map.entry("app", Set.of("core", "process", "project", "kconfig", "elf", "source", "foreign", "symbols", "build", "run", "menu",
                    "oci", "size", "origin")),
            Map.entry("cli", Set.of("core", "app", "menu")));

    /**
     * The stages' types {@code cli} may name besides {@link #ALLOWED}: values it builds a request from
     * or renders; never a service (those are reached through {@code app}). A nested type is named
     * with its outer one ({@code SymbolDoctor.Diagnosis}) and imported as such.
     */
    private static final Set<String> CLI_MAY_NAME = Set.of(
            "build.BuildRequest", "build.BuildResult", "build.CompileCache.Statistics", "build.SymbolDoctor.Diagnosis",
            "kconfig.Explanation", "kconfig.SymbolStatus", "kconfig.SymbolType",
            "project.Architecture", "project.Platform", "project.TargetSelector", "project.TargetSpec", "project.ProjectScaffold.Language",
            "run.ImageCheck", "run.GdbServer", "run.KernelCommandLine", "run.Machine", "run.MachineEnd", "run.MachineSpec", "run.MachineState", "run.MachineStopper.Result", "run.PlatformSupport",
            "run.PortForward", "run.ProcessRecord", "run.RunOutcome", "run.Volume",
            "source.GitFetcher.RemoteRefs", "source.LockFile", "source.LockedSource", "source.Manifest",
            // The cache commands' use cases are the cache's own operations (list, prune).
            "source.SourceCache",
            "size.SizeReport", "symbols.LinkPlan",
            // The origins commands render the cache's entries.
            "origin.OriginCache.Entry", "origin.OriginFetcher.Fetched",
            // Image names are parsed before any work; cached images are rendered (images, pull).
            "oci.ImageRef", "oci.CachedImage");

    private static final Pattern TYPE_REFERENCE = Pattern.compile("\\bdev\\.uknative\\.([a-z]+)\\.([A-Z][A-Za-z0-9_]*(?:\\.[A-Z][A-Za-z0-9_]*)*)");

    private static final Set<String> PURE = Set.of("core", "project", "kconfig", "menu", "elf", "size");
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
                if (!used.equals(pkg) && !ALLOWED.get(pkg).contains(used) && !(pkg.equals("cli") && ALLOWED.containsKey(used))) {
                    violations.add(SOURCES.relativize(file) + " uses dev.uknative." + used);
                }
            }
            if (pkg.equals("cli")) {
                Matcher t = TYPE_REFERENCE.matcher(Files.readString(file));
                while (t.find()) {
                    String used = t.group(1);
                    if (!ALLOWED.get("cli").contains(used) && !CLI_MAY_NAME.contains(used + "." + t.group(2))) {
                        violations.add(SOURCES.relativize(file) + " names dev.uknative." + used + "." + t.group(2)
                                + " (reach the stages through app; only values it renders may be named)");
                    }
                }
            }
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void noStageUsesTheApplicationLayerOrTheCommandLine() throws IOException {
        List<String> violations = new ArrayList<>();
        for (Path file : javaFiles()) {
            String pkg = SOURCES.relativize(file).getName(0).toString();
            if (pkg.equals("cli") || pkg.equals("app")) {
                continue;
            }
            String text = Files.readString(file);
            if (text.contains("dev.uknative.app.") || text.contains("dev.uknative.cli.")) {
                violations.add(SOURCES.relativize(file).toString());
            }
        }
        assertThat(violations).isEmpty();
    }

    /**
     * A use case lives in {@code app}, not in a command that another command calls: a command names
     * no other command than its own subcommands and the top-level one (its parent).
     */
    @Test
    void noCommandCallsAnotherCommand() throws IOException {
        Pattern command = Pattern.compile("\\b([A-Z][A-Za-z]*Command)\\b");
        List<String> violations = new ArrayList<>();
        for (Path file : javaFiles()) {
            if (!SOURCES.relativize(file).getName(0).toString().equals("cli")) {
                continue;
            }
            String name = file.getFileName().toString().replace(".java", "");
            if (name.equals("UknativeCommand") || name.equals("Main")) {
                continue;
            }
            String text = Files.readString(file);
            Set<String> declaredHere = new java.util.HashSet<>();
            Matcher declared = Pattern.compile("\\bclass ([A-Z][A-Za-z]*Command)\\b").matcher(text);
            while (declared.find()) {
                declaredHere.add(declared.group(1));
            }
            Matcher m = command.matcher(text);
            while (m.find()) {
                String used = m.group(1);
                if (!declaredHere.contains(used) && !Set.of("UknativeCommand", "HelpCommand", "ParentCommand").contains(used)) {
                    violations.add(name + " names " + used);
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
