package dev.uknative.cli;

import dev.uknative.app.ConfigQueries;
import dev.uknative.app.ProjectConfiguration;
import dev.uknative.core.ExitCode;
import dev.uknative.core.KconfigText;
import dev.uknative.core.UknativeException;
import dev.uknative.kconfig.SymbolStatus;
import dev.uknative.kconfig.SymbolType;
import java.io.PrintWriter;
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
        description = {"Read, change and explain the project's kconfig.", "uknative's own Kconfig engine does it: no make, no flex/bison.",
            "Changes are written to the Kraftfile, keeping its comments and layout."},
        subcommands = {ConfigCommand.ListCommand.class, ConfigCommand.GetCommand.class, ConfigCommand.SetCommand.class, ConfigCommand.UnsetCommand.class,
            ConfigCommand.ExplainCommand.class},
        footer = {"", "Examples:",
            "  uknative config list --changed",
            "  uknative config get CONFIG_LIBNOLIBC",
            "  uknative config set LIBUKDEBUG_PRINTD=y CONFIG_LIBUKBOOT_MAXNBARGS=32",
            "  uknative config unset CONFIG_LIBUKDEBUG_PRINTD --target debug",
            "  uknative config explain CONFIG_LIBPOSIX_FDTAB"})
final class ConfigCommand extends CommandGroup {

    /** A value as the .config writes it: strings in double quotes. */
    static String written(SymbolStatus s) {
        return s.type() == SymbolType.STRING ? KconfigText.quote(s.value()) : s.value();
    }

    /** A config subcommand: the project options, and the reporter and queries every one of them opens. */
    @Command // for picocli's annotation processor: @Spec and @Mixin fields must be in a command class
    abstract static class ProjectSubcommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        KconfigProjectOptions project;

        @Override
        public Integer call() {
            try (ConsoleReporter reporter = ConsoleReporter.forTerminal(spec.commandLine().getErr(), false)) {
                return run(project.queries(reporter, spec.commandLine().getErr()), reporter);
            }
        }

        /** The subcommand's work; {@link #project} gives the request. */
        abstract int run(ConfigQueries queries, ConsoleReporter reporter);

        /** {@code text} on stdout, flushed. */
        void print(String text) {
            spec.commandLine().getOut().print(text);
            spec.commandLine().getOut().flush();
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List symbols and their values, as in a .config.",
            footer = {"", "Examples:", "  uknative config list", "  uknative config list --changed", "  uknative config list posix"})
    static final class ListCommand extends ProjectSubcommand {
        @Option(names = "--changed", description = "Only symbols whose value differs from their default.")
        boolean changed;

        @Parameters(arity = "0..1", paramLabel = "PATTERN", description = "Only symbols whose name or prompt contains PATTERN (any case).")
        String pattern;

