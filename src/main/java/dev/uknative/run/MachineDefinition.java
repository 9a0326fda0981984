package dev.uknative.run;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code uknative run -d} decided about a detached machine, written once into its folder: the
 * supervisor runs {@link #invocation()} as it is.
 *
 * @param image      the kernel image
 * @param invocation the QEMU command line, status file and time limit
 * @param log        a file that also receives the console ({@code run --log})
 */
public record MachineDefinition(MachineName name, Path image, Instant created, QemuInvocation invocation, Optional<Path> log) {

    public MachineDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(invocation, "invocation");
        Objects.requireNonNull(log, "log");
    }
}
