package dev.uknative.cli;

import dev.uknative.run.MachineDirectory;
import dev.uknative.run.MachineEnd;
import dev.uknative.run.Supervisor;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code uknative supervise DIR}, not for people: the process that runs a detached machine's QEMU and
 * records its end. {@code run -d} starts it through {@link #commandLine(Path, Path)}.
 */
@Command(name = "supervise", hidden = true, mixinStandardHelpOptions = true,
        description = {"Internal: runs the detached machine defined in DIR and records how it ends (started by uknative run -d)."})
final class SuperviseCommand implements Callable<Integer> {

    /** A supervisor only waits: a small heap and the serial collector keep it light. */
    private static final List<String> JVM_OPTIONS = List.of("-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    @ParentCommand
    UknativeCommand parent;

    @Parameters(index = "0", paramLabel = "DIR", description = "The machine's folder.")
    Path directory;

    @Override
    public Integer call() {
        PrintStream diagnostics = new PrintStream(parent.streams().err(), true, StandardCharsets.UTF_8);
        MachineEnd end = new Supervisor(new Toolbox().processes(), Clock.systemUTC(), diagnostics)
                .supervise(new MachineDirectory(directory.toAbsolutePath().normalize()));
        return end.exitStatus().orElse(0);
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
