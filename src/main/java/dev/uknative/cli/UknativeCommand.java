package dev.uknative.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

/**
 * The top-level command: only subcommands (added by {@link Main}, see {@link #SUBCOMMANDS}), help and version;
 * without a command, the usage and the usage-error status.
 */
@Command(
        name = "uknative",
        mixinStandardHelpOptions = true,
        versionProvider = UknativeCommand.Version.class,
        description = {
            "Builds native Unikraft unikernels with Unikraft's own make and kconfig, and runs them in QEMU.",
            "",
            "A project is a folder with a Kraftfile, a Makefile.uk and the application's sources."
        },
        footer = {"", "Environment: UKNATIVE_UNIKRAFT_SOURCE (the Unikraft tree), UKNATIVE_MANIFEST (a manifest),",
            "  XDG_CACHE_HOME (the source cache is $XDG_CACHE_HOME/uknative/sources), NO_COLOR (no colours),",
            "  UKNATIVE_STATE_DIR (where detached machines are kept; default $XDG_RUNTIME_DIR/uknative,"
                    + " else ~/.local/state/uknative)."})
public final class UknativeCommand extends CommandGroup {

    /**
     * The subcommands by name, in the order {@code --help} lists them. {@link Main} adds them to the
     * command line, only the one that runs when the arguments name it: picocli reads every added
     * command's annotations at start-up, which for all of them took more time than a no-op build's work.
     */
    static final java.util.Map<String, Class<?>> SUBCOMMANDS = subcommands();

    private static java.util.Map<String, Class<?>> subcommands() {
        java.util.Map<String, Class<?>> all = new java.util.LinkedHashMap<>();
        all.put("init", InitCommand.class);
        all.put("build", BuildCommand.class);
        all.put("run", RunCommand.class);
        all.put("pkg", PkgCommand.class);
        all.put("pull", PullCommand.class);
        all.put("images", ImagesCommand.class);
        all.put("config", ConfigCommand.class);
        all.put("menu", MenuCommand.class);
        all.put("ps", PsCommand.class);
        all.put("logs", LogsCommand.class);
        all.put("stop", StopCommand.class);
        all.put("rm", RmCommand.class);
        all.put("clean", CleanCommand.class);
        all.put("update", UpdateCommand.class);
        all.put("versions", VersionsCommand.class);
        all.put("cache", CacheCommand.class);
        all.put("origins", OriginsCommand.class);
        all.put("symbols", SymbolsCommand.class);
        all.put("size", SizeCommand.class);
        all.put("debug", DebugCommand.class);
        all.put("doctor", DoctorCommand.class);
        all.put("supervise", SuperviseCommand.class);
        all.put("help", picocli.CommandLine.HelpCommand.class);
        return java.util.Collections.unmodifiableMap(all);
    }

    private final Streams streams;

    UknativeCommand(Streams streams) {
        this.streams = streams;
    }

    Streams streams() {
        return streams;
    }

    /** The version recorded in the jar's manifest by Maven. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = UknativeCommand.class.getPackage().getImplementationVersion();
            return new String[] {"uknative " + (v == null ? "(development build)" : v)};
        }
    }
}
