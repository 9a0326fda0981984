package dev.uknative.cli;

import dev.uknative.build.BuildRequest;
import dev.uknative.build.Cleaner;
import dev.uknative.project.Kraftfile;
import dev.uknative.project.ProjectLayout;
import dev.uknative.source.LockFile;
import dev.uknative.core.UknativeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code uknative clean}: remove build objects, or the whole build folder. */
@Command(name = "clean", mixinStandardHelpOptions = true,
        description = {"Remove the objects of a build (make clean), the whole build folder, or everything uknative generated.",
            "make clean runs Unikraft's own clean; --proper removes .unikraft/build (the .config files beside the Kraftfile stay);",
            "--all also removes the .config files and " + LockFile.NAME + ". The global source cache stays (see uknative cache)."},
        footer = {"", "Examples:", "  uknative clean examples/helloworld-c", "  uknative clean --proper", "  uknative clean --all"})
final class CleanCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", defaultValue = ".",
            description = "The project folder; default: the current folder.")
    Path directory;

    @Option(names = "--proper", description = "Remove the whole build folder instead of running make clean.")
    boolean proper;

    @Option(names = "--all", description = "Like --proper, and also remove the .config files and the lock file beside the Kraftfile.")
    boolean all;

    @Mixin
    TargetOptions targets;

    @Mixin
    ProjectOptions project;

    @Mixin
    VerboseOption verbose;

    @Override
    public Integer call() {
        try (ConsoleReporter reporter = ConsoleReporter.forTerminal(spec.commandLine().getErr(), verbose.verbose)) {
            if (proper || all) {
                Kraftfile kraftfile = new ProjectLoader(reporter, spec.commandLine().getErr()).kraftfile(directory);
                ProjectLayout layout = ProjectLayout.of(kraftfile);
                Path removed = Cleaner.removeBuildDirectory(layout);
                reporter.info("Removed " + removed);
                if (all) {
                    Cleaner.removeConfigs(layout).forEach(f -> reporter.info("Removed " + f));
                    Path lock = LockFile.beside(kraftfile.file());
                    try {
                        if (Files.deleteIfExists(lock)) {
                            reporter.info("Removed " + lock);
                        }
                    } catch (IOException e) {
                        throw UknativeException.environment("cannot remove " + lock + ": " + e.getMessage(), "check its permissions");
                    }
                }
                return 0;
            }
            BuildRequest request = new ProjectLoader(reporter, spec.commandLine().getErr()).request(directory, targets, project, 1, false);
            new Cleaner(new Toolbox().make(reporter), Paths.cacheHome(), reporter).clean(request);
            reporter.endProgress();
            reporter.info("Cleaned the objects of " + request.imageName());
            return 0;
        }
    }
}
