package dev.uknative.cli;

import dev.uknative.app.CleanProject;
import dev.uknative.app.Services;
import dev.uknative.build.BuildRequest;
import dev.uknative.source.LockFile;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code uknative clean}: remove build objects, or the whole build folder. */
@Command(name = "clean", mixinStandardHelpOptions = true,
        description = {"Remove a build's objects, its build folder, or all it generated.",
            // Lines short enough that picocli does not wrap them: it breaks ".config" after its dot.
            "Default: Unikraft's make clean. --proper: remove .unikraft/build but keep",
            "the .config files beside the Kraftfile. --all: remove them and " + LockFile.NAME,
            "too. The shared source cache stays (see uknative cache)."},
        footer = {"", "Examples:", "  uknative clean examples/helloworld-c", "  uknative clean --proper", "  uknative clean --all"})
final class CleanCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ProjectFolderParameter folder;

    @Option(names = "--proper", description = "Remove the whole build folder instead of running make clean.")
    boolean proper;

    @Option(names = "--all", description = "Like --proper, and also remove the .config files and the lock file beside the Kraftfile.")
    boolean all;

    @Mixin
    ProjectOptions project;

    @Mixin
    VerboseOption verbose;

    @Override
    public Integer call() {
        try (ConsoleReporter reporter = verbose.reporter()) {
            CleanProject clean = new CleanProject(new Services(), reporter, new TerminalTargetQuestion(spec.commandLine().getErr()));
            if (proper || all) {
                clean.remove(folder.directory, all).forEach(p -> reporter.info("Removed " + p));
                return 0;
            }
            BuildRequest request = clean.clean(project.request(folder.directory));
            reporter.endProgress();
            reporter.info("Cleaned the objects of " + request.imageName());
            return 0;
        }
    }
}
