package dev.uknative.cli;

import dev.uknative.app.BuildAllTargets;
import dev.uknative.app.BuildProject;
import dev.uknative.build.BuildRequest;
import dev.uknative.build.BuildResult;
import dev.uknative.core.UknativeException;
import dev.uknative.project.TargetSelector;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code uknative build}: configure and build one target with Unikraft's make. */
@Command(name = "build", mixinStandardHelpOptions = true,
        description = {"Configure and build a unikernel with Unikraft's own make.",
            // Lines short enough that picocli does not wrap them: it would break a path after its dot.
            "Writes .config.<name>_<plat>-<arch> beside the Kraftfile, builds in",
            ".unikraft/build/, keeps the whole make output in .unikraft/build/make.log,",
            "and prints the image's path."},
        footer = {"", "Examples:", "  uknative build examples/helloworld-c --unikraft-source ~/src/unikraft",
            "  uknative build --all-targets .   (one line per target: ok and size, or error)"})
final class BuildCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ProjectFolderParameter folder;

    @Mixin
    BuildOptions building;

    @Option(names = "--force", description = "Run make even when no input changed since the last successful build.")
    boolean force;

    @Option(names = "--all-targets",
            description = "Build every target of the Kraftfile, one after the other, each whatever happened to the others;"
                    + " print one line per target; exit with the first failure's status.")
    boolean allTargets;

    @Mixin
    OfflineOption offline;

    @Mixin
    VerboseOption verbose;

    @Override
    public Integer call() {
        if (allTargets) {
            return buildAll();
        }
        try (ConsoleReporter reporter = verbose.reporter()) {
            BuildProject build = new BuildProject(offline.services(), reporter, new TerminalTargetQuestion(spec.commandLine().getErr()));
            BuildRequest request = build.request(building.request(folder.directory), building.jobs(), force, building.linkOptions())
                    .withCompileCache(building.compileCache());
            BuildResult result = BuildReport.report(build.build(request), reporter);
            PrintWriter out = spec.commandLine().getOut();
            out.println(result.image());
            out.flush();
            return 0;
        }
    }

    /** {@code --all-targets}: the table on stdout, each line printed as soon as its target is done. */
    private int buildAll() {
        if (building.project.targets.given()) {
            throw UknativeException.usage("--all-targets cannot be combined with --target, --plat or --arch",
                    "give either --all-targets or one target");
        }
        PrintWriter out = spec.commandLine().getOut();
        try (ConsoleReporter reporter = verbose.reporter()) {
            BuildAllTargets.Result result = new BuildAllTargets(offline.services(), reporter).build(building.request(folder.directory),
                    building.jobs(), force, building.linkOptions(), building.compileCache(), build -> {
                        build.result().ifPresent(r -> BuildReport.report(r, reporter));
                        reporter.endProgress();
                        build.failure().ifPresent(f -> reporter.error(f.describe(), f.hint().orElse(null)));
                        out.println(line(build));
                        out.flush();
                    });
            if (result.failed() > 0) {
                List<String> failed = result.builds().stream().filter(b -> b.failure().isPresent())
                        .map(b -> b.target().displayName()).toList();
                reporter.error(failed.size() + " of " + result.builds().size() + " targets failed to build: " + String.join(", ", failed),
                        "their errors are above; build one alone with  uknative build -t " + failed.get(0));
            }
            return result.exitStatus();
        }
    }

    /** {@code plat/arch  ok  231.7 KiB  IMAGE} or {@code plat/arch  FAILED  first error line}. */
    static String line(BuildAllTargets.TargetBuild build) {
        String name = TargetSelector.describe(build.target());
        return build.result()
                .map(r -> String.format("%-14s ok      %10s  %s", name, BuildReport.size(r.imageSize()), r.image()))
                .orElseGet(() -> String.format("%-14s FAILED  %s", name, build.firstErrorLine().orElse("")));
    }
}
