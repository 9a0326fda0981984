package dev.uknative.source;

import java.time.Instant;
import java.util.Objects;

/**
 * What one Kraftfile entry resolved to, as recorded in the lock file.
 *
 * @param spec     the entry's spec as written ({@link SourceSpec#describe()}); a different spec is resolved again
 * @param type     {@code git}, {@code tarball} or {@code local}
 * @param source   the git or tarball URL, or the local folder
 * @param ref      the branch, tag or commit asked for (empty when none)
 * @param id       the commit (git), the sha256 (tarball) or the folder (local)
 * @param resolved when it was resolved
 */
public record LockedSource(String spec, String type, String source, String ref, String id, Instant resolved) {

    public LockedSource {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(resolved, "resolved");
    }

    /** The same resolution, ignoring when it happened. */
    public boolean sameAs(LockedSource other) {
        return other != null && spec.equals(other.spec) && type.equals(other.type) && source.equals(other.source)
                && ref.equals(other.ref) && id.equals(other.id);
    }
}
