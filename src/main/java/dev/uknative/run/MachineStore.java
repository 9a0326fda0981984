package dev.uknative.run;

import dev.uknative.core.FileTrees;
import dev.uknative.core.UknativeException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * The detached machines of this user: one folder per machine ({@link MachineDirectory}) under one
 * root. Nothing here is cached: every look-up reads the files again and checks which processes
 * still run, so several uknative processes can share the store.
 */
public final class MachineStore {

    /**
     * How long a machine may go without a supervisor record before it counts as died: the time a
     * supervisor JVM may take to start on a loaded machine.
     */
    static final Duration STARTUP_GRACE = Duration.ofSeconds(60);

    /** {@code sun_path} of a Unix socket holds 108 bytes with the terminating NUL (unix(7)). */
    private static final int MAX_SOCKET_PATH = 107;

    private final Path root;
    private final Clock clock;

    public MachineStore(Path root) {
        this(root, Clock.systemUTC());
    }

    public MachineStore(Path root, Clock clock) {
        this.root = root.toAbsolutePath().normalize();
        this.clock = clock;
    }

    public Path root() {
        return root;
    }

    public Clock clock() {
        return clock;
    }

    /** Where the machine of this name lives (whether or not it exists). */
    public MachineDirectory directory(MachineName name) {
        return new MachineDirectory(root.resolve(name.value()));
    }

    /**
     * Creates the machine's folder with its definition, as one step: the folder is prepared under a
     * temporary name and renamed, so that a machine is never seen without its definition and two
     * machines never get the same name.
     *
     * @throws UknativeException a usage error when the name is taken
     */
    public MachineDirectory create(MachineDefinition definition) {
        MachineDirectory target = directory(definition.name());
        int socketBytes = target.qmpSocket().toString().getBytes(StandardCharsets.UTF_8).length;
        if (socketBytes > MAX_SOCKET_PATH) {
            throw UknativeException.environment("the machine's control socket path " + target.qmpSocket() + " is longer than "
                    + MAX_SOCKET_PATH + " bytes, the limit of Unix sockets",
                    "give a shorter --name, or set UKNATIVE_STATE_DIR to a shorter folder");
        }
        Path staging = root.resolve(".new-" + definition.name() + "-" + Long.toHexString(ThreadLocalRandom.current().nextLong()));
        try {
            createRoot();
            Files.createDirectory(staging);
            new MachineDirectory(staging).writeDefinition(definition);
            Files.move(staging, target.path(), StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
            deleteQuietly(staging);
            throw nameTaken(definition.name());
        } catch (IOException | UncheckedIOException e) {
            deleteQuietly(staging);
            if (Files.isDirectory(target.path())) {
                throw nameTaken(definition.name());
            }
            throw UknativeException.environment("cannot create the machine's folder " + target.path() + ": " + e.getMessage(),
                    "check the permissions of " + root + " (or set UKNATIVE_STATE_DIR to another folder)");
        }
    }

    /** A generated name that no machine has yet. */
    public MachineName unusedName(Path image) {
        while (true) {
            MachineName name = MachineName.generate(image, ThreadLocalRandom.current());
            if (!Files.exists(directory(name).path())) {
                return name;
            }
        }
    }

    public boolean exists(MachineName name) {
        return Files.exists(directory(name).path());
    }

    /** The machine of this name, if there is one. */
    public Optional<Machine> find(String name) {
        if (!name.matches("[a-z0-9][a-z0-9_.-]{0,62}")) {
            return Optional.empty();
        }
        return inspect(directory(new MachineName(name)));
    }

    /** The machine of this name, or a usage error that lists the known names. */
    public Machine require(String name) {
        return find(name).orElseThrow(() -> {
            List<String> known = list().stream().map(m -> m.name().value()).toList();
            return UknativeException.usage("no machine is named '" + name + "'",
                    known.isEmpty() ? "there are no machines; start one with  uknative run -d DIR|KERNEL"
                            : "known machines: " + String.join(", ", known));
        });
    }

    /** Every machine, oldest first. */
    public List<Machine> list() {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        List<Machine> machines = new ArrayList<>();
        try (Stream<Path> entries = Files.list(root)) {
            for (Path entry : entries.toList()) {
                String name = entry.getFileName().toString();
                if (!name.startsWith(".") && Files.isDirectory(entry)) {
                    inspect(new MachineDirectory(entry)).ifPresent(machines::add);
                }
            }
        } catch (IOException e) {
            throw UknativeException.environment("cannot list the machines in " + root + ": " + e.getMessage(),
                    "check the folder's permissions");
        }
        machines.sort(Comparator.comparing((Machine m) -> m.definition().created()).thenComparing(m -> m.name().value()));
        return machines;
    }

    /**
     * The machine in {@code directory} now. Its state: what the supervisor recorded when it ended;
     * else running while its supervisor or QEMU runs (starting before QEMU is up); else, when both
     * are gone without recording anything, died.
     */
    public Optional<Machine> inspect(MachineDirectory directory) {
        try {
            Optional<MachineDefinition> definition = directory.definition();
            if (definition.isEmpty()) {
                return Optional.empty();
            }
            Optional<MachineEnd> end = directory.end();
            Optional<ProcessRecord> supervisor = directory.supervisor();
            Optional<ProcessRecord> qemu = directory.qemu();
            MachineState state;
            if (end.isPresent()) {
                state = end.get().state();
            } else if (supervisor.map(ProcessRecord::isAlive).orElse(false) || qemu.map(ProcessRecord::isAlive).orElse(false)) {
                state = qemu.isPresent() ? MachineState.RUNNING : MachineState.STARTING;
            } else if (supervisor.isEmpty() && clock.instant().isBefore(definition.get().created().plus(STARTUP_GRACE))) {
                state = MachineState.STARTING;
            } else {
                // The supervisor may have recorded the end between the first look and the liveness check.
                end = directory.end();
                state = end.map(MachineEnd::state).orElse(MachineState.DIED);
            }
            return Optional.of(new Machine(directory, definition.get(), state, supervisor, qemu, end));
        } catch (UncheckedIOException e) {
            // Removed while being read (rm, or ps cleaning up a dead machine).
            if (!Files.exists(directory.path())) {
                return Optional.empty();
            }
            throw UknativeException.environment(e.getMessage(), "check the permissions of " + directory.path());
        }
    }

    /** Removes the machine's folder and everything in it; the machine must have ended. */
    public void remove(Machine machine) {
        if (!machine.ended()) {
            throw new IllegalStateException(machine.name() + " is " + machine.state().label());
        }
        try {
            FileTrees.delete(machine.directory().path());
        } catch (IOException e) {
            throw UknativeException.environment("cannot remove " + machine.directory().path() + ": " + e.getMessage(),
                    "check the folder's permissions");
        }
    }

    private void createRoot() throws IOException {
        if (!Files.isDirectory(root)) {
            Files.createDirectories(root.getParent());
            try {
                // Only this user may reach the control sockets.
                Files.createDirectory(root, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } catch (FileAlreadyExistsException e) {
                // Created by another uknative at the same time.
            }
        }
    }

    private static UknativeException nameTaken(MachineName name) {
        return UknativeException.usage("a machine named '" + name + "' already exists",
                "choose another --name, or remove it first:  uknative rm -f " + name);
    }

    private static void deleteQuietly(Path tree) {
        try {
            FileTrees.delete(tree);
        } catch (IOException e) {
            // A staging folder left behind is hidden (its name starts with a dot) and harmless.
        }
    }
}
