package dev.uknative.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.uknative.core.AtomicFiles;
import dev.uknative.core.FileTrees;
import dev.uknative.core.Location;
import dev.uknative.core.Sha256;
import dev.uknative.core.UknativeException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * The local image cache: a content-addressed blob store ({@code blobs/sha256/HEX}, each blob checked
 * against its digest when written and again before each use), one record per reference
 * ({@code images/HEX}, named by the SHA-256 of the reference) and the kernels taken out of the
 * layers ({@code unpacked/MANIFEST-HEX/}). Every file is written to a temporary name and moved into
 * place, so an interrupted pull leaves no half-written blob under a digest's name.
 */
public final class ImageCache {

    /** Writes a blob's bytes. */
    @FunctionalInterface
    public interface BlobWriter {
        void writeTo(OutputStream out) throws IOException;
    }

    private final Path root;

    public ImageCache(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    /** Whether the store holds a file under {@code digest}'s name (checked when used, not here). */
    public boolean has(String digest) {
        return Files.isRegularFile(blob(digest));
    }

    Path blob(String digest) {
        return root.resolve("blobs/sha256").resolve(Digests.hex(digest));
    }

    /**
     * Stores a blob written by {@code writer} once its bytes hash to {@code digest}.
     *
     * @throws UknativeException (tool failed) when they do not: the registry sent something else
     */
    public void put(String digest, BlobWriter writer, String source) throws IOException {
        Path target = blob(digest);
        Files.createDirectories(target.getParent());
        Path temporary = Files.createTempFile(target.getParent(), ".incoming-", ".tmp");
        try {
            MessageDigest sha = Sha256.digest();
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(temporary), sha)) {
                writer.writeTo(out);
            }
            String actual = "sha256:" + HexFormat.of().formatHex(sha.digest());
            if (!actual.equals(digest)) {
                throw UknativeException.toolFailed(source + " sent a blob whose digest is " + actual + ", not " + digest,
                        "the registry's copy is damaged, or something between rewrote it: push the image again");
            }
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** Stores a blob held in memory (a pushed image is kept, so that running it pulls nothing). */
    public void put(Blob blob) throws IOException {
        if (!has(blob.digest())) {
            // Blob.of computed the digest from these very bytes: no second hash.
            Path target = blob(blob.digest());
            Files.createDirectories(target.getParent());
            AtomicFiles.write(target, blob.content());
        }
    }

    /** Records {@code image} under its reference, replacing what that reference named before. */
    public void record(CachedImage image) throws IOException {
        Path file = record(image.reference());
        Files.createDirectories(file.getParent());
        AtomicFiles.write(file, image.text());
    }

    public Optional<CachedImage> find(ImageRef reference) {
        Path file = record(reference.toString());
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        return Optional.of(read(file));
    }

    /** Every cached image, by reference. */
    public List<CachedImage> list() {
        Path images = root.resolve("images");
        if (!Files.isDirectory(images)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(images)) {
            return files.filter(f -> !f.getFileName().toString().startsWith(".")).map(this::read)
                    .sorted(Comparator.comparing(CachedImage::reference)).toList();
        } catch (IOException e) {
            throw unreadable(images, e);
        }
    }

    /**
     * Forgets {@code reference} and deletes the blobs and unpacked kernels no other cached image uses.
     *
     * @return the removed image, empty when the cache had none under that reference
     */
    public Optional<CachedImage> remove(ImageRef reference) {
        Optional<CachedImage> image = find(reference);
        if (image.isEmpty()) {
            return image;
        }
        try {
            Files.delete(record(reference.toString()));
            Set<String> used = new HashSet<>();
            Set<String> usedManifests = new HashSet<>();
            for (CachedImage other : list()) {
                other.blobs().forEach(b -> used.add(b.digest()));
                usedManifests.add(other.digest());
            }
            for (CachedImage.Descriptor blob : image.get().blobs()) {
                if (!used.contains(blob.digest())) {
                    Files.deleteIfExists(blob(blob.digest()));
                }
            }
            if (!usedManifests.contains(image.get().digest())) {
                FileTrees.delete(unpackedFolder(image.get()));
            }
        } catch (IOException e) {
            throw unreadable(root, e);
        }
        return image;
    }

    /**
     * Checks every blob of {@code image} against its digest, then takes the kernel and initrd out of
     * its layers and the default arguments out of its config.
     *
     * @throws UknativeException (invalid input) naming the damaged blob, with the way out
     */
    public UnpackedImage unpack(CachedImage image) {
        for (CachedImage.Descriptor blob : image.blobs()) {
            verify(image, blob);
        }
        try {
            JsonNode cmd = new ObjectMapper().readTree(blob(image.config().digest()).toFile()).path("config").path("Cmd");
            List<String> arguments = new ArrayList<>();
            cmd.forEach(a -> arguments.add(a.asText()));
            Path folder = unpackedFolder(image);
            Optional<Path> kernel = Optional.empty();
            Optional<Path> initrd = Optional.empty();
            for (CachedImage.Descriptor layer : image.layers()) {
                if (!layer.mediaType().contains("tar")) {
                    continue; // not a file-system layer (kraft writes no other kind, others might)
                }
                try (TarArchiveInputStream tar = new TarArchiveInputStream(layerStream(layer))) {
                    for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null;) {
                        String name = "/" + entry.getName().replaceFirst("^\\./", "").replaceFirst("^/", "");
                        if (entry.isFile() && (name.equals(ImagePacker.KERNEL_PATH) || name.equals(ImagePacker.INITRD_PATH))) {
                            // The kernel is named after the repository, as a built image after its project: run -d names machines by it.
                            Path target = folder.resolve(name.equals(ImagePacker.KERNEL_PATH) ? kernelName(image) : "initrd");
                            Files.createDirectories(folder);
                            // The same image unpacks to the same bytes: a run after the first writes nothing.
                            AtomicFiles.writeIfChanged(target, tar.readAllBytes());
                            if (name.equals(ImagePacker.KERNEL_PATH)) {
                                kernel = Optional.of(target);
                            } else {
                                initrd = Optional.of(target);
                            }
                        }
                    }
                }
            }
            if (kernel.isEmpty()) {
                throw UknativeException.invalidInput(Location.of(root), "the image " + image.reference() + " has no "
                        + ImagePacker.KERNEL_PATH, "package the kernel with uknative pkg (or kraft pkg), which put it there");
            }
            return new UnpackedImage(image, kernel.get(), initrd, arguments);
        } catch (IOException e) {
            throw unreadable(blob(image.config().digest()), e);
        }
    }

