package dev.uknative.cli;

import dev.uknative.build.BuildRequest;
import dev.uknative.build.BuildResult;
import dev.uknative.core.UknativeException;
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
    VerboseOption verbose;

    @Override
    public Integer call() {
        try (ConsoleReporter reporter = ConsoleReporter.forTerminal(spec.commandLine().getErr(), verbose.verbose)) {
            BuildRequest request = new ProjectLoader(reporter, spec.commandLine().getErr()).request(directory, targets, project, jobs(jobs), force).withLink(link.options());
            BuildResult result = build(request, reporter);
            PrintWriter out = spec.commandLine().getOut();
            out.println(result.image());
            out.flush();
            return 0;
        }
    }

    static int jobs(Integer requested) {
        if (requested == null) {
            return Runtime.getRuntime().availableProcessors();
        }
        if (requested < 1) {
            throw UknativeException.usage("--jobs must be at least 1, not " + requested, null);
        }
        return requested;
    }

    /** Builds and reports the result on stderr; shared with {@code run}. */
    static BuildResult build(BuildRequest request, ConsoleReporter reporter) {
        BuildResult result = new Toolbox().builder(reporter).build(request);
        reporter.endProgress();
        if (result.upToDate()) {
            reporter.info(result.image().getFileName() + " is up to date (" + size(result.imageSize()) + ")");
            return result;
        }
        reporter.info(String.format("Built %s (%s) in %.1fs%s", result.image().getFileName(), size(result.imageSize()),
                result.elapsed().toMillis() / 1000.0,
                result.compiled() == 0 ? ", nothing to compile"
                        : ", " + result.compiled() + (result.compiled() == 1 ? " object" : " objects") + " compiled"));
        return result;
    }

    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return String.format("%.1f KiB", bytes / 1024.0);
        }
        return String.format("%.1f MiB", bytes / (1024.0 * 1024));
    }
}
