package dev.uknative.app;

import dev.uknative.project.TargetSelector;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Which project a command works on, as its flags say: the folder, the target query, and where the
 * Unikraft tree and the manifests come from.
 *
 * @param directory      the project folder (holding the Kraftfile)
 * @param target         {@code --target}, {@code --plat}, {@code --arch}
 * @param unikraftSource {@code --unikraft-source}
 * @param manifest       {@code --manifest}
 */
public record ProjectRequest(Path directory, TargetSelector.Query target, Optional<Path> unikraftSource, Optional<String> manifest) {

    public ProjectRequest {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(unikraftSource, "unikraftSource");
        Objects.requireNonNull(manifest, "manifest");
    }

    /** The same project with another target query. */
    public ProjectRequest withTarget(TargetSelector.Query query) {
        return new ProjectRequest(directory, query, unikraftSource, manifest);
    }
}
