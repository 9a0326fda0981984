package dev.uknative.cli;

import picocli.CommandLine.Option;

/** {@code -v/--verbose}: the full tool output and, on errors, the stack trace. */
public final class VerboseOption {

    @Option(names = {"-v", "--verbose"}, description = "Show the full make output and, on errors, the details.")
    boolean verbose;
}
