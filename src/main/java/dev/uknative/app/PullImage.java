package dev.uknative.app;

import dev.uknative.core.Reporter;
import dev.uknative.oci.CachedImage;
import dev.uknative.oci.ImageRef;
import dev.uknative.oci.UnpackedImage;
import java.util.Optional;

/**
 * {@code uknative pull REF}, and the image half of {@code uknative run REF}: fetch an image into the
 * local cache (only the blobs it lacks, each checked against its digest), then take its kernel out.
 */
public final class PullImage {

    private final Services services;
    private final Reporter reporter;

    public PullImage(Services services, Reporter reporter) {
        this.services = services;
        this.reporter = reporter;
    }

    /** Fetches {@code ref}'s manifest from its registry and the blobs the cache lacks. */
    public CachedImage pull(ImageRef ref) {
        return services.registry(reporter).pull(ref, services.images());
    }

    /**
     * The image to boot: the cached one when the cache holds {@code ref} (as {@code docker run} does;
     * {@code uknative pull} refreshes it), else pulled first; its blobs are checked before each use.
     */
    public UnpackedImage resolve(ImageRef ref) {
        Optional<CachedImage> cached = services.images().find(ref);
        CachedImage image = cached.orElseGet(() -> {
            reporter.progress("Pulling " + ref);
            return pull(ref);
        });
        return services.images().unpack(image);
    }
}
