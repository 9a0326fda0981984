package dev.uknative.run;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A detached machine as {@link MachineStore} saw it at one moment: its definition, the processes
 * that run it, and its state, worked out from the files and from which of those processes still run.
 */
public record Machine(
        MachineDirectory directory,
        MachineDefinition definition,
        MachineState state,
        Optional<ProcessRecord> supervisor,
        Optional<ProcessRecord> qemu,
        Optional<MachineEnd> end) {

    public Machine {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(definition, "definition");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(supervisor, "supervisor");
        Objects.requireNonNull(qemu, "qemu");
        Objects.requireNonNull(end, "end");
    }

    public MachineName name() {
        return definition.name();
    }

    public boolean ended() {
        return state.ended();
    }

    /**
     * The start of its uptime: when {@code run -d} created it (QEMU's own start time, as the JDK
     * reports it, can be a second off).
     */
    public Instant started() {
        return definition.created();
    }
}
