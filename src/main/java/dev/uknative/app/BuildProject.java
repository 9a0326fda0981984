package dev.uknative.app;

import dev.uknative.build.BuildRequest;
import dev.uknative.build.BuildResult;
import dev.uknative.build.CrossCompiler;
import dev.uknative.core.Reporter;
import dev.uknative.origin.CloneOrigins;
import dev.uknative.project.Architecture;
import java.util.Optional;

/** {@code uknative build}, and the build half of {@code uknative run}: load the project, then build it. */
public final class BuildProject {

    private final Services services;
    private final Reporter reporter;
    private final ProjectLoader loader;

    public BuildProject(Services services, Reporter reporter, ProjectLoader.TargetQuestion question) {
        this.services = services;
        this.reporter = reporter;
        this.loader = new ProjectLoader(services, reporter, question);
    }

    /** The build request for the project: its Kraftfile read, its target chosen, its sources resolved. */
    public BuildRequest request(ProjectRequest project, int jobs, boolean force, BuildRequest.LinkOptions link) {
        return loader.request(project, jobs, force).withLink(link);
    }

    /** Configures and builds; the result says whether make ran and what it made. */
    public BuildResult build(BuildRequest request) {
        if (services.offline()) {
            // Unikraft's clone rule runs git from make: the origin cache cannot serve it.
            CloneOrigins.find(request.sources().libraries()).forEach(c -> reporter.warn(c.makefile() + ":" + c.line() + ": " + c.library()
                    + " clones " + c.url() + " with git during make; --offline cannot keep that from the network"));
        }
        CrossCompiler.find(request.target().architecture(), Architecture.host(), Optional.ofNullable(System.getenv("CROSS_COMPILE")),
                services.tools());
        return services.builder(reporter).build(request);
    }
}
