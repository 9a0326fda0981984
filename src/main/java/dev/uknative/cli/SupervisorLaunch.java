package dev.uknative.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** How {@code uknative run -d} starts {@code uknative supervise}: this JVM and class path, in a session of its own. */
final class SupervisorLaunch {

    /** A supervisor only waits: a small heap and the serial collector keep it light. */
    private static final List<String> JVM_OPTIONS = List.of("-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    private SupervisorLaunch() {
    }

    /**
     * The command that starts a supervisor for {@code machineDirectory} in a session of its own
     * (setsid: no terminal, so neither Ctrl-C nor a closed terminal reaches it), with the JVM and the
     * class path this uknative runs on.
     */
    static List<String> commandLine(Path setsid, Path machineDirectory) {
        List<String> command = new ArrayList<>(List.of(setsid.toString()));
        command.addAll(ChildJvm.command(JVM_OPTIONS, List.of("supervise", machineDirectory.toString())));
        return command;
    }
}
