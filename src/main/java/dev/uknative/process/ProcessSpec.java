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
 */
public record ProcessSpec(
        List<String> command,
        Path workingDirectory,
        Map<String, String> environment,
        Optional<Duration> timeout,
        boolean mergeStderr,
        boolean inheritStdin) {

    public ProcessSpec {
        command = List.copyOf(command);
        if (command.isEmpty()) {
            throw new IllegalArgumentException("empty command");
        }
        Objects.requireNonNull(workingDirectory, "workingDirectory");
        environment = Map.copyOf(environment);
        Objects.requireNonNull(timeout, "timeout");
    }

    public static ProcessSpec of(List<String> command, Path workingDirectory) {
        return new ProcessSpec(command, workingDirectory, Map.of(), Optional.empty(), false, false);
    }

    public ProcessSpec withTimeout(Duration limit) {
        return new ProcessSpec(command, workingDirectory, environment, Optional.of(limit), mergeStderr, inheritStdin);
    }

    public ProcessSpec withMergedStderr() {
        return new ProcessSpec(command, workingDirectory, environment, timeout, true, inheritStdin);
    }

    public ProcessSpec withInheritedStdin() {
        return new ProcessSpec(command, workingDirectory, environment, timeout, mergeStderr, true);
    }

    public ProcessSpec withEnvironment(Map<String, String> variables) {
        return new ProcessSpec(command, workingDirectory, variables, timeout, mergeStderr, inheritStdin);
    }

    /** The program's name, for messages. */
    public String program() {
        return Path.of(command.get(0)).getFileName().toString();
    }
}
