package dev.uknative.app;

import dev.uknative.core.Reporter;
import dev.uknative.project.Kraftfile;
import dev.uknative.source.LockFile;
import dev.uknative.source.SourceResolver;
import java.nio.file.Path;
import java.util.Optional;

/** {@code uknative update}: resolve the Kraftfile's source specs again and rewrite the lock file. */
public final class UpdateSources {

    /** The lock file written, and what it now holds. */
    public record Updated(Path file, LockFile lock) {
    }

    private final Services services;
    private final Reporter reporter;

    public UpdateSources(Services services, Reporter reporter) {
        this.services = services;
        this.reporter = reporter;
    }

    /** {@code --unikraft-source} and UKNATIVE_UNIKRAFT_SOURCE play no part: this is about what the Kraftfile asks for. */
    public Updated update(Path directory, Optional<String> manifest) {
        Kraftfile kraftfile = new ProjectLoader(services, reporter, ProjectLoader.TargetQuestion.NOBODY).kraftfile(directory);
        services.sources(reporter, manifest).resolve(kraftfile, Optional.empty(), Optional.empty(), SourceResolver.Mode.UPDATE);
        Path lockPath = LockFile.beside(kraftfile.file());
        return new Updated(lockPath, LockFile.read(lockPath, reporter));
    }
}
