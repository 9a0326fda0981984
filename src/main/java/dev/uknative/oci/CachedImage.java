package dev.uknative.oci;

import java.util.ArrayList;
import java.util.List;

/**
 * An image in the local cache: which reference it was pulled (or pushed) as, its manifest's digest,
 * and the blobs it is made of, all in the cache's blob store.
 *
 * @param reference the full reference, e.g. {@code 127.0.0.1:5000/hello:latest}
 * @param digest    the manifest's digest as the registry serves it
 * @param config    the image configuration
 * @param layers    in the manifest's order
 */
public record CachedImage(String reference, String digest, Descriptor config, List<Descriptor> layers) {

    /** A blob as a manifest names it. */
    public record Descriptor(String mediaType, String digest, long size) {
    }

    public CachedImage {
        layers = List.copyOf(layers);
    }

    /** Config and layers, as the cache stores them. */
    public long size() {
        return config.size() + layers.stream().mapToLong(Descriptor::size).sum();
    }

    /** The blobs this image needs. */
    public List<Descriptor> blobs() {
        List<Descriptor> all = new ArrayList<>(layers);
        all.add(0, config);
        return all;
    }

    /** One line per fact: the record file in the cache. */
    String text() {
        StringBuilder s = new StringBuilder();
        s.append("reference ").append(reference).append('\n');
        s.append("digest ").append(digest).append('\n');
        s.append("config ").append(config.mediaType()).append(' ').append(config.digest()).append(' ').append(config.size()).append('\n');
        for (Descriptor layer : layers) {
            s.append("layer ").append(layer.mediaType()).append(' ').append(layer.digest()).append(' ').append(layer.size()).append('\n');
        }
        return s.toString();
    }

    /** @throws IllegalArgumentException when {@code text} is not a record {@link #text()} wrote */
    static CachedImage parse(String text) {
        String reference = null;
        String digest = null;
        Descriptor config = null;
        List<Descriptor> layers = new ArrayList<>();
        for (String line : text.split("\n")) {
            String[] words = line.split(" ");
            switch (words[0]) {
                case "reference" -> reference = words[1];
                case "digest" -> digest = words[1];
                case "config" -> config = descriptor(words);
                case "layer" -> layers.add(descriptor(words));
                default -> throw new IllegalArgumentException("unknown line: " + line);
            }
        }
        if (reference == null || digest == null || config == null || !Digests.isValid(digest)) {
            throw new IllegalArgumentException("incomplete record");
        }
        return new CachedImage(reference, digest, config, layers);
    }

    private static Descriptor descriptor(String[] words) {
        if (words.length != 4 || !Digests.isValid(words[2])) {
            throw new IllegalArgumentException("bad descriptor: " + String.join(" ", words));
        }
        return new Descriptor(words[1], words[2], Long.parseLong(words[3]));
    }
}
