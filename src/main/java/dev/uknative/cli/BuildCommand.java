package dev.uknative.cli;

import dev.uknative.app.BuildProject;
import dev.uknative.build.BuildRequest;
import dev.uknative.build.BuildResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code uknative build}: configure and build one target with Unikraft's make. */
@Command(name = "build", mixinStandardHelpOptions = true,
        description = {"Configure and build a unikernel with Unikraft's own make.",
            "Writes .config.<name>_<plat>-<arch> beside the Kraftfile, builds in .unikraft/build/,"
                    + " keeps the whole make output in .unikraft/build/make.log, and prints the image's path."},
        footer = {"", "Example:", "  uknative build examples/helloworld-c --unikraft-source ~/src/unikraft"})
final class BuildCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", defaultValue = ".",
            description = "The project folder (holding the Kraftfile); default: the current folder.")
    Path directory;

    @Mixin
    TargetOptions targets;

    @Mixin
    ProjectOptions project;

    @Mixin
    LinkOptionsMixin link;

    @Option(names = {"-j", "--jobs"}, paramLabel = "N", description = "Parallel make jobs (default: the number of CPUs).")
    Integer jobs;

    @Option(names = "--force", description = "Run make even when no input changed since the last successful build.")
    boolean force;

    @Mixin
    OfflineOption offline;

    @Mixin
    VerboseOption verbose;

    @Override
    public Integer call() {
        try (ConsoleReporter reporter = ConsoleReporter.forTerminal(spec.commandLine().getErr(), verbose.verbose)) {
            BuildProject build = new BuildProject(offline.services(), reporter, new TerminalTargetQuestion(spec.commandLine().getErr()));
            BuildRequest request = build.request(project.request(directory, targets), Flags.jobs(jobs), force, link.options())
                    .withCompileCache(link.compileCache());
            BuildResult result = BuildReport.report(build.build(request), reporter);
            PrintWriter out = spec.commandLine().getOut();
            out.println(result.image());
            out.flush();
            return 0;
        }
    }
}