    private InputStream layerStream(CachedImage.Descriptor layer) throws IOException {
        InputStream in = Files.newInputStream(blob(layer.digest()));
        return layer.mediaType().endsWith("+gzip") || layer.mediaType().endsWith(".tar.gzip") ? new GZIPInputStream(in) : in;
    }

    private void verify(CachedImage image, CachedImage.Descriptor blob) {
        Path file = blob(blob.digest());
        String actual;
        try {
            actual = Files.isRegularFile(file) ? Digests.of(file) : "missing";
        } catch (IOException e) {
            throw unreadable(file, e);
        }
        if (!actual.equals(blob.digest())) {
            throw UknativeException.invalidInput(Location.of(file), "the cached blob " + blob.digest() + " of " + image.reference()
                    + (actual.equals("missing") ? " is missing" : " is damaged: its content hashes to " + actual),
                    "remove the image and pull it again: uknative images rm " + image.reference() + " && uknative pull " + image.reference());
        }
    }

    private static String kernelName(CachedImage image) {
        String repository = ImageRef.tryParse(image.reference()).map(ImageRef::repository).orElse("kernel");
        String last = repository.substring(repository.lastIndexOf('/') + 1);
        return last.equals("initrd") ? "kernel" : last;
    }

    private Path unpackedFolder(CachedImage image) {
        return root.resolve("unpacked").resolve(Digests.hex(image.digest()));
    }

    private Path record(String reference) {
        return root.resolve("images").resolve(Digests.hex(Digests.of(reference.getBytes(StandardCharsets.UTF_8))));
    }

    private CachedImage read(Path file) {
        try {
            return CachedImage.parse(Files.readString(file));
        } catch (IOException | IllegalArgumentException e) {
            throw UknativeException.invalidInput(Location.of(file), "the image cache's record is damaged: " + e.getMessage(),
                    "delete " + file + " and pull the image again");
        }
    }

    private static UknativeException unreadable(Path file, IOException e) {
        return UknativeException.invalidInput(Location.of(file), "cannot read the image cache: " + e.getMessage(),
                "check the cache folder's permissions, or delete it: it holds only what can be pulled again");
    }

}
