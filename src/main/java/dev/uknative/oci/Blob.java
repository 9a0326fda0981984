package dev.uknative.oci;

import java.util.Objects;

/**
 * One content-addressed piece of an image held in memory (a kernel is a few MB at most).
 *
 * @param mediaType   e.g. {@code application/vnd.oci.image.layer.v1.tar+gzip}
 * @param digest      {@code sha256:…} of {@code content}
 * @param content     the bytes as stored and sent
 */
public record Blob(String mediaType, String digest, byte[] content) {

    public Blob {
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(digest, "digest");
    }

    /** The blob of {@code content}, its digest computed here (the only place a Blob is made). */
    public static Blob of(String mediaType, byte[] content) {
        return new Blob(mediaType, Digests.of(content), content);
    }

    public long size() {
        return content.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Blob b && b.digest.equals(digest) && b.mediaType.equals(mediaType);
    }

    @Override
    public int hashCode() {
        return digest.hashCode();
    }

    @Override
    public String toString() {
        return mediaType + " " + digest + " (" + content.length + " bytes)";
    }
}
