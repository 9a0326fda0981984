package dev.uknative.cli;

import dev.uknative.core.UknativeException;
import dev.uknative.run.ConsoleLog;
import dev.uknative.run.Machine;
import dev.uknative.run.MachineState;
import dev.uknative.run.MachineStore;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code uknative logs}: a detached machine's serial console. */
@Command(name = "logs", mixinStandardHelpOptions = true,
        description = {"Print the serial console of a detached machine (its console.log), as the guest wrote it.",
            "With -f, keep printing what the guest writes until the machine ends (like tail -f); then exit 0"
                    + " (the machine's own status is in uknative ps)."},
        footer = {"", "Examples:", "  uknative logs web", "  uknative logs -f web"})
final class LogsCommand implements Callable<Integer> {

    private static final Duration POLL = Duration.ofMillis(200);

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
        MachineStore store = new Toolbox().machines();
        Machine machine = store.require(name);
        ConsoleLog console = new ConsoleLog(machine.directory().console());
        OutputStream out = parent.streams().out();
        try {
            if (follow) {
                console.follow(out, () -> store.inspect(machine.directory()).map(Machine::ended).orElse(true), POLL);
            } else {
                console.copy(0, out);
            }
        } catch (IOException e) {
            throw UknativeException.environment("cannot read " + machine.directory().console() + ": " + e.getMessage(),
                    "check the file's permissions");
        }
        // QEMU that failed wrote no console: its reason is in its own log.
        store.inspect(machine.directory()).filter(m -> m.state() == MachineState.FAILED).ifPresent(m ->
                ConsoleReporter.messages(spec.commandLine().getErr()).info(m.name() + " failed: "
                        + m.end().flatMap(e -> e.message()).orElse("see the logs") + " (QEMU's messages: " + m.directory().qemuLog() + ")"));
        return 0;
    }
}
