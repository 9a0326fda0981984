package dev.uknative.cli;

import dev.uknative.app.Machines;
import dev.uknative.app.Services;
import dev.uknative.run.Machine;
import dev.uknative.run.MachineStopper.Result;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code uknative stop}: ends detached machines. */
@Command(name = "stop", mixinStandardHelpOptions = true,
        description = {"Stop detached machines.", "Asks QEMU to quit over its QMP socket, waits up to --timeout,"
                + " then terminates it (SIGTERM, then SIGKILL). Their state becomes stopped; each stopped machine's"
                + " name is printed. Stopping a machine that already ended is not an error."},
        footer = {"", "Examples:", "  uknative stop web", "  uknative stop --timeout 2s web db"})
final class StopCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "10s",
            description = "How long QEMU gets to quit before it is killed (default: ${DEFAULT-VALUE}).")
    Duration grace;

    @Parameters(arity = "1..*", paramLabel = "NAME", description = "The machines (see uknative ps).")
    List<String> names;

    @Override
    public Integer call() {
        Machines store = new Machines(new Services());
        // Every name is checked before any machine is stopped.
        List<Machine> machines = store.require(names);
        ConsoleReporter reporter = ConsoleReporter.messages(spec.commandLine().getErr());
        PrintWriter out = spec.commandLine().getOut();
        for (Machine machine : machines) {
            if (store.stop(machine, grace, reporter::warn) == Result.ALREADY_ENDED) {
                reporter.info(machine.name() + " already ended (" + machine.state().label() + ")");
            } else {
                out.println(machine.name());
                out.flush();
            }
        }
        return 0;
    }
}
