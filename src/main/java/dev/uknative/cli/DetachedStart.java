package dev.uknative.cli;

import dev.uknative.core.UknativeException;
import dev.uknative.run.Machine;
import dev.uknative.run.MachineDefinition;
import dev.uknative.run.MachineDirectory;
import dev.uknative.run.MachineLauncher;
import dev.uknative.run.MachineName;
import dev.uknative.run.MachineSpec;
import dev.uknative.run.MachineStore;
import dev.uknative.run.QemuInvocation;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** {@code uknative run -d}: the machine goes to a supervisor in the background; its name is printed. */
final class DetachedStart {

    /** A supervisor is a new JVM: on a loaded machine its start alone can take seconds. */
    private static final Duration START_LIMIT = Duration.ofSeconds(60);

    private final Toolbox toolbox;
    private final Path setsid;

    private DetachedStart(Toolbox toolbox, Path setsid) {
        this.toolbox = toolbox;
        this.setsid = setsid;
    }

    /**
     * Checks {@code -d} and {@code --name} before anything is built: the name's form, that it is
     * free, and that setsid is there.
     *
     * @return the start to call once the image is ready; empty without {@code -d}
     */
    static Optional<DetachedStart> check(boolean detach, String name, Toolbox toolbox) {
        if (!detach) {
            if (name != null) {
                throw UknativeException.usage("--name is only for detached machines", "add -d:  uknative run -d --name " + name + " …");
            }
            return Optional.empty();
        }
        if (name != null) {
            MachineName machineName = MachineName.of(name);
            if (toolbox.machines().exists(machineName)) {
                throw UknativeException.usage("a machine named '" + name + "' already exists",
                        "choose another --name, or remove it first:  uknative rm -f " + name);
            }
        }
        return Optional.of(new DetachedStart(toolbox, toolbox.tools().require("setsid", "util-linux")));
    }

    /**
     * Starts the machine and prints its name on {@code out}.
     *
     * @param machine the machine as {@code run} set it up; its status file and QMP socket are set here
     * @param log     {@code --log}, when given: the console also goes there
     */
    int start(MachineSpec.Builder machine, Path kernel, Path qemu, Optional<String> name, Optional<Path> log,
            PrintWriter out, PrintWriter err) {
        MachineStore store = toolbox.machines();
        MachineName machineName = name.map(MachineName::of).orElseGet(() -> store.unusedName(kernel));
        MachineDirectory directory = store.directory(machineName);
        MachineSpec spec = machine.statusFile(Optional.of(directory.statusFile())).qmpSocket(Optional.of(directory.qmpSocket())).build();
        MachineDefinition definition = new MachineDefinition(machineName, kernel, store.clock().instant(), QemuInvocation.of(spec, qemu), log);
        Machine started = new MachineLauncher(toolbox.processes(), store)
                .launch(definition, folder -> SuperviseCommand.commandLine(setsid, folder), START_LIMIT);
        out.println(machineName);
        out.flush();
        ConsoleReporter reporter = ConsoleReporter.messages(err);
        if (started.ended()) {
            reporter.warn(machineName + " already ended: " + started.state().label()
                    + started.end().flatMap(e -> e.message()).map(m -> " (" + m + ")").orElse("")
                    + "; its console: uknative logs " + machineName);
        } else {
            reporter.info("Started " + machineName + " in the background; its console: uknative logs -f " + machineName
                    + "; stop it: uknative stop " + machineName);
        }
        return 0;
    }
}
