package dev.uknative.app;

import dev.uknative.core.UknativeException;
import dev.uknative.run.ConsoleLog;
import dev.uknative.run.Machine;
import dev.uknative.run.MachineDirectory;
import dev.uknative.run.MachineEnd;
import dev.uknative.run.MachineState;
import dev.uknative.run.MachineStopper;
import dev.uknative.run.MachineStore;
import dev.uknative.run.Supervisor;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** The detached machines: {@code uknative ps}, {@code stop}, {@code rm} and {@code logs}. */
public final class Machines {

    /** How long a machine gets to quit when {@code rm -f} or {@code stop} (by default) stops it. */
    public static final Duration DEFAULT_GRACE = Duration.ofSeconds(10);

    private static final Duration POLL = Duration.ofMillis(200);

    private final Services services;
    private final MachineStore store;

    public Machines(Services services) {
        this.services = services;
        this.store = services.machines();
    }

    /**
     * Runs the detached machine defined in {@code directory} until it ends and records how it ended
     * ({@code uknative supervise}, started by {@code run -d}); {@code diagnostics} gets the supervisor's own messages.
     */
    public MachineEnd supervise(Path directory, PrintStream diagnostics) {
        return new Supervisor(services.processes(), Clock.systemUTC(), diagnostics)
                .supervise(new MachineDirectory(directory.toAbsolutePath().normalize()));
    }

    /** The machines, oldest first, with the time they were listed at. */
    public record Listing(List<Machine> machines, Instant now) {
        public Listing {
            machines = List.copyOf(machines);
        }
    }

    /**
     * Lists the machines; one that died (its supervisor and QEMU gone without recording an end) is
     * listed once and then forgotten: it has nothing left to stop or to wait for.
     */
    public Listing list() {
        List<Machine> machines = store.list();
        Listing listing = new Listing(machines, store.clock().instant());
        for (Machine m : machines) {
            if (m.state() == MachineState.DIED) {
                store.remove(m);
            }
        }
        return listing;
    }

    /** The machines named, each once; an unknown name is a usage error before anything is done. */
    public List<Machine> require(List<String> names) {
        return names.stream().distinct().map(store::require).toList();
    }

    /** Stops a machine (QMP quit, then SIGTERM, then SIGKILL after {@code grace}); {@code notes} gets what is worth a warning. */
    public MachineStopper.Result stop(Machine machine, Duration grace, Consumer<String> notes) {
        return new MachineStopper(store, notes).stop(machine, grace);
    }

    /**
     * Removes machines; running ones only with {@code force}, which stops them first. Every machine is
     * checked before any is removed.
     *
     * @param removed called with each machine once it is removed
     */
    public void remove(List<String> names, boolean force, Consumer<String> notes, Consumer<Machine> removed) {
        List<Machine> machines = require(names);
        List<String> running = machines.stream().filter(m -> !m.ended()).map(m -> m.name().value()).toList();
        if (!force && !running.isEmpty()) {
            throw UknativeException.usage((running.size() == 1 ? "machine " : "machines ") + String.join(", ", running)
                    + (running.size() == 1 ? " is" : " are") + " still running",
                    "stop first with  uknative stop " + String.join(" ", running) + "  or use  uknative rm -f");
        }
        MachineStopper stopper = new MachineStopper(store, notes);
        for (Machine machine : machines) {
            Machine ended = machine;
            if (!machine.ended()) {
                stopper.stop(machine, DEFAULT_GRACE);
                ended = store.inspect(machine.directory()).orElse(null);
            }
            if (ended != null) {
                store.remove(ended);
            }
            removed.accept(machine);
        }
    }

    /**
     * Copies a machine's console to {@code out}; with {@code follow}, keeps copying until the machine ends.
     *
     * @return the machine as it is afterwards, when it is still known
     */
    public Optional<Machine> console(String name, boolean follow, OutputStream out) {
        Machine machine = store.require(name);
        ConsoleLog console = new ConsoleLog(machine.directory().console());
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
        return store.inspect(machine.directory());
    }
}
