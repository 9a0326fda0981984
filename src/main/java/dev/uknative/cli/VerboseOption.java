package dev.uknative.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code -v/--verbose}: the full tool output and, on errors, the stack trace. */
public final class VerboseOption {

    /** Also the text of run's {@code --verbose} (its {@code -v} is {@code --volume}, as in kraft run). */
    static final String DESCRIPTION = "Show the full make output and, on errors, the details.";

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(names = {"-v", "--verbose"}, description = DESCRIPTION)
    boolean verbose;

    /** The reporter on the command's stderr, verbose as asked. */
    ConsoleReporter reporter() {
        return ConsoleReporter.forTerminal(command.commandLine().getErr(), verbose);
    }
}
