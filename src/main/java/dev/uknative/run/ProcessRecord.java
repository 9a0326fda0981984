package dev.uknative.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A process another uknative process must find again later: its pid and, against pid reuse, when it
 * started and which executable it runs. A pid that is alive but started at another time, or runs
 * another program, is not this process any more.
 *
 * @param started when the process started ({@link ProcessHandle.Info#startInstant()}), when known
 * @param command its executable ({@link ProcessHandle.Info#command()}), when known
 */
public record ProcessRecord(long pid, Optional<Instant> started, Optional<String> command) {

    /**
     * The JDK derives start times from the boot time in /proc/stat, in whole seconds and recomputed
     * by the kernel (it moves when the clock is adjusted): two readings of one process may differ by
     * a second. A reused pid that started within this much of the original and runs the same
     * executable is not worth telling apart.
     */
    private static final Duration START_TOLERANCE = Duration.ofSeconds(2);

    public ProcessRecord {
        if (pid <= 0) {
            throw new IllegalArgumentException("pid " + pid);
        }
    }

    public static ProcessRecord of(ProcessHandle process) {
        ProcessHandle.Info info = process.info();
        return new ProcessRecord(process.pid(), info.startInstant(), info.command());
    }

    public static ProcessRecord current() {
        return of(ProcessHandle.current());
    }

    /** The process, when it still runs and is still the one recorded. */
    public Optional<ProcessHandle> handle() {
        return ProcessHandle.of(pid).filter(ProcessRecord::running).filter(this::isSameProcess);
    }

    /**
     * Alive and not a zombie. {@link ProcessHandle#isAlive()} is true for a zombie, and a supervisor or
     * QEMU that lost its parent stays one until init reaps it, which some container inits do late or
     * never.
     */
    static boolean running(ProcessHandle process) {
        if (!process.isAlive()) {
            return false;
        }
        try {
            // proc(5): "pid (comm) state …"; comm may hold anything, ')' included.
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            int end = stat.lastIndexOf(')');
            char state = end >= 0 && end + 2 < stat.length() ? stat.charAt(end + 2) : '?';
            return state != 'Z' && state != 'X';
        } catch (IOException | RuntimeException e) {
            // No /proc (or the process just went): isAlive() is all there is.
            return process.isAlive();
        }
    }

    public boolean isAlive() {
        return handle().isPresent();
    }

    private boolean isSameProcess(ProcessHandle process) {
        ProcessHandle.Info info = process.info();
        if (started.isPresent() && info.startInstant().isPresent()
                && Duration.between(started.get(), info.startInstant().get()).abs().compareTo(START_TOLERANCE) > 0) {
            return false;
        }
        return command.isEmpty() || info.command().isEmpty() || command.equals(info.command());
    }
}
