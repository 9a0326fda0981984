package dev.uknative.app;

import dev.uknative.build.BuildRequest;
import dev.uknative.build.BuildResult;
import dev.uknative.core.ExitCode;
import dev.uknative.core.Reporter;
import dev.uknative.core.UknativeException;
import dev.uknative.project.TargetSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code uknative build --all-targets}: every target of the Kraftfile, one after the other, each to
 * the end whatever happened to the ones before. Shared by all: the Kraftfile read once, the sources
 * resolved and fetched once (one lock file write), the compile cache, and the Unikraft tree's Kconfig
 * files in the OS's page cache. Not shared: the build folder is the project's one
 * ({@code .unikraft/build}, as kraft's), so each target reconfigures it and make recompiles what the
 * compile cache does not give back.
 */
public final class BuildAllTargets {

    /**
     * How one target's build ended: its result, or the error that stopped it.
     */
    public record TargetBuild(TargetSpec target, Optional<BuildResult> result, Optional<UknativeException> failure) {
        public TargetBuild {
            Objects.requireNonNull(target, "target");
            if (result.isPresent() == failure.isPresent()) {
                throw new IllegalArgumentException("a target build has a result or a failure, not both or neither");
            }
        }

        /**
         * The failure's first line (make's first error, the refused option …), for a one-line summary;
         * a first line that only announces a list ("… cannot hold:") goes on with the list's first item.
         */
        public Optional<String> firstErrorLine() {
            return failure.map(f -> {
                List<String> lines = f.describe().lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
                if (lines.isEmpty()) {
                    return f.exitCode().meaning();
                }
                return lines.get(0).endsWith(":") && lines.size() > 1 ? lines.get(0) + " " + lines.get(1) : lines.get(0);
            });
        }
    }

    /** Every target's build, in the Kraftfile's order. */
    public record Result(List<TargetBuild> builds) {
        public Result {
            builds = List.copyOf(builds);
        }

        public long failed() {
            return builds.stream().filter(b -> b.failure().isPresent()).count();
        }

        /** 0 when every target built; else the exit status of the first failure. */
        public int exitStatus() {
            return builds.stream().flatMap(b -> b.failure().stream()).findFirst().map(f -> f.exitCode().code()).orElse(ExitCode.OK.code());
        }
    }

    private final Services services;
    private final Reporter reporter;

    public BuildAllTargets(Services services, Reporter reporter) {
        this.services = services;
        this.reporter = reporter;
    }

    /**
     * Builds every target. A target that fails does not stop the others; an interrupt (Ctrl-C) stops
     * them all, and an error before the first build (the Kraftfile, the sources) is thrown.
     *
     * @param eachDone told each target's outcome as soon as it is known (for progress)
     */
    public Result build(ProjectRequest project, int jobs, boolean force, BuildRequest.LinkOptions link, boolean compileCache,
            java.util.function.Consumer<TargetBuild> eachDone) {
        List<BuildRequest> requests = new ProjectLoader(services, reporter, ProjectLoader.TargetQuestion.NOBODY)
                .requestsForAllTargets(project, jobs, force);
        List<TargetBuild> builds = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            BuildRequest request = requests.get(i).withLink(link).withCompileCache(compileCache);
            reporter.info("Target " + (i + 1) + " of " + requests.size() + ": " + request.target().id()
                    + request.target().name().map(n -> " (" + n + ")").orElse(""));
            TargetBuild build;
            try {
                build = new TargetBuild(request.target(), Optional.of(services.builder(reporter).build(request)), Optional.empty());
            } catch (UknativeException e) {
                if (e.exitCode() == ExitCode.INTERRUPTED) {
                    throw e;
                }
                build = new TargetBuild(request.target(), Optional.empty(), Optional.of(e));
            }
            builds.add(build);
            eachDone.accept(build);
        }
        return new Result(builds);
    }
}
