package dev.uknative.run;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Stops a detached machine: asks QEMU to quit over QMP, waits up to a grace period, then sends QEMU
 * SIGTERM and, if that is not enough, SIGKILL. The machine's end is recorded as stopped (by its
 * supervisor, which sees the stop request; by this class when the supervisor is gone).
 */
public final class MachineStopper {

    /** How often a state that is expected to change is looked at again. */
    private static final Duration POLL = Duration.ofMillis(50);
    /** How often a process that should exit soon is looked at. */
    private static final Duration EXIT_POLL = Duration.ofMillis(25);
    /** How long QEMU may take to exit after SIGTERM, and the supervisor to record the end. */
    private static final Duration AFTER_SIGNAL = Duration.ofSeconds(5);
    /** The most the QMP conversation may take out of the grace period. */
    private static final Duration QMP_LIMIT = Duration.ofSeconds(5);

    private final MachineStore store;
    private final Consumer<String> notes;

    /** @param notes receives what happened on the way (QMP unreachable, QEMU killed) for the user */
    public MachineStopper(MachineStore store, Consumer<String> notes) {
        this.store = store;
        this.notes = notes;
    }

    /** What {@link #stop} did. */
    public enum Result {
        /** The machine was running and is stopped now. */
        STOPPED,
        /** The machine had already ended: nothing was done. */
        ALREADY_ENDED
    }

    /**
     * Stops the machine.
     *
     * @param grace how long QEMU gets to quit after the QMP request before it is killed
     */
    public Result stop(Machine machine, Duration grace) {
        if (machine.ended()) {
            return Result.ALREADY_ENDED;
        }
        MachineDirectory directory = machine.directory();
        // First, so that the supervisor records "stopped", whoever ends QEMU.
        directory.requestStop(store.clock().instant());
        long deadline = System.nanoTime() + grace.toNanos();

        Machine current = machine;
        while (current.state() == MachineState.STARTING && System.nanoTime() < deadline) {
            sleep(POLL);
            current = store.inspect(directory).orElse(current);
        }
        if (current.ended()) {
            return Result.STOPPED;
        }
        Optional<ProcessHandle> qemu = current.qemu().flatMap(ProcessRecord::handle);
        if (qemu.isPresent()) {
            Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
            try {
                QmpClient.quit(directory.qmpSocket(), left.compareTo(QMP_LIMIT) < 0 ? left : QMP_LIMIT);
            } catch (IOException e) {
                notes.accept(machine.name() + ": QMP failed (" + e.getMessage() + "); stopping QEMU with a signal");
            }
            if (!waitForExit(qemu.get(), Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
                notes.accept(machine.name() + ": QEMU did not quit within " + grace.toSeconds() + "s; terminating it");
                qemu.get().destroy();
                if (!waitForExit(qemu.get(), AFTER_SIGNAL)) {
                    qemu.get().destroyForcibly();
                    waitForExit(qemu.get(), AFTER_SIGNAL);
                }
            }
        }
        // The supervisor records the end and exits; one that does not (or that never started QEMU
        // within the grace period) is terminated, and its QEMU with it (ProcessRunner's shutdown hook).
        Optional<ProcessHandle> supervisor = current.supervisor().flatMap(ProcessRecord::handle);
        if (supervisor.isPresent() && !waitForExit(supervisor.get(), AFTER_SIGNAL)) {
            supervisor.get().destroy();
            if (!waitForExit(supervisor.get(), AFTER_SIGNAL)) {
                supervisor.get().destroyForcibly();
                waitForExit(supervisor.get(), AFTER_SIGNAL);
            }
        }
        if (directory.end().isEmpty()) {
            directory.writeEnd(MachineEnd.stopped(store.clock().instant()));
        }
        return Result.STOPPED;
    }

    /**
     * Polled: for a process that is not our child, {@link ProcessHandle#onExit()} itself polls, starting
     * at 300 ms and slower on each round.
     */
    private static boolean waitForExit(ProcessHandle process, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (ProcessRecord.running(process)) {
            if (System.nanoTime() > deadline || Thread.currentThread().isInterrupted()) {
                return false;
            }
            sleep(EXIT_POLL);
        }
        return true;
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
