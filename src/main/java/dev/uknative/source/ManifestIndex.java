package dev.uknative.source;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The manifests uknative knows, in the order they are searched: the one given with
 * {@code --manifest} or {@code UKNATIVE_MANIFEST} first, then the embedded default (the Unikraft core).
 */
public record ManifestIndex(List<Manifest> manifests) {

    public ManifestIndex {
        manifests = List.copyOf(manifests);
    }

    /** The first manifest that describes {@code component}. */
    public Optional<Manifest> find(String component) {
        return manifests.stream().filter(m -> m.describes(component)).findFirst();
    }

    /** This index searched before {@code fallback}. */
    public ManifestIndex then(ManifestIndex fallback) {
        List<Manifest> all = new ArrayList<>(manifests);
        all.addAll(fallback.manifests);
        return new ManifestIndex(all);
    }
}
