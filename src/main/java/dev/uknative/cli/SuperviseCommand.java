package dev.uknative.cli;

import dev.uknative.app.Machines;
import dev.uknative.app.Services;
import dev.uknative.run.MachineEnd;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code uknative supervise DIR}, not for people: the process that runs a detached machine's QEMU and
 * records its end. {@code run -d} starts it through {@link SupervisorLaunch#commandLine(Path, Path)}.
 */
@Command(name = "supervise", hidden = true, mixinStandardHelpOptions = true,
        description = {"Internal: runs the detached machine defined in DIR and records how it ends (started by uknative run -d)."})
final class SuperviseCommand implements Callable<Integer> {

    @ParentCommand
    UknativeCommand parent;

    @Parameters(index = "0", paramLabel = "DIR", description = "The machine's folder.")
    Path directory;

    @Override
    public Integer call() {
        PrintStream diagnostics = new PrintStream(parent.streams().err(), true, StandardCharsets.UTF_8);
        MachineEnd end = new Machines(new Services()).supervise(directory, diagnostics);
        return end.exitStatus().orElse(0);
    }
}
