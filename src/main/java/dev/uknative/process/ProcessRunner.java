package dev.uknative.process;

import dev.uknative.core.ExitCode;
import dev.uknative.core.UknativeException;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Starts child processes from argument lists and waits for them, with both output streams drained
 * at the same time (reading one to its end before the other can deadlock a child that fills the
 * pipe of the second), an optional time limit, and no child left behind: on timeout, on interrupt,
 * and when the JVM itself is stopped (Ctrl-C), the child and its descendants are terminated; a child
 * whose spec asks for it ({@link ProcessSpec#endingWithParent()}) also gets SIGTERM when the JVM is
 * killed outright (see {@link ParentDeathSignal}).
 */
public final class ProcessRunner {

    /** How long a child may take to exit after SIGTERM before it is killed. */
    private final Duration terminationGrace;
    private final ToolLocator tools;
    /** Looked for once, when the first child that needs it starts. */
    private ParentDeathSignal parentDeath;

    public ProcessRunner() {
        this(Duration.ofSeconds(3));
    }

    public ProcessRunner(Duration terminationGrace) {
        this(terminationGrace, ToolLocator.fromEnvironment());
    }

    /** @param tools where programs (and setpriv) are looked for */
    public ProcessRunner(Duration terminationGrace, ToolLocator tools) {
        this.terminationGrace = terminationGrace;
        this.tools = tools;
    }

    /** Whether {@link ProcessSpec#endingWithParent()} is honoured on this host (setpriv with --pdeathsig is there). */
    public boolean endsChildrenWithParent() {
        return parentDeath().available();
    }

    private synchronized ParentDeathSignal parentDeath() {
        if (parentDeath == null) {
            parentDeath = ParentDeathSignal.detect(tools);
        }
        return parentDeath;
    }

    /**
     * Runs the child to completion.
     *
     * @param stdout receives the child's standard output (and its stderr when merged)
     * @param stderr receives the child's standard error when not merged
     * @throws UknativeException with {@link ExitCode#ENVIRONMENT} when the program cannot be started,
     *         {@link ExitCode#INTERRUPTED} when this thread is interrupted while waiting
     */
    public ProcessResult run(ProcessSpec spec, OutputSink stdout, OutputSink stderr) {
        return run(spec, stdout, stderr, started -> {
        });
    }

    /**
     * As {@link #run(ProcessSpec, OutputSink, OutputSink)}, telling {@code started} the child's handle
     * as soon as it runs (a supervisor records the pid of the QEMU it waits for).
     */
    public ProcessResult run(ProcessSpec spec, OutputSink stdout, OutputSink stderr, Consumer<ProcessHandle> started) {
        ProcessBuilder builder = new ProcessBuilder(command(spec))
                .directory(spec.workingDirectory().toFile())
                .redirectErrorStream(spec.mergeStderr())
                .redirectInput(spec.inheritStdin() ? ProcessBuilder.Redirect.INHERIT : ProcessBuilder.Redirect.PIPE);
        builder.environment().putAll(spec.environment());

        long start = System.nanoTime();
        Process process = start(builder, spec);
        if (!spec.inheritStdin()) {
            closeQuietly(process);
        }
        AtomicBoolean stoppedAtExit = new AtomicBoolean();
        Thread hook = new Thread(() -> {
            stoppedAtExit.set(true);
            terminate(process);
        }, "uknative-stop-" + spec.program());
        Runtime.getRuntime().addShutdownHook(hook);
        Thread outDrain = drain(process.getInputStream(), stdout, spec.program() + "-stdout");
        Thread errDrain = spec.mergeStderr() ? null : drain(process.getErrorStream(), stderr, spec.program() + "-stderr");
        boolean timedOut = false;
        try {
            try {
                started.accept(process.toHandle());
            } catch (RuntimeException e) {
                // Nobody would know this child is running: it must not outlive the failure.
                terminate(process);
                throw e;
            }
            if (spec.timeout().isPresent()) {
                timedOut = !process.waitFor(spec.timeout().get().toMillis(), TimeUnit.MILLISECONDS);
                if (timedOut) {
                    terminate(process);
                }
            }
            int exit = process.waitFor();
            outDrain.join();
            if (errDrain != null) {
                errDrain.join();
            }
            if (stoppedAtExit.get()) {
                // uknative itself is being stopped (Ctrl-C, SIGTERM): the child's status means nothing.
                throw new UknativeException(ExitCode.INTERRUPTED, null, spec.program() + " was stopped: uknative was interrupted", null);
            }
            return new ProcessResult(exit, timedOut, Duration.ofNanos(System.nanoTime() - start));
        } catch (InterruptedException e) {
            terminate(process);
            Thread.currentThread().interrupt();
            throw new UknativeException(ExitCode.INTERRUPTED, null, spec.program() + " was interrupted", null, e);
        } finally {
            removeShutdownHook(hook);
        }
    }

    private static Process start(ProcessBuilder builder, ProcessSpec spec) {
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UknativeException(ExitCode.ENVIRONMENT, null, "cannot start " + spec.program() + ": " + e.getMessage(),
                    "check that " + spec.program() + " is installed and on PATH", e);
        }
    }

    private static void removeShutdownHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The JVM is already exiting: the hook is running or has run.
        }
    }

    /**
     * Runs an interactive program on this process's terminal (stdin, stdout and stderr inherited, as a
     * shell runs a foreground job) and waits for it: a debugger. The spec's stream settings and timeout
     * do not apply; the child ends with this process when the spec asks for it. Keeping Ctrl-C from
     * ending this process meanwhile is the caller's business (the terminal belongs to the command line).
     *
     * @throws UknativeException with {@link ExitCode#ENVIRONMENT} when the program cannot be started,
     *         {@link ExitCode#INTERRUPTED} when this thread is interrupted while waiting
     */
    public ProcessResult runInTerminal(ProcessSpec spec) {
        ProcessBuilder builder = new ProcessBuilder(command(spec)).directory(spec.workingDirectory().toFile()).inheritIO();
        builder.environment().putAll(spec.environment());
        long start = System.nanoTime();
        Process process = start(builder, spec);
        Thread hook = new Thread(() -> terminate(process), "uknative-stop-" + spec.program());
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            int exit = process.waitFor();
            return new ProcessResult(exit, false, Duration.ofNanos(System.nanoTime() - start));
        } catch (InterruptedException e) {
            terminate(process);
            Thread.currentThread().interrupt();
            throw new UknativeException(ExitCode.INTERRUPTED, null, spec.program() + " was interrupted", null, e);
        } finally {
            removeShutdownHook(hook);
        }
    }

    /**
     * Starts a child that is meant to outlive this process, and does not wait for it: its standard
     * input is {@code /dev/null}, its stdout and stderr are appended to {@code log}, and it is not
     * stopped when this JVM exits. The spec's timeout, stream and stdin settings do not apply. To leave
     * this process's session (and so its terminal's signals) the command starts with {@code setsid}.
     *
     * @return the started process, to see whether it failed at once
     * @throws UknativeException with {@link ExitCode#ENVIRONMENT} when the program cannot be started
     */
    public Process startDetached(ProcessSpec spec, Path log) {
        ProcessBuilder builder = new ProcessBuilder(spec.command())
                .directory(spec.workingDirectory().toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(spec.environment());
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UknativeException(ExitCode.ENVIRONMENT, null,
                    "cannot start " + spec.program() + ": " + e.getMessage(),
                    "check that " + spec.program() + " is installed and on PATH", e);
        }
    }

    /**
     * The command to start: wrapped by setpriv when the child must end with this process. setpriv
     * would report a program it cannot find only once started (exit 127), so the program is looked
     * up first, to fail as an unwrapped start does.
     */
    private List<String> command(ProcessSpec spec) {
        if (!spec.endsWithParent() || !parentDeath().available()) {
            return spec.command();
        }
        Path program = tools.find(spec.command().get(0)).orElseThrow(() -> new UknativeException(ExitCode.ENVIRONMENT, null,
                "cannot start " + spec.program() + ": " + spec.command().get(0) + " is not an executable file"
                        + (spec.command().get(0).contains(File.separator) ? "" : " on PATH"),
                "check that " + spec.program() + " is installed and on PATH"));
        List<String> command = new ArrayList<>(spec.command());
        command.set(0, program.toString());
        return parentDeath().wrap(command);
    }

    /** SIGTERM to the child and its descendants, then SIGKILL to whatever is left after the grace period. */
    private void terminate(Process process) {
        if (!process.isAlive()) {
            return;
        }
        // Taken before the child dies: its orphans are no longer its descendants afterwards.
        List<ProcessHandle> family = new ArrayList<>(process.descendants().toList());
        family.add(process.toHandle());
        family.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + terminationGrace.toNanos();
        try {
            for (ProcessHandle member : family) {
                long left = deadline - System.nanoTime();
                if (left > 0) {
                    member.onExit().get(left, TimeUnit.NANOSECONDS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            // Whoever ignored SIGTERM is killed below.
        }
        family.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    private static Thread drain(InputStream in, OutputSink sink, String name) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try (in) {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    sink.write(buffer, n);
                }
            } catch (IOException e) {
                // The stream closes under us when the child is killed; what was read has been delivered.
            } finally {
                sink.end();
            }
        }, "uknative-drain-" + name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void closeQuietly(Process process) {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // Nothing was written; a failure to close an unused pipe changes nothing.
        }
    }
}
