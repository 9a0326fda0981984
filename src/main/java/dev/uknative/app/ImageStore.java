package dev.uknative.app;

import dev.uknative.core.UknativeException;
import dev.uknative.oci.CachedImage;
import dev.uknative.oci.ImageRef;
import java.util.List;

/** {@code uknative images} and {@code images rm}: what the local image cache holds. */
public final class ImageStore {

    private final Services services;

    public ImageStore(Services services) {
        this.services = services;
    }

    public List<CachedImage> list() {
        return services.images().list();
    }

    /** Removes {@code ref} and the blobs no other cached image uses. */
    public CachedImage remove(ImageRef ref) {
        return services.images().remove(ref).orElseThrow(() -> UknativeException.invalidInput(null,
                "no image " + ref + " in the cache", "see what is there: uknative images"));
    }
}
