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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;

/**
 * Starts QEMU for a {@link MachineSpec} and waits for it: the serial console is copied to the given
 * stream as it arrives (unbuffered, so prompts without a newline appear), the last console lines are
 * kept to explain a crash, and QEMU's exit status becomes a {@link RunOutcome}. The application's
 * status comes from the machine's status file or, for a run that keeps none, from QEMU's stderr; a
 * pid file of QEMU's tells its death by a signal from a guest's debug-exit code.
 */
public final class Runner {

    private static final int CONSOLE_TAIL = 50;

    private final ProcessRunner processes;
    private final Path qemu;
    private final boolean terminalInput;
    private final boolean endsWithCaller;
    private final Optional<Path> setsid;

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
        this(processes, qemu, terminalInput, false);
    }

    private Runner(ProcessRunner processes, Path qemu, boolean terminalInput, boolean endsWithCaller) {
        this(processes, qemu, terminalInput, endsWithCaller, Optional.empty());
    }

    private Runner(ProcessRunner processes, Path qemu, boolean terminalInput, boolean endsWithCaller, Optional<Path> setsid) {
        this.processes = processes;
        this.qemu = qemu;
        this.terminalInput = terminalInput;
        this.endsWithCaller = endsWithCaller;
        this.setsid = setsid;
    }

    /**
     * A foreground runner whose QEMU leaves the terminal's session ({@code setsid}, util-linux), for
     * a debugger that holds the terminal meanwhile: Ctrl-C there is gdb's (it stops the guest) and must
     * not reach QEMU, which would quit on SIGINT. QEMU still ends with this process (see
     * {@link #foreground}); its console gets no input.
     */
    public static Runner besideDebugger(ProcessRunner processes, Path qemu, Path setsid) {
        return new Runner(processes, qemu, false, true, Optional.of(setsid));
    }

    /**
     * The runner of {@code uknative run} in the foreground: QEMU also ends when this process is killed
     * outright (SIGKILL, the OOM killer), where the shutdown hook that stops it on Ctrl-C never runs.
     * Not for a detached machine's supervisor, which records QEMU's pid as soon as it starts (the pid
     * would still be the starter's, see {@link ProcessSpec#endingWithParent()}), and whose QEMU
     * {@code uknative stop} reaches through QMP and its pid.
     *
     * @param terminalInput as in {@link #Runner(ProcessRunner, Path, boolean)}
     */
    public static Runner foreground(ProcessRunner processes, Path qemu, boolean terminalInput) {
        return new Runner(processes, qemu, terminalInput, true);
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
        KernelImage.check(machine.kernel());
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
        requireLogFolder(log.get());
        try {
            Path folder = log.get().toAbsolutePath().getParent();
            if (folder != null && !Files.isDirectory(folder)) {
                Files.createDirectory(folder);
            }
            try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(log.get()))) {
                return runTo(invocation, new TeeOutputStream(console, file), errors, started);
            }
        } catch (IOException e) {
            throw UknativeException.environment("cannot write the console log " + log.get() + ": " + e.getMessage(),
                    "check the folder's permissions and free space, or give another --log");
        }
    }

    private RunOutcome runTo(QemuInvocation invocation, OutputStream console, OutputStream errors, Consumer<ProcessHandle> started) {
        invocation.statusFileOnDisk().ifPresent(Runner::deleteQuietly);
        Path pidFile = createPidFile();
        try {
            List<String> arguments = new ArrayList<>(invocation.arguments());
            arguments.addAll(List.of("-pidfile", pidFile.toString()));
            setsid.ifPresent(program -> arguments.add(0, program.toString()));
            ProcessSpec spec = new ProcessSpec(arguments, invocation.workingDirectory(), Map.of(),
                    invocation.timeout(), false, terminalInput, endsWithCaller);
            TailLines consoleTail = new TailLines(CONSOLE_TAIL);
            TailLines qemuErrors = new TailLines(CONSOLE_TAIL);
            StatusLines statusLines = new StatusLines(copyTo(errors).andThen(qemuErrors.sink()));
            ProcessResult result = processes.run(spec,
                    copyTo(console).andThen(consoleTail.sink()),
                    statusLines,
                    started);
            OptionalInt reported = invocation.statusFileOnDisk().isPresent()
                    ? ExitStatusReport.read(invocation.statusFileOnDisk().get())
                    : statusLines.status();
            return RunOutcome.classify(result.exitCode(), result.timedOut(), qemuErrors.lines(), consoleTail.lines(),
                    invocation.timeoutText(), reported, killedBy(result.exitCode(), pidFile), invocation.haltPowersOff());
        } finally {
            deleteQuietly(pidFile);
        }
    }

    /**
     * The signal that killed QEMU, if one did. The JDK reports a death by signal N as the exit value
     * 128+N, which a guest can also produce through isa-debug-exit ((code &lt;&lt; 1) | 1: SIGKILL's
     * 137 is the guest's 68). QEMU removes its pid file when it exits, through exit() (debug-exit
     * included) or after a SIGTERM, SIGINT or SIGHUP it caught, but not when a signal kills it: a pid
     * file still there tells the two apart. (QEMU removes it through an exit notifier since before
     * 4.2, the oldest uknative accepts.)
     */
    private static OptionalInt killedBy(int exitValue, Path pidFile) {
        if (exitValue > 128 && exitValue < 128 + 65 && Files.exists(pidFile)) {
            return OptionalInt.of(exitValue - 128);
        }
        return OptionalInt.empty();
    }

    /**
     * An empty file for QEMU's {@code -pidfile}, made by us with a fresh name (so nobody can plant a
     * link there) in the temporary folder. QEMU writes its pid into it and deletes it when it exits,
     * even when it ends because this JVM was killed (SIGTERM through the parent-death signal); a
     * failed start leaves it to the {@code finally} above.
     */
    private static Path createPidFile() {
        try {
            return Files.createTempFile("uknative-qemu-", ".pid");
        } catch (IOException e) {
            String folder = System.getProperty("java.io.tmpdir");
            throw UknativeException.environment("cannot create QEMU's pid file in " + folder + ": " + e.getMessage(),
                    "check the free space and permissions of " + folder);
        }
    }

    /**
     * Refuses a console log that would need more than its own folder created: {@code --log
     * logs/console.txt} may create {@code logs}, but a mistyped {@code /nonexistent/dir/x.log} must
     * not create a tree. For {@code run} to check {@code --log} before anything is built or started.
     */
    public static void requireLogFolder(Path log) {
        Path folder = log.toAbsolutePath().getParent();
        if (folder == null || Files.isDirectory(folder)) {
            return;
        }
        if (Files.exists(folder)) {
            throw UknativeException.usage("--log " + log + ": " + folder + " is not a folder", "give a file in a folder");
        }
        Path above = folder.getParent();
        if (above != null && !Files.isDirectory(above)) {
            throw UknativeException.usage("--log " + log + ": the folder " + above + " does not exist",
                    "create the log's folder first, or give a file in an existing folder");
        }
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
