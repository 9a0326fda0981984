package dev.uknative.cli;

import dev.uknative.app.Machines;
import dev.uknative.app.Services;
import dev.uknative.run.Machine;
import dev.uknative.run.MachineState;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code uknative logs}: a detached machine's serial console. */
@Command(name = "logs", mixinStandardHelpOptions = true,
        description = {"Print the serial console of a detached machine.", "It is the machine's console.log, as the guest wrote it.",
            "With -f, keep printing what the guest writes until the machine ends (like tail -f); then exit 0"
                    + " (the machine's own status is in uknative ps)."},
        footer = {"", "Examples:", "  uknative logs web", "  uknative logs -f web"})
final class LogsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ParentCommand
    UknativeCommand parent;

    @Option(names = {"-f", "--follow"}, description = "Follow the console until the machine ends.")
    boolean follow;

    @Parameters(index = "0", paramLabel = "NAME", description = "The machine (see uknative ps).")
    String name;

    @Override
    public Integer call() {
        Optional<Machine> after = new Machines(new Services()).console(name, follow, parent.streams().out());
        // QEMU that failed wrote no console: its reason is in its own log.
        after.filter(m -> m.state() == MachineState.FAILED).ifPresent(m ->
                ConsoleReporter.messages(spec.commandLine().getErr()).info(m.name() + " failed: "
                        + m.end().flatMap(e -> e.message()).orElse("see the logs") + " (QEMU's messages: " + m.directory().qemuLog() + ")"));
        return 0;
    }
}
