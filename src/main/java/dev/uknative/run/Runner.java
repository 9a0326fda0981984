package dev.uknative.run;

import dev.uknative.process.OutputSink;
import dev.uknative.process.ProcessResult;
import dev.uknative.process.ProcessRunner;
import dev.uknative.process.ProcessSpec;
import dev.uknative.process.TailLines;
import dev.uknative.core.UknativeException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;

/**
 * Starts QEMU for a {@link MachineSpec} and waits for it: the serial console is copied to the given
 * stream as it arrives (unbuffered, so prompts without a newline appear), the last console lines are
 * kept to explain a crash, and QEMU's exit status becomes a {@link RunOutcome}.
 */
public final class Runner {

    private static final int CONSOLE_TAIL = 50;

    private final ProcessRunner processes;
    private final Path qemu;
    private final boolean terminalInput;

    /** A runner whose guests get no input (end of file on their console). */
    public Runner(ProcessRunner processes, Path qemu) {
        this(processes, qemu, false);
    }

    /**
     * @param terminalInput give QEMU this process's standard input, for the guest's console. Only
     *                      for a terminal: QEMU makes its stdin non-blocking, which breaks any other
     *                      reader of the same pipe (a test runner's command channel, a shell script).
     */
    public Runner(ProcessRunner processes, Path qemu, boolean terminalInput) {
        this.processes = processes;
        this.qemu = qemu;
        this.terminalInput = terminalInput;
    }

    /**
     * @param console receives the guest's serial output
     * @param errors  receives QEMU's own messages
     */
    public RunOutcome run(MachineSpec machine, OutputStream console, OutputStream errors) {
        return run(machine, console, errors, Optional.empty());
    }

    /**
     * As {@link #run(MachineSpec, OutputStream, OutputStream)}, also writing the whole console to
     * {@code log} (replaced), so that what led to a crash can be read afterwards.
     */
    public RunOutcome run(MachineSpec machine, OutputStream console, OutputStream errors, Optional<Path> log) {
        return run(QemuInvocation.of(machine, qemu), console, errors, log, started -> {
        });
    }

    /**
     * Runs a prepared QEMU command line: the one code path of foreground runs and of the supervisor
     * of a detached machine.
     *
     * @param started told QEMU's process handle as soon as it runs
     */
    public RunOutcome run(QemuInvocation invocation, OutputStream console, OutputStream errors, Optional<Path> log,
            Consumer<ProcessHandle> started) {
        if (log.isEmpty()) {
            return runTo(invocation, console, errors, started);
        }
        try {
            Files.createDirectories(log.get().toAbsolutePath().getParent());
            try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(log.get()))) {
                return runTo(invocation, new TeeOutputStream(console, file), errors, started);
            }
        } catch (IOException e) {
            throw UknativeException.environment("cannot write the console log " + log.get() + ": " + e.getMessage(),
                    "check the folder's permissions and free space, or give another --log");
        }
    }

    private RunOutcome runTo(QemuInvocation invocation, OutputStream console, OutputStream errors, Consumer<ProcessHandle> started) {
        invocation.statusFile().ifPresent(Runner::deleteQuietly);
        ProcessSpec spec = new ProcessSpec(invocation.arguments(), invocation.workingDirectory(), Map.of(),
                invocation.timeout(), false, terminalInput);
        TailLines consoleTail = new TailLines(CONSOLE_TAIL);
        TailLines qemuErrors = new TailLines(CONSOLE_TAIL);
        ProcessResult result = processes.run(spec,
                copyTo(console).andThen(consoleTail.sink()),
                copyTo(errors).andThen(qemuErrors.sink()),
                started);
        OptionalInt reported = invocation.statusFile().map(ExitStatusReport::read).orElse(OptionalInt.empty());
        return RunOutcome.classify(result.exitCode(), result.timedOut(), qemuErrors.lines(), consoleTail.lines(),
                invocation.timeoutText(), reported);
    }

    /** Writes to the console and to the log; a failing log write is the log's problem, not the run's. */
    private static final class TeeOutputStream extends OutputStream {
        private final OutputStream console;
        private final OutputStream log;
        private boolean logFailed;

        TeeOutputStream(OutputStream console, OutputStream log) {
            this.console = console;
            this.log = log;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            console.write(b, off, len);
            if (!logFailed) {
                try {
                    log.write(b, off, len);
                } catch (IOException e) {
                    logFailed = true;
                }
            }
        }

        @Override
        public void flush() throws IOException {
            console.flush();
            if (!logFailed) {
                try {
                    log.flush();
                } catch (IOException e) {
                    logFailed = true;
                }
            }
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // QEMU truncates the file when it opens it; a stale one is only a fallback.
        }
    }

    private static OutputSink copyTo(OutputStream out) {
        return (buffer, length) -> {
            try {
                out.write(buffer, 0, length);
                out.flush();
            } catch (IOException e) {
                // The terminal went away; the run goes on and its outcome still counts.
            }
        };
    }
}
