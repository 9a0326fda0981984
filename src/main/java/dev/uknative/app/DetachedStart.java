package dev.uknative.app;

import dev.uknative.core.UknativeException;
import dev.uknative.run.Machine;
import dev.uknative.run.MachineDefinition;
import dev.uknative.run.MachineDirectory;
import dev.uknative.run.MachineLauncher;
import dev.uknative.run.MachineName;
import dev.uknative.run.MachineSpec;
import dev.uknative.run.MachineStore;
import dev.uknative.run.QemuInvocation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/** {@code uknative run -d}: the machine goes to a supervisor in the background. */
public final class DetachedStart {

    /** A supervisor is a new JVM: on a loaded machine its start alone can take seconds. */
    private static final Duration START_LIMIT = Duration.ofSeconds(60);

    private final Services services;
    private final Path setsid;

    private DetachedStart(Services services, Path setsid) {
        this.services = services;
        this.setsid = setsid;
    }

    /**
     * Checks {@code -d} and {@code --name} before anything is built: the name's form, that it is
     * free, and that setsid is there.
     *
     * @return the start to call once the image is ready; empty without {@code -d}
     */
    public static Optional<DetachedStart> check(boolean detach, Optional<String> name, Services services) {
        if (!detach) {
            if (name.isPresent()) {
                throw UknativeException.usage("--name is only for detached machines", "add -d:  uknative run -d --name " + name.get() + " …");
            }
            return Optional.empty();
        }
        if (name.isPresent()) {
            MachineName machineName = MachineName.of(name.get());
            if (services.machines().exists(machineName)) {
                throw UknativeException.usage("a machine named '" + name.get() + "' already exists",
                        "choose another --name, or remove it first:  uknative rm -f " + name.get());
            }
        }
        return Optional.of(new DetachedStart(services, services.tools().require("setsid", "util-linux")));
    }

    /**
     * Starts the machine.
     *
     * @param machine    the machine as {@code run} set it up; its status file and QMP socket are set here
     * @param log        {@code --log}, when given: the console also goes there
     * @param supervisor the command that starts a supervisor, given setsid and the machine's folder
     * @return the machine as it is once started (it may have ended already)
     */
    public Machine start(MachineSpec.Builder machine, Path kernel, Path qemu, Optional<String> name, Optional<Path> log,
            BiFunction<Path, Path, List<String>> supervisor) {
        MachineStore store = services.machines();
        MachineName machineName = name.map(MachineName::of).orElseGet(() -> store.unusedName(kernel));
        MachineDirectory directory = store.directory(machineName);
        MachineSpec spec = machine.statusFile(Optional.of(directory.statusFile())).qmpSocket(Optional.of(directory.qmpSocket())).build();
        MachineDefinition definition = new MachineDefinition(machineName, kernel, store.clock().instant(), QemuInvocation.of(spec, qemu), log);
        return new MachineLauncher(services.processes(), store)
                .launch(definition, folder -> supervisor.apply(setsid, folder), START_LIMIT);
    }
}
