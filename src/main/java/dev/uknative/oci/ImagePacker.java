package dev.uknative.oci;

import com.google.cloud.tools.jib.api.DescriptorDigest;
import com.google.cloud.tools.jib.image.json.ContainerConfigurationTemplate;
import com.google.cloud.tools.jib.json.JsonTemplateMapper;
import dev.uknative.core.Location;
import dev.uknative.core.UknativeException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Packs a kernel (and its initrd) into an OCI image the way kraft lays one out — the kernel at
 * {@value #KERNEL_PATH}, the initrd at {@value #INITRD_PATH}, one layer each, the default arguments as
 * the config's {@code Cmd} — plus urunc's {@code /urunc.json} in a layer of its own and urunc's and
 * kraft's annotations on the manifest.
 *
 * <p>Reproducible: every tar entry has the same owner (0:0), mode and time (1970-01-01T00:00:01Z, as
 * Jib does: some tools take 0 for "unset"), entries are in a fixed order, gzip's header carries no
 * time, and the config has no creation time, so the same kernel gives the same digest.
 */
public final class ImagePacker {

    public static final String KERNEL_PATH = "/unikraft/bin/kernel";
    public static final String INITRD_PATH = "/unikraft/bin/initrd";
    public static final String URUNC_JSON_PATH = "/urunc.json";

    public static final String LAYER_MEDIA_TYPE = "application/vnd.oci.image.layer.v1.tar+gzip";
    public static final String CONFIG_MEDIA_TYPE = "application/vnd.oci.image.config.v1+json";
    public static final String MANIFEST_MEDIA_TYPE = "application/vnd.oci.image.manifest.v1+json";

    /** kraft's annotations (kraftkit oci/annotations.go). */
    static final String KRAFT_NAME = "org.unikraft.image.name";
    static final String KRAFT_KERNEL = "org.unikraft.kernel.image";
    static final String KRAFT_INITRD = "org.unikraft.kernel.initrd";
    static final String KRAFT_VERSION = "org.unikraft.kernel.version";
    static final String KRAFT_PLAT = "org.unikraft.kernel.plat";
    static final String KRAFT_ARCH = "org.unikraft.kernel.arch";

    private static final long MTIME_MILLIS = 1000;

    public PackedImage pack(ImageContent content) {
        KernelPlatform platform = KernelPlatform.of(content.kernel());
        List<String> cmdline = new ArrayList<>();
        cmdline.add(content.name());
        cmdline.addAll(content.arguments());
        UruncConfig urunc = UruncConfig.unikraft(hypervisor(content.kraftPlatform()), KERNEL_PATH, String.join(" ", cmdline), content.unikraftVersion(),
                content.initrd().map(i -> INITRD_PATH));

        List<Blob> layers = new ArrayList<>();
        List<String> diffIds = new ArrayList<>();
        addLayer(layers, diffIds, tar(KERNEL_PATH, read(content.kernel()), 0755));
        if (content.initrd().isPresent()) {
            addLayer(layers, diffIds, tar(INITRD_PATH, read(content.initrd().get()), 0644));
        }
        addLayer(layers, diffIds, tar(URUNC_JSON_PATH, urunc.json(), 0644));

        ContainerConfigurationTemplate config = new ContainerConfigurationTemplate();
        config.setOs(platform.os());
        config.setArchitecture(platform.architecture());
        if (!content.arguments().isEmpty()) {
            config.setContainerCmd(content.arguments());
        }
        for (String diffId : diffIds) {
            config.addLayerDiffId(digest(diffId));
        }
        Blob configBlob = Blob.of(CONFIG_MEDIA_TYPE, json(config));

        Map<String, String> annotations = new LinkedHashMap<>(urunc.encoded());
        annotations.put(KRAFT_NAME, content.name());
        annotations.put(KRAFT_KERNEL, KERNEL_PATH);
        content.initrd().ifPresent(i -> annotations.put(KRAFT_INITRD, INITRD_PATH));
        content.unikraftVersion().ifPresent(v -> annotations.put(KRAFT_VERSION, v));
        annotations.put(KRAFT_PLAT, content.kraftPlatform());
        annotations.put(KRAFT_ARCH, content.kraftArch());
        UnikernelManifest manifest = manifest(configBlob, layers, annotations);
        return new PackedImage(Blob.of(MANIFEST_MEDIA_TYPE, json(manifest)), configBlob, layers, platform, annotations);
    }

    /** urunc's monitor for a Unikraft platform (urunc's hypervisors/: qemu, firecracker, spt, hvt). */
    static String hypervisor(String kraftPlatform) {
        return switch (kraftPlatform) {
            case "qemu" -> "qemu";
            case "fc" -> "firecracker";
            default -> throw UknativeException.usage("the platform " + kraftPlatform + " has no OCI packaging: urunc runs Unikraft"
                    + " on qemu and firecracker", "package a qemu or fc target (--plat qemu)");
        };
    }

    static UnikernelManifest manifest(Blob config, List<Blob> layers, Map<String, String> annotations) {
        UnikernelManifest manifest = new UnikernelManifest(annotations);
        manifest.setContainerConfiguration(config.size(), digest(config.digest()));
        for (Blob layer : layers) {
            manifest.addLayer(layer.size(), digest(layer.digest()));
        }
        return manifest;
    }

    static byte[] json(com.google.cloud.tools.jib.json.JsonTemplate template) {
        try {
            return JsonTemplateMapper.toByteArray(template);
        } catch (IOException e) {
            throw new IllegalStateException("Jib's templates serialize without I/O", e);
        }
    }

    static DescriptorDigest digest(String digest) {
        try {
            return DescriptorDigest.fromDigest(digest);
        } catch (DigestException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static void addLayer(List<Blob> layers, List<String> diffIds, byte[] tar) {
        diffIds.add(Digests.of(tar));
        layers.add(Blob.of(LAYER_MEDIA_TYPE, gzip(tar)));
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw UknativeException.invalidInput(Location.of(file), "cannot read the file to package: " + e.getMessage(),
                    "check that the build finished and the file is readable");
        }
    }

    /** A tar holding {@code path}'s parent folders and the file, all owned by root, with the fixed time. */
    static byte[] tar(String path, byte[] content, int mode) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            String relative = path.substring(1);
            int slash = -1;
            while ((slash = relative.indexOf('/', slash + 1)) > 0) {
                TarArchiveEntry dir = entry(relative.substring(0, slash + 1), 0755);
                tar.putArchiveEntry(dir);
                tar.closeArchiveEntry();
            }
            TarArchiveEntry file = entry(relative, mode);
            file.setSize(content.length);
            tar.putArchiveEntry(file);
            tar.write(content);
            tar.closeArchiveEntry();
            tar.finish();
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory does not fail", e);
        }
        return bytes.toByteArray();
    }

    private static TarArchiveEntry entry(String name, int mode) {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setMode((name.endsWith("/") ? TarArchiveEntry.DEFAULT_DIR_MODE & ~0777 : TarArchiveEntry.DEFAULT_FILE_MODE & ~0777) | mode);
        entry.setUserId(0);
        entry.setGroupId(0);
        entry.setUserName("");
        entry.setGroupName("");
        entry.setModTime(MTIME_MILLIS);
        return entry;
    }

    private static byte[] gzip(byte[] content) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        // GZIPOutputStream writes MTIME 0 and no file name: the header is the same every time.
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write(content);
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory does not fail", e);
        }
        return bytes.toByteArray();
    }
}
