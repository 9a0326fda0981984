package dev.uknative.cli;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
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
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // Absolute entries: the supervisor's working directory is the machine's folder.
        String classPath = String.join(File.pathSeparator, Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> !e.isEmpty())
                .map(e -> Path.of(e).toAbsolutePath().normalize().toString())
                .toList());
        List<String> command = new ArrayList<>(List.of(setsid.toString(), java));
        command.addAll(JVM_OPTIONS);
        command.addAll(List.of("-cp", classPath, Main.class.getName(), "supervise", machineDirectory.toString()));
        return command;
    }
}
