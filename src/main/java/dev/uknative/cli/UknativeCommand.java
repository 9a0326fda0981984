package dev.uknative.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

/** The top-level command: only subcommands, help and version. */
@Command(
        name = "uknative",
        mixinStandardHelpOptions = true,
        versionProvider = UknativeCommand.Version.class,
        description = {
            "Builds native Unikraft unikernels with Unikraft's own make and kconfig, and runs them in QEMU.",
            "",
            "A project is a folder with a Kraftfile, a Makefile.uk and the application's sources."
        },
        subcommands = {InitCommand.class, BuildCommand.class, RunCommand.class, ConfigCommand.class, MenuCommand.class, PsCommand.class, LogsCommand.class, StopCommand.class, RmCommand.class,
            CleanCommand.class, UpdateCommand.class, VersionsCommand.class, CacheCommand.class, SymbolsCommand.class, SizeCommand.class, DebugCommand.class, SuperviseCommand.class, picocli.CommandLine.HelpCommand.class},
        footer = {"", "Environment: UKNATIVE_UNIKRAFT_SOURCE (the Unikraft tree), UKNATIVE_MANIFEST (a manifest),",
            "  XDG_CACHE_HOME (the source cache is $XDG_CACHE_HOME/uknative/sources), NO_COLOR (no colours),",
            "  UKNATIVE_STATE_DIR (where detached machines are kept; default $XDG_RUNTIME_DIR/uknative,"
                    + " else ~/.local/state/uknative)."})
public final class UknativeCommand implements java.util.concurrent.Callable<Integer> {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    private final Streams streams;

    UknativeCommand(Streams streams) {
        this.streams = streams;
    }

    Streams streams() {
        return streams;
    }

    /** Without a command: the usage, and the usage-error status. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return dev.uknative.core.ExitCode.USAGE.code();
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
