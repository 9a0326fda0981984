package dev.uknative.process;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One child process to start: an argument list (never a shell line), its working directory, the
 * variables added to the inherited environment, and an optional time limit.
 *
 * @param mergeStderr send the child's stderr into the stdout sink, keeping the two in their true order
 *                    (what a build log wants)
 * @param inheritStdin give the child this process's standard input (an interactive console)
 * @param endsWithParent the child gets SIGTERM when this process dies, however it dies (SIGKILL included),
 *                       where the host allows it (see {@link ProcessRunner})
 */
public record ProcessSpec(
        List<String> command,
        Path workingDirectory,
        Map<String, String> environment,
        Optional<Duration> timeout,
        boolean mergeStderr,
        boolean inheritStdin,
        boolean endsWithParent) {

    public ProcessSpec {
        command = List.copyOf(command);
        if (command.isEmpty()) {
            throw new IllegalArgumentException("empty command");
        }
        Objects.requireNonNull(workingDirectory, "workingDirectory");
        environment = Map.copyOf(environment);
        Objects.requireNonNull(timeout, "timeout");
    }

    /** A child that does not outlive this process only when this process ends normally. */
    public ProcessSpec(List<String> command, Path workingDirectory, Map<String, String> environment, Optional<Duration> timeout,
            boolean mergeStderr, boolean inheritStdin) {
        this(command, workingDirectory, environment, timeout, mergeStderr, inheritStdin, false);
    }

    public static ProcessSpec of(List<String> command, Path workingDirectory) {
        return new ProcessSpec(command, workingDirectory, Map.of(), Optional.empty(), false, false, false);
    }

    public ProcessSpec withTimeout(Duration limit) {
        return new ProcessSpec(command, workingDirectory, environment, Optional.of(limit), mergeStderr, inheritStdin, endsWithParent);
    }

    public ProcessSpec withMergedStderr() {
        return new ProcessSpec(command, workingDirectory, environment, timeout, true, inheritStdin, endsWithParent);
    }

    public ProcessSpec withInheritedStdin() {
        return new ProcessSpec(command, workingDirectory, environment, timeout, mergeStderr, true, endsWithParent);
    }

    public ProcessSpec withEnvironment(Map<String, String> variables) {
        return new ProcessSpec(command, workingDirectory, variables, timeout, mergeStderr, inheritStdin, endsWithParent);
    }

    /**
     * The child is sent SIGTERM when this process dies, even by SIGKILL (which runs no shutdown hook):
     * for a child that must never run on without the process that waits for it (QEMU of a foreground
     * run, make). SIGTERM rather than SIGKILL so that the child can still clean up: QEMU removes its
     * pid file, make deletes the target it was writing and stops its own children.
     */
    public ProcessSpec endingWithParent() {
        return new ProcessSpec(command, workingDirectory, environment, timeout, mergeStderr, inheritStdin, true);
    }

    /** The program's name, for messages. */
    public String program() {
        return Path.of(command.get(0)).getFileName().toString();
    }
}
