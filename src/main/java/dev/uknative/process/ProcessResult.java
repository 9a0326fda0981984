package dev.uknative.process;

import java.time.Duration;

/**
 * How a child process ended.
 *
 * @param exitCode the child's exit status; meaningless when {@code timedOut}
 * @param timedOut the time limit ran out and the child was killed
 */
public record ProcessResult(int exitCode, boolean timedOut, Duration elapsed) {

    public boolean succeeded() {
        return !timedOut && exitCode == 0;
    }
}
