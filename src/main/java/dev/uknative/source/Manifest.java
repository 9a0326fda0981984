package dev.uknative.source;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One component of a manifest in kraftkit's format: its channels (moving names such as
 * {@code stable}) and versions (fixed releases), each with a {@code resource} (a tarball URL, or a
 * git URL with an optional {@code @ref}) and, for tarballs, the {@code sha256} it must have.
 *
 * @param origin the component's git repository, when the manifest names one; branches, tags and
 *               commits not listed here are looked up there
 * @param from   where the manifest was read, for messages
 */
public record Manifest(String name, String type, Optional<String> origin, List<Channel> channels, List<Version> versions, String from) {

    public Manifest {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(origin, "origin");
        channels = List.copyOf(channels);
        versions = List.copyOf(versions);
        Objects.requireNonNull(from, "from");
    }

    /** A moving name: {@code stable}, {@code staging}. */
    public record Channel(String name, boolean isDefault, String resource, Optional<String> sha256) {
    }

    /** A fixed version; {@code type} is kraftkit's ({@code semver}, {@code gitsha}) or {@code git}. */
    public record Version(String version, String resource, Optional<String> sha256, String type) {
    }

    /** Whether this manifest describes the Kraftfile component {@code component} ({@code musl} matches {@code lib-musl}). */
    public boolean describes(String component) {
        return name.equals(component) || name.equals("lib-" + component) || ("lib-" + name).equals(component);
    }

    public Optional<Channel> channel(String channelName) {
        return channels.stream().filter(c -> c.name().equals(channelName)).findFirst();
    }

    /** The version named {@code wanted} in any spelling of a release, or exactly for other names. */
    public Optional<Version> version(String wanted) {
        return versions.stream().filter(v -> v.version().equals(wanted)).findFirst()
                .or(() -> versions.stream().filter(v -> VersionNames.sameRelease(v.version(), wanted)).findFirst());
    }

    public Optional<Channel> defaultChannel() {
        return channels.stream().filter(Channel::isDefault).findFirst().or(() -> channels.stream().findFirst());
    }

    /**
     * What a channel or version resource means: a tarball (with its checksum), or a git repository
     * at the ref after {@code @}, else at {@code name} (the channel or version itself).
     */
    public static SourceSpec resource(String resource, Optional<String> sha256, String name) {
        String url = resource;
        Optional<String> ref = Optional.empty();
        int at = SourceSpecs.refSeparator(resource);
        if (at >= 0) {
            url = resource.substring(0, at);
            ref = Optional.of(resource.substring(at + 1));
        }
        if (SourceSpecs.isArchiveName(url)) {
            return new SourceSpec.Tarball(url, sha256);
        }
        return new SourceSpec.Git(url, ref.or(() -> Optional.of(name)));
    }

    /** Resolves a resource written relative to the manifest that names it. */
    static String relativeTo(URI base, String resource) {
        if (SourceSpecs.isAddress(resource) || resource.startsWith("/")) {
            return resource.startsWith("/") ? java.nio.file.Path.of(resource).toUri().toString() : resource;
        }
        return base.resolve(resource).toString();
    }
}
