package dev.uknative.oci;

import com.google.cloud.tools.jib.image.json.OciManifestTemplate;
import java.util.Map;
import java.util.TreeMap;

/**
 * Jib's OCI manifest with the manifest-level {@code annotations} (image-spec manifest.md) that Jib's
 * own template leaves out: urunc's and kraft's keys. Serialized by Jib's mapper both for the image
 * layout and for the push, so the digest written locally is the one the registry gets.
 */
final class UnikernelManifest extends OciManifestTemplate {

    @SuppressWarnings("unused") // read by Jib's JSON mapper
    private final Map<String, String> annotations;

    UnikernelManifest(Map<String, String> annotations) {
        this.annotations = new TreeMap<>(annotations);
    }
}
