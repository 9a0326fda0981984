package dev.uknative.oci;

import dev.uknative.core.AtomicFiles;
import dev.uknative.core.Location;
import dev.uknative.core.UknativeException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Writes an image as an OCI image layout (image-spec image-layout.md): {@code oci-layout},
 * {@code blobs/sha256/…} and an {@code index.json} naming the image's manifest with
 * {@code org.opencontainers.image.ref.name}, readable by skopeo ({@code oci:DIR}), podman and
 * containerd's import; or the same layout as one tar file ({@code oci-archive:FILE}) for air-gapped
 * transfer. In a folder, blobs are written before the index, each atomically, so an interrupted write
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
            for (Map.Entry<String, byte[]> file : files(image, refName).entrySet()) {
                Path target = directory.resolve(file.getKey());
                if (file.getKey().startsWith("blobs/")) {
                    String digest = "sha256:" + target.getFileName();
                    if (!Files.isRegularFile(target) || Files.size(target) != file.getValue().length || !Digests.of(target).equals(digest)) {
                        Files.createDirectories(target.getParent());
                        AtomicFiles.write(target, file.getValue());
                    }
                } else {
                    AtomicFiles.writeIfChanged(target, file.getValue());
                }
            }
        } catch (IOException e) {
            throw UknativeException.invalidInput(Location.of(directory), "cannot write the image layout: " + e.getMessage(),
                    "check that the folder is writable and the disk not full");
        }
    }

    /** Writes the layout as one tar file (skopeo's {@code oci-archive:}), atomically; entries fixed as in the layers. */
    public void writeArchive(Path file, PackedImage image, String refName) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (String folder : new String[] {"blobs/", "blobs/sha256/"}) {
                tar.putArchiveEntry(entry(folder, 0));
                tar.closeArchiveEntry();
            }
            for (Map.Entry<String, byte[]> f : files(image, refName).entrySet()) {
                tar.putArchiveEntry(entry(f.getKey(), f.getValue().length));
                tar.write(f.getValue());
                tar.closeArchiveEntry();
            }
            tar.finish();
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory does not fail", e);
        }
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            AtomicFiles.write(file, bytes.toByteArray());
        } catch (IOException e) {
            throw UknativeException.invalidInput(Location.of(file), "cannot write the image archive: " + e.getMessage(),
                    "check that the folder is writable and the disk not full");
        }
    }

    /** The layout's files by path, blobs first and the index last. */
    static Map<String, byte[]> files(PackedImage image, String refName) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (Blob blob : image.layers()) {
            files.put("blobs/sha256/" + Digests.hex(blob.digest()), blob.content());
        }
        files.put("blobs/sha256/" + Digests.hex(image.config().digest()), image.config().content());
        files.put("blobs/sha256/" + Digests.hex(image.digest()), image.manifest().content());
        files.put("oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8));
        files.put("index.json", ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\","
                + "\"manifests\":[{\"mediaType\":\"" + ImagePacker.MANIFEST_MEDIA_TYPE + "\",\"digest\":\"" + image.digest()
                + "\",\"size\":" + image.manifest().size() + ",\"annotations\":{\"org.opencontainers.image.ref.name\":\""
                + jsonEscape(refName) + "\"},\"platform\":{\"architecture\":\"" + image.platform().architecture()
                + "\",\"os\":\"" + image.platform().os() + "\"}}]}").getBytes(StandardCharsets.UTF_8));
        return files;
    }

    private static TarArchiveEntry entry(String name, long size) {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setMode(name.endsWith("/") ? 040755 : 0100644);
        entry.setUserId(0);
        entry.setGroupId(0);
        entry.setUserName("");
        entry.setGroupName("");
        entry.setModTime(1000);
        if (!name.endsWith("/")) {
            entry.setSize(size);
        }
        return entry;
    }

    private static String jsonEscape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
