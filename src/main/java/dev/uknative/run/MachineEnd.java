package dev.uknative.run;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How and when a detached machine ended, as its supervisor (or {@code uknative stop}) recorded it.
 *
 * @param exitStatus the status {@code uknative run} would have exited with; empty for machines that
 *                   did not end by themselves (stopped, died)
 * @param message    the explanation {@code uknative run} would have printed, if any
 */
public record MachineEnd(MachineState state, OptionalInt exitStatus, Optional<String> message, Instant ended) {

    public MachineEnd {
        Objects.requireNonNull(state, "state");
        if (!state.ended()) {
            throw new IllegalArgumentException("not an end: " + state);
        }
        Objects.requireNonNull(exitStatus, "exitStatus");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(ended, "ended");
    }

    public static MachineEnd of(RunOutcome outcome, Instant ended) {
        return new MachineEnd(MachineState.of(outcome.kind()), OptionalInt.of(outcome.exitStatus()), outcome.message(), ended);
    }

    public static MachineEnd stopped(Instant ended) {
        return new MachineEnd(MachineState.STOPPED, OptionalInt.empty(), Optional.empty(), ended);
    }

    public static MachineEnd died(String message, Instant ended) {
        return new MachineEnd(MachineState.DIED, OptionalInt.empty(), Optional.of(message), ended);
    }

    public static MachineEnd failed(String message, Instant ended) {
        return new MachineEnd(MachineState.FAILED, OptionalInt.empty(), Optional.of(message), ended);
    }
}
