package dev.uknative.cli;

import dev.uknative.build.BuildRequest;
import dev.uknative.build.ConfigurationInputs;
import dev.uknative.build.KconfigConfigurator;
import dev.uknative.build.KconfigLayers;
import dev.uknative.core.ExitCode;
import dev.uknative.core.Reporter;
import dev.uknative.core.UknativeException;
import dev.uknative.kconfig.ConfigAssignment;
import dev.uknative.kconfig.ConfigProblem;
import dev.uknative.kconfig.SolvedConfig;
import dev.uknative.kconfig.SymbolStatus;
import dev.uknative.kconfig.SymbolType;
import dev.uknative.project.KraftfileEditor;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code uknative config}: read, change and explain a project's kconfig with uknative's Kconfig engine. */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = {"Read, change and explain the project's kconfig (uknative's own Kconfig engine; no make, no flex/bison).",
            "Changes are written to the Kraftfile, keeping its comments and layout."},
        subcommands = {ConfigCommand.ListCommand.class, ConfigCommand.GetCommand.class, ConfigCommand.SetCommand.class, ConfigCommand.UnsetCommand.class,
            ConfigCommand.ExplainCommand.class},
        footer = {"", "Examples:",
            "  uknative config list --changed",
            "  uknative config get CONFIG_LIBNOLIBC",
            "  uknative config set LIBUKDEBUG_PRINTD=y CONFIG_LIBUKBOOT_MAXNBARGS=32",
            "  uknative config unset CONFIG_LIBUKDEBUG_PRINTD --target debug",
            "  uknative config explain CONFIG_LIBPOSIX_FDTAB"})
