package dev.uknative.oci;

import dev.uknative.core.AtomicFiles;
import dev.uknative.core.Location;
import dev.uknative.core.UknativeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes an image as an OCI image layout (image-spec image-layout.md): {@code oci-layout},
 * {@code blobs/sha256/…} and an {@code index.json} naming the image's manifest with
 * {@code org.opencontainers.image.ref.name}, readable by skopeo ({@code oci:DIR}), podman and
 * containerd's import. Blobs are written before the index, each atomically, so an interrupted write
 * leaves at most unreferenced blobs; the index names this image alone (other blobs in DIR stay).
 */
public final class OciLayoutWriter {

    /** Writes {@code image} into {@code directory} (made when missing) under {@code refName}. */
    public void write(Path directory, PackedImage image, String refName) {
        try {
            if (Files.exists(directory) && !Files.isDirectory(directory)) {
                throw UknativeException.usage("--output oci:" + directory + " is a file, not a folder",
                        "give a folder for the image layout, e.g. --output oci:./image");
            }
            Files.createDirectories(directory);
            List<Blob> blobs = new ArrayList<>(image.layers());
            blobs.add(image.config());
            blobs.add(image.manifest());
            for (Blob blob : blobs) {
                Path file = directory.resolve("blobs/sha256").resolve(Digests.hex(blob.digest()));
                if (!Files.isRegularFile(file) || Files.size(file) != blob.size() || !Digests.of(file).equals(blob.digest())) {
                    Files.createDirectories(file.getParent());
                    AtomicFiles.write(file, blob.content());
                }
            }
            AtomicFiles.writeIfChanged(directory.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
            AtomicFiles.writeIfChanged(directory.resolve("index.json"), "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\","
                    + "\"manifests\":[{\"mediaType\":\"" + ImagePacker.MANIFEST_MEDIA_TYPE + "\",\"digest\":\"" + image.digest()
                    + "\",\"size\":" + image.manifest().size() + ",\"annotations\":{\"org.opencontainers.image.ref.name\":\""
                    + jsonEscape(refName) + "\"},\"platform\":{\"architecture\":\"" + image.platform().architecture()
                    + "\",\"os\":\"" + image.platform().os() + "\"}}]}");
        } catch (IOException e) {
            throw UknativeException.invalidInput(Location.of(directory), "cannot write the image layout: " + e.getMessage(),
                    "check that the folder is writable and the disk not full");
        }
    }

    private static String jsonEscape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
