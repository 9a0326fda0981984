package dev.uknative.oci;

import java.util.List;
import java.util.Map;

/**
 * A unikernel's OCI image: manifest, config and layers, every byte fixed, so that its digest is the
 * same each time the same kernel is packaged.
 *
 * @param manifest the image manifest (its digest is the image's)
 * @param config   the image configuration
 * @param layers   the kernel's layer, the initrd's when there is one, urunc.json's
 * @param platform from the kernel's ELF header
 * @param annotations the manifest's annotations (urunc's, base64; kraft's)
 */
public record PackedImage(Blob manifest, Blob config, List<Blob> layers, KernelPlatform platform,
        Map<String, String> annotations) {

    public PackedImage {
        layers = List.copyOf(layers);
        annotations = Map.copyOf(annotations);
    }

    public String digest() {
        return manifest.digest();
    }

    /** Manifest, config and layers: the size of the image as a registry stores it. */
    public long size() {
        return manifest.size() + config.size() + layers.stream().mapToLong(Blob::size).sum();
    }
}
