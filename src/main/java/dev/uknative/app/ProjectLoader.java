package dev.uknative.app;

import dev.uknative.build.BuildRequest;
import dev.uknative.core.Reporter;
import dev.uknative.core.UknativeException;
import dev.uknative.project.Kraftfile;
import dev.uknative.project.KraftfileReader;
import dev.uknative.project.TargetSelector;
import dev.uknative.project.TargetSpec;
import dev.uknative.source.LocalSourceResolver;
import dev.uknative.source.SourceResolver;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Turns a {@link ProjectRequest} into a {@link BuildRequest}: reads the Kraftfile, reports its
 * warnings, picks the target (asking the front-end when several fit), resolves and fetches the sources
 * (recording them in the lock file).
 */
public final class ProjectLoader {

    /** Asks the user which of several fitting targets to use; empty when there is nobody to ask. */
    @FunctionalInterface
    public interface TargetQuestion {
        Optional<TargetSpec> ask(List<TargetSpec> fitting);

        /** For front-ends that cannot ask. */
        TargetQuestion NOBODY = fitting -> Optional.empty();
    }

    private final Services services;
    private final Reporter reporter;
    private final TargetQuestion question;

    public ProjectLoader(Services services, Reporter reporter, TargetQuestion question) {
        this.services = services;
        this.reporter = reporter;
        this.question = question;
    }

    public Kraftfile kraftfile(Path directory) {
        Kraftfile kraftfile = new KraftfileReader().read(KraftfileReader.locate(directory.toAbsolutePath().normalize()));
        kraftfile.warnings().forEach(reporter::warn);
        return kraftfile;
    }

    public BuildRequest request(ProjectRequest project, int jobs, boolean force) {
        return request(project, jobs, force, SourceResolver.Mode.LOCKED);
    }

    /** The request for a query that must write nothing into the project: the lock file is read, not written. */
    public BuildRequest readOnlyRequest(ProjectRequest project) {
        return request(project, 1, false, SourceResolver.Mode.READ_ONLY);
    }

    private BuildRequest request(ProjectRequest project, int jobs, boolean force, SourceResolver.Mode mode) {
        Kraftfile kraftfile = kraftfile(project.directory());
        TargetSpec target = target(kraftfile, project.target());
        LocalSourceResolver.Resolved sources = services.sources(reporter, project.manifest()).resolve(kraftfile,
                project.unikraftSource(), Optional.ofNullable(System.getenv("UKNATIVE_UNIKRAFT_SOURCE")), mode);
        sources.warnings().forEach(reporter::warn);
        return new BuildRequest(kraftfile, target, sources, jobs, force);
    }

    /**
     * One request for every target of the Kraftfile (for a Kraftfile without targets, the one
     * {@link TargetSelector} implies), in the Kraftfile's order: the Kraftfile read and the sources
     * resolved (fetched, locked) once for all of them.
     */
    public List<BuildRequest> requestsForAllTargets(ProjectRequest project, int jobs, boolean force) {
        Kraftfile kraftfile = kraftfile(project.directory());
        List<TargetSpec> targets = kraftfile.targets().isEmpty()
                ? new TargetSelector().candidates(kraftfile, TargetSelector.Query.none()).fitting()
                : kraftfile.targets();
        LocalSourceResolver.Resolved sources = services.sources(reporter, project.manifest()).resolve(kraftfile,
                project.unikraftSource(), Optional.ofNullable(System.getenv("UKNATIVE_UNIKRAFT_SOURCE")), SourceResolver.Mode.LOCKED);
        sources.warnings().forEach(reporter::warn);
        return targets.stream().map(target -> new BuildRequest(kraftfile, target, sources, jobs, force)).toList();
    }

    /** The project's target as {@link #request} would pick it (asking when several fit), without resolving any source. */
    public TargetSpec target(ProjectRequest project) {
        return target(kraftfile(project.directory()), project.target());
    }

    private TargetSpec target(Kraftfile kraftfile, TargetSelector.Query query) {
        TargetSelector.Candidates candidates = new TargetSelector().candidates(kraftfile, query);
        if (candidates.unique()) {
            return candidates.only();
        }
        List<TargetSpec> fitting = candidates.fitting();
        String names = TargetSelector.describe(fitting);
        return question.ask(fitting).orElseThrow(() ->
                UknativeException.usage("several targets fit: " + names, "choose one with --target NAME"));
    }
}
