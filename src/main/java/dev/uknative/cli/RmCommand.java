package dev.uknative.cli;

import dev.uknative.app.Machines;
import dev.uknative.app.Services;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code uknative rm}: forgets detached machines, with their console logs. */
@Command(name = "rm", mixinStandardHelpOptions = true,
        description = {"Remove detached machines that have ended.",
            "Their folder goes, console log included. Each removed machine's name is printed.",
            "A running machine is only removed with -f, which stops it first (as uknative stop does)."},
        footer = {"", "Examples:", "  uknative rm web", "  uknative rm -f web db"})
final class RmCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-f", "--force"}, description = "Stop running machines first, then remove them.")
    boolean force;

    @Parameters(arity = "1..*", paramLabel = "NAME", description = "The machines (see uknative ps).")
    List<String> names;

    @Override
    public Integer call() {
        ConsoleReporter reporter = ConsoleReporter.messages(spec.commandLine().getErr());
        PrintWriter out = spec.commandLine().getOut();
        new Machines(new Services()).remove(names, force, reporter::warn, machine -> {
            out.println(machine.name());
            out.flush();
        });
        return 0;
    }
}