        @Override
        int run(ConfigQueries queries, ConsoleReporter reporter) {
            List<SymbolStatus> symbols = queries.list(project.request(), Optional.ofNullable(pattern), changed);
            PrintWriter out = spec.commandLine().getOut();
            for (SymbolStatus s : symbols) {
                out.println(s.type() == SymbolType.BOOL && s.value().equals("n") ? "# " + s.name() + " is not set" : s.name() + "=" + written(s));
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "get", mixinStandardHelpOptions = true, description = "Print one symbol's value.",
            footer = {"", "Example:", "  uknative config get CONFIG_LIBNOLIBC"})
    static final class GetCommand extends ProjectSubcommand {
        @Parameters(index = "0", paramLabel = "SYMBOL", description = "The symbol, with or without CONFIG_.")
        String name;

        @Override
        int run(ConfigQueries queries, ConsoleReporter reporter) {
            print(written(queries.get(project.request(), name)) + "\n");
            return 0;
        }
    }

    @Command(name = "explain", mixinStandardHelpOptions = true,
            description = "Why a symbol has its value: defaults, dependencies, selects, where it is defined, its help.",
            footer = {"", "Example:", "  uknative config explain CONFIG_LIBPOSIX_FDTAB"})
    static final class ExplainCommand extends ProjectSubcommand {
        @Parameters(index = "0", paramLabel = "SYMBOL", description = "The symbol, with or without CONFIG_.")
        String name;

        @Override
        int run(ConfigQueries queries, ConsoleReporter reporter) {
            print(queries.explain(project.request(), name).render());
            return 0;
        }
    }

    @Command(name = "set", mixinStandardHelpOptions = true,
            description = {"Set symbols in the Kraftfile (unikraft.kconfig, or the target's kconfig with --target).",
                "Refused, with the reason and a fix, when a value cannot hold; the Kraftfile is then left as it was."},
            footer = {"", "Examples:", "  uknative config set LIBUKDEBUG_PRINTD=y", "  uknative config set CONFIG_UK_NAME=demo --target debug"})
    static final class SetCommand extends ProjectSubcommand {
        @Parameters(arity = "1..*", paramLabel = "SYMBOL=VALUE", description = "What to set; strings need no quotes.")
        List<String> assignments;

        @Override
        int run(ConfigQueries queries, ConsoleReporter reporter) {
            Map<String, String> wanted = new LinkedHashMap<>();
            for (String a : assignments) {
                int eq = a.indexOf('=');
                if (eq <= 0) {
                    throw UknativeException.usage("'" + a + "' is not SYMBOL=VALUE", "write for example  CONFIG_LIBUKDEBUG_PRINTD=y");
                }
                wanted.put(a.substring(0, eq).trim(), a.substring(eq + 1).trim());
            }
            ProjectConfiguration configuration = queries.configuration(project.request(), ProjectConfiguration.Defaults.KEEP, "uknative config set");
            ProjectConfiguration.Outcome outcome = configuration.set(wanted);
            if (outcome instanceof ProjectConfiguration.Refused refused) {
                throw new UknativeException(ExitCode.INVALID_INPUT, null, "not written to the Kraftfile:" + refused.describe(),
                        "the Kraftfile is unchanged; see uknative config explain SYMBOL");
            }
            ProjectConfiguration.Written written = ((ProjectConfiguration.Applied) outcome).written();
            String where = written.file().getFileName() + " (" + configuration.scope().describe() + ")";
            written.set().forEach((k, v) -> reporter.info("Set " + k + "=" + v + " in " + where));
            if (!written.removed().isEmpty()) {
                reporter.info("Removed " + String.join(", ", written.removed()) + " from " + where + ": another entry of the choice is set");
            }
            written.notHeld().values().forEach(reporter::warn);
            written.consequences().ifPresent(reporter::info);
            return 0;
        }
    }

    @Command(name = "unset", mixinStandardHelpOptions = true,
            description = "Remove symbols from the Kraftfile's unikraft.kconfig (or the target's with --target): they return to their defaults.",
            footer = {"", "Example:", "  uknative config unset CONFIG_LIBUKDEBUG_PRINTD"})
    static final class UnsetCommand extends ProjectSubcommand {
        @Parameters(arity = "1..*", paramLabel = "SYMBOL", description = "The symbols, with or without CONFIG_.")
        List<String> names;

        @Override
        int run(ConfigQueries queries, ConsoleReporter reporter) {
            ProjectConfiguration configuration = queries.configuration(project.request(), ProjectConfiguration.Defaults.KEEP, "uknative config unset");
            ProjectConfiguration.Unset unset = configuration.unset(names);
            if (!unset.changed()) {
                reporter.info("Nothing to remove: " + String.join(", ", names) + " not set in " + configuration.scope().describe());
                return 0;
            }
            reporter.info("Removed " + String.join(", ", names) + " from " + unset.file().getFileName() + " (" + configuration.scope().describe() + ")");
            return 0;
        }
    }
}
