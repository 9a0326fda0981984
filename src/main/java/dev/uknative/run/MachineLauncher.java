package dev.uknative.run;

import dev.uknative.core.UknativeException;
import dev.uknative.process.ProcessRunner;
import dev.uknative.process.ProcessSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Starts a detached machine: creates its folder, starts its supervisor as a process of its own that
 * outlives this one, and waits until QEMU runs (or the machine already ended), so that the machine
 * is visible to {@code ps} and can be stopped as soon as this returns.
 */
public final class MachineLauncher {

    private static final Duration POLL = Duration.ofMillis(50);

    private final ProcessRunner processes;
    private final MachineStore store;

    public MachineLauncher(ProcessRunner processes, MachineStore store) {
        this.processes = processes;
        this.store = store;
    }

    /**
     * @param supervisorCommand the command that runs {@link Supervisor} on a machine folder, given the folder
     * @param startLimit        how long the supervisor may take to start QEMU
     * @return the machine as it is once QEMU runs
     */
    public Machine launch(MachineDefinition definition, Function<Path, List<String>> supervisorCommand, Duration startLimit) {
        MachineDirectory directory = store.create(definition);
        Process launched = processes.startDetached(ProcessSpec.of(supervisorCommand.apply(directory.path()), directory.path()),
                directory.supervisorLog());
        long deadline = System.nanoTime() + startLimit.toNanos();
        while (true) {
            Optional<Machine> machine = store.inspect(directory);
            if (machine.isEmpty()) {
                throw UknativeException.environment("the folder of machine " + definition.name() + " disappeared while it started",
                        "was it removed (uknative rm -f) at the same time?");
            }
            Machine m = machine.get();
            if (m.qemu().isPresent() || m.ended()) {
                return m;
            }
            boolean supervisorGone = m.supervisor().map(s -> !s.isAlive())
                    // Before the supervisor recorded itself: the launched process is it (setsid execs it),
                    // unless setsid had to fork, which it does with status 0.
                    .orElse(!launched.isAlive() && launched.exitValue() != 0);
            if (supervisorGone || System.nanoTime() > deadline) {
                return failed(m, launched, supervisorGone
                        ? "the supervisor of machine " + definition.name() + " ended before starting QEMU"
                        : "the supervisor of machine " + definition.name() + " did not start QEMU within " + startLimit.toSeconds() + "s");
            }
            sleep();
        }
    }

    private Machine failed(Machine machine, Process launched, String message) {
        machine.supervisor().flatMap(ProcessRecord::handle).ifPresent(ProcessHandle::destroyForcibly);
        launched.destroyForcibly();
        machine.directory().writeEnd(MachineEnd.failed(message, store.clock().instant()));
        throw UknativeException.toolFailed(message + lastLine(machine.directory().supervisorLog()).map(l -> ": " + l).orElse(""),
                "its output is in " + machine.directory().supervisorLog() + "; remove the machine with  uknative rm " + machine.name());
    }

    private static Optional<String> lastLine(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
            return lines.isEmpty() ? Optional.empty() : Optional.of(lines.get(lines.size() - 1).strip());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UknativeException(dev.uknative.core.ExitCode.INTERRUPTED, null, "interrupted while the machine started",
                    "it may still start: see  uknative ps");
        }
    }
}
