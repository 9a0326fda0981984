package dev.uknative.oci;

import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.InvalidImageReferenceException;
import dev.uknative.core.UknativeException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * An image reference, {@code [REGISTRY/]REPOSITORY[:TAG][@DIGEST]}, parsed by Jib's rules (Docker's:
 * no registry means Docker Hub, no tag means {@code latest}).
 */
public final class ImageRef {

    private final ImageReference reference;

    private ImageRef(ImageReference reference) {
        this.reference = reference;
    }

    /** @throws UknativeException (usage) when {@code text} is not a valid reference */
    public static ImageRef parse(String text) {
        return tryParse(text).orElseThrow(() -> UknativeException.usage("'" + text + "' is not a valid image reference",
                "write [REGISTRY/]REPOSITORY[:TAG], lower case, e.g. localhost:5000/hello:1.0 or ghcr.io/me/hello"));
    }

    /** Empty when {@code text} is not a reference (run takes a folder or a kernel file too). */
    public static Optional<ImageRef> tryParse(String text) {
        try {
            ImageReference parsed = ImageReference.parse(text);
            return parsed.isScratch() ? Optional.empty() : Optional.of(new ImageRef(parsed));
        } catch (InvalidImageReferenceException | RuntimeException e) {
            return Optional.empty();
        }
    }

    public String registry() {
        return reference.getRegistry();
    }

    public String repository() {
        return reference.getRepository();
    }

    /** The tag or, when given, the digest. */
    public String qualifier() {
        return reference.getQualifier();
    }

    public Optional<String> digest() {
        return reference.getDigest();
    }

    /** The tag, {@code latest} when none is given; empty when only a digest is. */
    public Optional<String> tag() {
        return reference.getTag().or(() -> reference.getDigest().isPresent() ? Optional.empty() : Optional.of("latest"));
    }

    /**
     * Whether the registry is on this machine (localhost, 127.0.0.0/8; Jib's parser takes no IPv6 literal): only those are spoken to
     * over plain HTTP, as Docker does; every other registry needs TLS.
     */
    public boolean isLoopback() {
        String host = registry();
        if (host.startsWith("[")) {
            host = host.substring(1, host.indexOf(']'));
        } else if (host.indexOf(':') > 0) {
            host = host.substring(0, host.lastIndexOf(':'));
        }
        if (host.equals("localhost")) {
            return true;
        }
        if (!host.matches("[0-9.]+|[0-9a-fA-F:]+")) {
            return false; // never resolve a name here: only literal addresses and localhost count
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    ImageReference jib() {
        return reference;
    }

    /** The full reference, registry included. */
    @Override
    public String toString() {
        return reference.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ImageRef r && r.reference.equals(reference);
    }

    @Override
    public int hashCode() {
        return reference.hashCode();
    }
}
