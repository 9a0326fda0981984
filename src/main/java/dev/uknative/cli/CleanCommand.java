package dev.uknative.cli;

import dev.uknative.build.BuildRequest;
import dev.uknative.build.Cleaner;
import dev.uknative.project.Kraftfile;
import dev.uknative.project.ProjectLayout;
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
        description = {"Remove the objects of a build (make clean), or the whole build folder.",
            "make clean runs Unikraft's own clean; --proper removes .unikraft/build (the .config files beside the Kraftfile stay)."},
        footer = {"", "Examples:", "  uknative clean examples/helloworld-c", "  uknative clean --proper"})
final class CleanCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", defaultValue = ".",
            description = "The project folder; default: the current folder.")
    Path directory;

    @Option(names = "--proper", description = "Remove the whole build folder instead of running make clean.")
    boolean proper;

    @Mixin
    TargetOptions targets;

    @Mixin
    ProjectOptions project;

    @Mixin
    VerboseOption verbose;

    @Override
    public Integer call() {
        try (ConsoleReporter reporter = ConsoleReporter.forTerminal(spec.commandLine().getErr(), verbose.verbose)) {
            if (proper) {
                Kraftfile kraftfile = new ProjectLoader(reporter, spec.commandLine().getErr()).kraftfile(directory);
                Path removed = Cleaner.removeBuildDirectory(ProjectLayout.of(kraftfile));
                reporter.info("Removed " + removed);
                return 0;
            }
            BuildRequest request = new ProjectLoader(reporter, spec.commandLine().getErr()).request(directory, targets, project, 1, false);
            new Cleaner(new Toolbox().make(reporter), reporter).clean(request);
            reporter.endProgress();
            reporter.info("Cleaned the objects of " + request.imageName());
            return 0;
        }
    }
}
