package dev.uknative.build;

import dev.uknative.project.Kraftfile;
import dev.uknative.project.TargetSpec;
import dev.uknative.source.LocalSourceResolver;
import java.util.Objects;

/**
 * Everything one build needs, decided before any work starts.
 *
 * @param force run make even when no input changed since the last successful build
 * @param link  what the link plan of foreign archives may do
 * @param compileCache compile through the shared compile cache when ccache is there ({@code --no-compile-cache} turns it off)
 */
public record BuildRequest(Kraftfile kraftfile, TargetSpec target, LocalSourceResolver.Resolved sources, int jobs, boolean force,
                           LinkOptions link, boolean compileCache) {

    /**
     * @param autoConfig turn on the Unikraft libraries that provide what foreign code needs ({@code --no-auto-config} turns it off)
     * @param stubs      give what nothing provides a weak stub ({@code --no-stubs} turns it off: the link then fails on it)
     */
    public record LinkOptions(boolean autoConfig, boolean stubs) {
        public static final LinkOptions DEFAULT = new LinkOptions(true, true);
    }

    public BuildRequest(Kraftfile kraftfile, TargetSpec target, LocalSourceResolver.Resolved sources, int jobs, boolean force) {
        this(kraftfile, target, sources, jobs, force, LinkOptions.DEFAULT, true);
    }

    public BuildRequest {
        Objects.requireNonNull(kraftfile, "kraftfile");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(sources, "sources");
        Objects.requireNonNull(link, "link");
        if (jobs < 1) {
            throw new IllegalArgumentException("jobs must be at least 1: " + jobs);
        }
    }

    public BuildRequest withLink(LinkOptions options) {
        return new BuildRequest(kraftfile, target, sources, jobs, force, options, compileCache);
    }

    public BuildRequest withCompileCache(boolean use) {
        return new BuildRequest(kraftfile, target, sources, jobs, force, link, use);
    }

    /** Unikraft's image name for this build: {@code <name>_<plat>-<arch>}. */
    public String imageName() {
        return target.imageName(kraftfile.name());
    }
}
