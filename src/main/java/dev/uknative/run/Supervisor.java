package dev.uknative.run;

import dev.uknative.core.ExitCode;
import dev.uknative.core.UknativeException;
import dev.uknative.process.ProcessRunner;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;

/**
 * Runs a detached machine to its end, in a process of its own ({@code uknative supervise}): QEMU
 * through {@link Runner} exactly as {@code uknative run} would, the console into
 * {@code console.log}, QEMU's messages into {@code qemu.log}, and every step recorded in the
 * machine's folder: the supervisor's pid, QEMU's pid, and how and when the machine ended.
 */
public final class Supervisor {

    private final ProcessRunner processes;
    private final Clock clock;
    private final PrintStream diagnostics;

    /** @param diagnostics where the supervisor's own problems go (its log file) */
    public Supervisor(ProcessRunner processes, Clock clock, PrintStream diagnostics) {
        this.processes = processes;
        this.clock = clock;
        this.diagnostics = diagnostics;
    }

    /** Runs the machine defined in {@code directory} and returns how it ended, as recorded. */
    public MachineEnd supervise(MachineDirectory directory) {
        MachineDefinition definition = directory.definition().orElseThrow(() -> UknativeException.usage(
                directory.path() + " holds no machine definition", "the supervisor is started by uknative run -d, not by hand"));
        directory.writeSupervisor(ProcessRecord.current());
        if (directory.stopRequested()) {
            return record(directory, MachineEnd.stopped(clock.instant()));
        }
        MachineEnd end;
        try (OutputStream console = Files.newOutputStream(directory.console());
                OutputStream qemuLog = Files.newOutputStream(directory.qemuLog())) {
            QemuInvocation invocation = definition.invocation();
            RunOutcome outcome = new Runner(processes, invocation.qemu())
                    .run(invocation, console, qemuLog, definition.log(), qemu -> directory.writeQemu(ProcessRecord.of(qemu)));
            end = directory.stopRequested() ? MachineEnd.stopped(clock.instant()) : MachineEnd.of(outcome, clock.instant());
        } catch (UknativeException e) {
            if (e.exitCode() == ExitCode.INTERRUPTED) {
                // This JVM is being stopped (SIGTERM): ProcessRunner's shutdown hook stops QEMU.
                end = directory.stopRequested() ? MachineEnd.stopped(clock.instant())
                        : MachineEnd.died("its supervisor was stopped", clock.instant());
            } else {
                end = MachineEnd.failed(e.getMessage(), clock.instant());
            }
        } catch (IOException | UncheckedIOException e) {
            end = MachineEnd.failed("cannot write the machine's files in " + directory.path() + ": " + e.getMessage(), clock.instant());
        }
        return record(directory, end);
    }

    private MachineEnd record(MachineDirectory directory, MachineEnd end) {
        try {
            directory.writeEnd(end);
        } catch (UncheckedIOException e) {
            // Removed under us (rm -f): nobody is left to read it.
            diagnostics.println("uknative supervise: cannot record the end (" + end.state().label() + "): " + e.getMessage());
        }
        return end;
    }
}
