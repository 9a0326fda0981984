package dev.uknative.cli;

import dev.uknative.core.UknativeException;
import dev.uknative.run.Machine;
import dev.uknative.run.MachineStopper;
import dev.uknative.run.MachineStore;
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
        description = {"Remove detached machines that have ended: their folder, console log included. Each removed"
                + " machine's name is printed.",
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
        MachineStore store = new Toolbox().machines();
        // Every name is checked before any machine is removed.
        List<Machine> machines = names.stream().distinct().map(store::require).toList();
        List<String> running = machines.stream().filter(m -> !m.ended()).map(m -> m.name().value()).toList();
        if (!force && !running.isEmpty()) {
            throw UknativeException.usage((running.size() == 1 ? "machine " : "machines ") + String.join(", ", running)
                    + (running.size() == 1 ? " is" : " are") + " still running",
                    "stop first with  uknative stop " + String.join(" ", running) + "  or use  uknative rm -f");
        }
        ConsoleReporter reporter = ConsoleReporter.messages(spec.commandLine().getErr());
        MachineStopper stopper = new MachineStopper(store, reporter::warn);
        PrintWriter out = spec.commandLine().getOut();
        for (Machine machine : machines) {
            Machine ended = machine;
            if (!machine.ended()) {
                stopper.stop(machine, StopCommand.DEFAULT_GRACE);
                ended = store.inspect(machine.directory()).orElse(null);
            }
            if (ended != null) {
                store.remove(ended);
            }
            out.println(machine.name());
            out.flush();
        }
        return 0;
    }
}