final class ConfigCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCode.USAGE.code();
    }

    /** Options every config subcommand shares: the project and its target. */
    static final class Project {
        @Option(names = {"-P", "--project"}, paramLabel = "DIR", defaultValue = ".",
                description = "The project folder (default: the current folder).")
        Path directory;

        @Mixin
        TargetOptions targets;

        @Mixin
        ProjectOptions sources;

        /** The request, the configuration the Kraftfile asks for now, and how it was reached. */
        Solved solve(Reporter reporter, PrintWriter err, List<ConfigAssignment> extra) {
            BuildRequest request = new ProjectLoader(reporter, err).request(directory, targets, sources, 1, false);
            List<ConfigAssignment> assignments = new ArrayList<>(KconfigLayers.inOrder(request.kraftfile(), request.target()));
            assignments.addAll(extra);
            Toolbox toolbox = new Toolbox();
            KconfigConfigurator configurator = KconfigConfigurator.forHost(toolbox.processes(), toolbox.tools());
            return new Solved(request, configurator.solve(new ConfigurationInputs(Paths.cacheHome()).of(request), assignments).solved());
        }
    }

    record Solved(BuildRequest request, SolvedConfig config) {
    }

    /** The symbol's name with its CONFIG_ prefix, or a usage error naming the nearest ones. */
    static String symbol(SolvedConfig config, String name) {
        String full = name.startsWith("CONFIG_") ? name : "CONFIG_" + name;
        if (config.status(full).isEmpty()) {
            List<String> nearest = config.nearestSymbols(full);
            throw UknativeException.usage("no Kconfig file of this Unikraft tree defines " + full,
                    nearest.isEmpty() ? "see uknative config list" : "did you mean " + String.join(", ", nearest) + "?");
        }
        return full;
    }

    /** Solves the project and prints what {@code render} says of one symbol (an unknown one is a usage error). */
    static int printAbout(CommandSpec spec, Project project, String name, java.util.function.BiFunction<SolvedConfig, String, String> render) {
        try (ConsoleReporter reporter = ConsoleReporter.forTerminal(spec.commandLine().getErr(), false)) {
            SolvedConfig config = project.solve(reporter, spec.commandLine().getErr(), List.of()).config();
            spec.commandLine().getOut().print(render.apply(config, symbol(config, name)));
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    /** A value as the .config writes it: strings in double quotes. */
    static String written(SymbolStatus s) {
        return s.type() == SymbolType.STRING ? "\"" + s.value().replace("\\", "\\\\").replace("\"", "\\\"") + "\"" : s.value();
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List symbols and their values, as in a .config.",
            footer = {"", "Examples:", "  uknative config list", "  uknative config list --changed", "  uknative config list posix"})
    static final class ListCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Project project;

        @Option(names = "--changed", description = "Only symbols whose value differs from their default.")
        boolean changed;

        @Parameters(arity = "0..1", paramLabel = "PATTERN", description = "Only symbols whose name or prompt contains PATTERN (any case).")
        String pattern;

        @Override
        public Integer call() {
            try (ConsoleReporter reporter = ConsoleReporter.forTerminal(spec.commandLine().getErr(), false)) {
                SolvedConfig config = project.solve(reporter, spec.commandLine().getErr(), List.of()).config();
                PrintWriter out = spec.commandLine().getOut();
                for (SymbolStatus s : pattern == null ? config.symbols() : config.search(pattern)) {
                    if (!s.written() || (changed && !s.changed())) {
                        continue;
                    }
                    out.println(s.type() == SymbolType.BOOL && s.value().equals("n") ? "# " + s.name() + " is not set" : s.name() + "=" + written(s));
                }
                out.flush();
                return 0;
            }
        }
    }

    @Command(name = "get", mixinStandardHelpOptions = true, description = "Print one symbol's value.",
            footer = {"", "Example:", "  uknative config get CONFIG_LIBNOLIBC"})
    static final class GetCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Project project;

        @Parameters(index = "0", paramLabel = "SYMBOL", description = "The symbol, with or without CONFIG_.")
        String name;

        @Override
        public Integer call() {
            return printAbout(spec, project, name, (config, symbol) -> written(config.status(symbol).orElseThrow()) + "\n");
        }
    }

    @Command(name = "explain", mixinStandardHelpOptions = true,
            description = "Why a symbol has its value: defaults, dependencies, selects, where it is defined, its help.",
            footer = {"", "Example:", "  uknative config explain CONFIG_LIBPOSIX_FDTAB"})
    static final class ExplainCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Project project;

        @Parameters(index = "0", paramLabel = "SYMBOL", description = "The symbol, with or without CONFIG_.")
        String name;

        @Override
        public Integer call() {
            return printAbout(spec, project, name, (config, symbol) -> config.explain(symbol).orElseThrow().render());
        }
    }

    @Command(name = "set", mixinStandardHelpOptions = true,
            description = {"Set symbols in the Kraftfile (unikraft.kconfig, or the target's kconfig with --target).",
                "Refused, with the reason and a fix, when a value cannot hold; the Kraftfile is then left as it was."},
            footer = {"", "Examples:", "  uknative config set LIBUKDEBUG_PRINTD=y", "  uknative config set CONFIG_UK_NAME=demo --target debug"})
    static final class SetCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Project project;

        @Parameters(arity = "1..*", paramLabel = "SYMBOL=VALUE", description = "What to set; strings need no quotes.")
        List<String> assignments;

        @Override
        public Integer call() throws IOException {
            try (ConsoleReporter reporter = ConsoleReporter.forTerminal(spec.commandLine().getErr(), false)) {
                Solved before = project.solve(reporter, spec.commandLine().getErr(), List.of());
                Map<String, String> wanted = new LinkedHashMap<>();
                for (String a : assignments) {
                    int eq = a.indexOf('=');
                    if (eq <= 0) {
                        throw UknativeException.usage("'" + a + "' is not SYMBOL=VALUE", "write for example  CONFIG_LIBUKDEBUG_PRINTD=y");
                    }
                    String full = symbol(before.config(), a.substring(0, eq).trim());
                    SymbolStatus s = before.config().status(full).orElseThrow();
                    wanted.put(full, KraftfileKconfig.kconfigValue(s, a.substring(eq + 1).trim()));
                }
                List<ConfigAssignment> extra = new ArrayList<>();
                wanted.forEach((k, v) -> extra.add(new ConfigAssignment(k, v, "uknative config set", Optional.empty())));
                Solved after = project.solve(reporter, spec.commandLine().getErr(), extra);
                List<ConfigProblem> problems = KraftfileKconfig.problemsOf(after.config(), extra);
                if (!problems.isEmpty()) {
                    throw new UknativeException(ExitCode.INVALID_INPUT, null, "not written to the Kraftfile:" + KraftfileKconfig.describe(problems),
                            "the Kraftfile is unchanged; see uknative config explain SYMBOL");
                }
                KraftfileEditor.Scope scope = scope(project);
                List<KraftfileEditor.Edit> edits = new ArrayList<>();
                wanted.forEach((k, v) -> edits.add(KraftfileEditor.Edit.set(scope, k, v)));
                Path file = before.request().kraftfile().file();
                KraftfileKconfig.writeAtomically(file, new KraftfileEditor(file).apply(Files.readString(file), edits));
                wanted.forEach((k, v) -> reporter.info("Set " + k + "=" + v + " in " + file.getFileName() + " (" + scope.describe() + ")"));
                KraftfileKconfig.consequences(before.config(), after.config(), wanted.keySet()).ifPresent(reporter::info);
                return 0;
            }
        }
    }

    @Command(name = "unset", mixinStandardHelpOptions = true,
            description = "Remove symbols from the Kraftfile's unikraft.kconfig (or the target's with --target): they return to their defaults.",
            footer = {"", "Example:", "  uknative config unset CONFIG_LIBUKDEBUG_PRINTD"})
    static final class UnsetCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Project project;

        @Parameters(arity = "1..*", paramLabel = "SYMBOL", description = "The symbols, with or without CONFIG_.")
        List<String> names;

        @Override
        public Integer call() throws IOException {
            try (ConsoleReporter reporter = ConsoleReporter.forTerminal(spec.commandLine().getErr(), false)) {
                Solved before = project.solve(reporter, spec.commandLine().getErr(), List.of());
                KraftfileEditor.Scope scope = scope(project);
                List<KraftfileEditor.Edit> edits = new ArrayList<>();
                for (String n : names) {
                    edits.add(KraftfileEditor.Edit.unset(scope, n.startsWith("CONFIG_") ? n : "CONFIG_" + n));
                }
                Path file = before.request().kraftfile().file();
                String text = Files.readString(file);
                String edited = new KraftfileEditor(file).apply(text, edits);
                if (edited.equals(text)) {
                    reporter.info("Nothing to remove: " + String.join(", ", names) + " not set in " + scope.describe());
                    return 0;
                }
                KraftfileKconfig.writeAtomically(file, edited);
                reporter.info("Removed " + String.join(", ", names) + " from " + file.getFileName() + " (" + scope.describe() + ")");
                return 0;
            }
        }
    }

    private static KraftfileEditor.Scope scope(Project project) {
        return KraftfileKconfig.scope(project.targets.target);
    }
}
