package dev.uknative.cli;

import dev.uknative.core.ExitCode;
import dev.uknative.core.UknativeException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/** Entry point: wires the commands, the exit codes and the one place where errors are printed. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        // --version needs no subcommand at all ("" matches none).
        java.util.Optional<String> only = args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))
                ? java.util.Optional.of("")
                : args.length > 0 && !args[0].equals("help") && UknativeCommand.SUBCOMMANDS.containsKey(args[0])
                        ? java.util.Optional.of(args[0]) : java.util.Optional.empty();
        System.exit(commandLine(Streams.system(), only).execute(args));
    }

    /** The configured command line writing to {@code streams}; tests run commands in process with it. */
    public static CommandLine commandLine(Streams streams) {
        return commandLine(streams, java.util.Optional.empty());
    }

    /**
     * The command line with only the subcommand {@code only}, when given: what a command costs at
     * start-up does not grow with the number of other commands. Without it (no command, --help, help,
     * a mistyped name) every subcommand is there, for the listing and the suggestions.
     */
    static CommandLine commandLine(Streams streams, java.util.Optional<String> only) {
        CommandLine cli = new CommandLine(new UknativeCommand(streams));
        UknativeCommand.SUBCOMMANDS.forEach((name, type) -> {
            if (only.isEmpty() || only.get().equals(name)) {
                cli.addSubcommand(name, type);
            }
        });
        cli.setOut(new PrintWriter(new OutputStreamWriter(streams.out(), StandardCharsets.UTF_8), true));
        cli.setErr(new PrintWriter(new OutputStreamWriter(streams.err(), StandardCharsets.UTF_8), true));
        cli.setExecutionExceptionHandler(new ErrorHandler());
        cli.setParameterExceptionHandler(Main::usageError);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        Map<String, String> codes = new LinkedHashMap<>();
        for (ExitCode code : ExitCode.values()) {
            codes.put(String.format("%3d", code.code()), code.meaning());
        }
        for (CommandLine command : allCommands(cli)) {
            command.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(codes);
        }
        return cli;
    }

    private static Iterable<CommandLine> allCommands(CommandLine root) {
        java.util.List<CommandLine> all = new java.util.ArrayList<>();
        java.util.ArrayDeque<CommandLine> todo = new java.util.ArrayDeque<>(java.util.List.of(root));
        while (!todo.isEmpty()) {
            CommandLine c = todo.pop();
            all.add(c);
            todo.addAll(c.getSubcommands().values());
        }
        return all;
    }

    /** A command line picocli cannot parse: the reason and where to read more, not the whole help. */
    private static int usageError(ParameterException ex, String[] args) {
        CommandLine command = ex.getCommandLine();
        PrintWriter err = command.getErr();
        ConsoleReporter.messages(err).error(ex.getMessage(), "see '" + command.getCommandSpec().qualifiedName() + " --help'");
        return ExitCode.USAGE.code();
    }

    /**
     * Prints {@code error: …} and {@code hint: …} for user-facing failures, and a short report for
     * bugs; stack traces only with --verbose.
     */
    static final class ErrorHandler implements IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(Exception ex, CommandLine command, ParseResult parseResult) {
            boolean verbose = parseResult.hasMatchedOption("--verbose")
                    || parseResult.subcommands().stream().anyMatch(p -> p.hasMatchedOption("--verbose"));
            PrintWriter err = command.getErr();
            ConsoleReporter reporter = ConsoleReporter.messages(err);
            if (ex instanceof UknativeException u) {
                reporter.error(u.describe(), u.hint().orElse(null));
                if (verbose) {
                    u.printStackTrace(err);
                } else if (u.exitCode() == ExitCode.BUG) {
                    err.println("run with --verbose for details");
                }
                err.flush();
                return u.exitCode().code();
            }
            reporter.error("internal error: " + ex, verbose ? null : "run with --verbose for details, and please report it");
            if (verbose) {
                ex.printStackTrace(err);
            }
            err.flush();
            return ExitCode.BUG.code();
        }
    }
}
