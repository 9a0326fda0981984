package dev.uknative.app;

import dev.uknative.build.BuildRequest;
import dev.uknative.build.Cleaner;
import dev.uknative.core.Reporter;
import dev.uknative.core.UknativeException;
import dev.uknative.project.Kraftfile;
import dev.uknative.project.ProjectLayout;
import dev.uknative.source.LockFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code uknative clean}: make clean, or removing what uknative generated. */
public final class CleanProject {

    private final Services services;
    private final Reporter reporter;
    private final ProjectLoader.TargetQuestion question;

    public CleanProject(Services services, Reporter reporter, ProjectLoader.TargetQuestion question) {
        this.services = services;
        this.reporter = reporter;
        this.question = question;
    }

    /**
     * Removes the build folder; with {@code all} also the .config files and the lock file beside the
     * Kraftfile.
     *
     * @return what was removed, in order
     */
    public List<Path> remove(Path directory, boolean all) {
        Kraftfile kraftfile = new ProjectLoader(services, reporter, question).kraftfile(directory);
        ProjectLayout layout = ProjectLayout.of(kraftfile);
        List<Path> removed = new ArrayList<>();
        removed.add(Cleaner.removeBuildDirectory(layout));
        if (all) {
            removed.addAll(Cleaner.removeConfigs(layout));
            Path lock = LockFile.beside(kraftfile.file());
            try {
                if (Files.deleteIfExists(lock)) {
                    removed.add(lock);
                }
            } catch (IOException e) {
                throw UknativeException.environment("cannot remove " + lock + ": " + e.getMessage(), "check its permissions");
            }
        }
        return removed;
    }

    /** Runs Unikraft's make clean for the target; returns the request it cleaned. */
    public BuildRequest clean(ProjectRequest project) {
        BuildRequest request = new ProjectLoader(services, reporter, question).request(project, 1, false);
        new Cleaner(services.make(reporter), Paths.cacheHome(), reporter).clean(request);
        return request;
    }
}
