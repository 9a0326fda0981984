package dev.uknative.build;

import dev.uknative.project.Kraftfile;
import dev.uknative.project.TargetSpec;
import dev.uknative.source.LocalSourceResolver;
import java.util.Objects;

/**
 * Everything one build needs, decided before any work starts.
 *
 * @param force run make even when no input changed since the last successful build
 */
public record BuildRequest(Kraftfile kraftfile, TargetSpec target, LocalSourceResolver.Resolved sources, int jobs, boolean force) {

    public BuildRequest {
        Objects.requireNonNull(kraftfile, "kraftfile");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(sources, "sources");
        if (jobs < 1) {
            throw new IllegalArgumentException("jobs must be at least 1: " + jobs);
        }
    }

    /** Unikraft's image name for this build: {@code <name>_<plat>-<arch>}. */
    public String imageName() {
        return target.imageName(kraftfile.name());
    }
}
