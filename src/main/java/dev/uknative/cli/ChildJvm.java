package dev.uknative.cli;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The command line of another uknative process started by this one (the supervisor of {@code run -d},
 * make's {@code $(WGET)}): this JVM and this class path, with the class path's entries absolute so that
 * the child may run in another working directory.
 */
final class ChildJvm {

    private ChildJvm() {
    }

    /** {@code java OPTIONS -cp CLASSPATH Main ARGUMENTS}. */
    static List<String> command(List<String> jvmOptions, List<String> arguments) {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String classPath = String.join(File.pathSeparator, Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> !e.isEmpty())
                .map(e -> Path.of(e).toAbsolutePath().normalize().toString())
                .toList());
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classPath, Main.class.getName()));
        command.addAll(arguments);
        return command;
    }
}
