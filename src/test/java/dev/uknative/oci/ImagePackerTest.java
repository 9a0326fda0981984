package dev.uknative.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.uknative.core.UknativeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The image {@link ImagePacker} makes: reproducible, kraft's layout, and what urunc's own code reads from it. */
class ImagePackerTest {

    @TempDir
    Path work;

    /** A 64-byte ELF64 x86-64 header followed by some bytes: all the packer reads of a kernel. */
    static Path kernel(Path dir, String name, int machine, byte fill) throws IOException {
        byte[] bytes = new byte[4096];
        java.util.Arrays.fill(bytes, fill);
        byte[] ident = {0x7f, 'E', 'L', 'F', 2, 1, 1, 0};
        System.arraycopy(ident, 0, bytes, 0, ident.length);
        java.util.Arrays.fill(bytes, 8, 16, (byte) 0);
        bytes[16] = 2;
        bytes[17] = 0;
        bytes[18] = (byte) machine;
        bytes[19] = (byte) (machine >> 8);
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        return file;
    }

    private ImageContent content(Path kernel) {
        return new ImageContent(kernel, Optional.empty(), List.of("--greeting", "hi"), "hello", Optional.of("0.17.0"), "qemu", "x86_64");
    }

    @Test
    void packagingTwiceGivesOneDigestWhateverTheFileTimes() throws IOException {
        Path kernel = kernel(work, "hello_qemu-x86_64", 62, (byte) 7);
        PackedImage first = new ImagePacker().pack(content(kernel));
        Files.setLastModifiedTime(kernel, FileTime.fromMillis(1_700_000_000_000L));
        Path copy = Files.createDirectories(work.resolve("elsewhere")).resolve("hello_qemu-x86_64");
        Files.copy(kernel, copy);
        PackedImage second = new ImagePacker().pack(content(copy));

        assertThat(second.digest()).isEqualTo(first.digest()).startsWith("sha256:");
        assertThat(second.manifest().content()).isEqualTo(first.manifest().content());
    }

    @Test
    void anotherKernelGivesAnotherDigest() throws IOException {
        PackedImage a = new ImagePacker().pack(content(kernel(work, "a", 62, (byte) 1)));
        PackedImage b = new ImagePacker().pack(content(kernel(work, "b", 62, (byte) 2)));

        assertThat(a.digest()).isNotEqualTo(b.digest());
    }

    @Test
    void theKernelLayerHoldsTheKernelAtKraftsPathOwnedByRootWithTheFixedTime() throws IOException {
        Path kernel = kernel(work, "k", 62, (byte) 3);
        PackedImage image = new ImagePacker().pack(content(kernel));

        Map<String, byte[]> entries = Layers.entries(image.layers().get(0).content());
        assertThat(entries.keySet()).containsExactly("unikraft/", "unikraft/bin/", "unikraft/bin/kernel");
        assertThat(entries.get("unikraft/bin/kernel")).isEqualTo(Files.readAllBytes(kernel));
        assertThat(image.layers()).hasSize(2).allSatisfy(l -> assertThat(l.mediaType()).isEqualTo(ImagePacker.LAYER_MEDIA_TYPE));
    }

    @Test
    void theConfigNamesThePlatformFromTheElfHeaderAndTheDefaultArguments() throws IOException {
        JsonNode x86 = new ObjectMapper().readTree(new ImagePacker().pack(content(kernel(work, "x", 62, (byte) 0))).config().content());
        JsonNode elf32 = new ObjectMapper().readTree(new ImagePacker().pack(content(kernel(work, "i", 3, (byte) 0))).config().content());
        JsonNode arm = new ObjectMapper().readTree(new ImagePacker().pack(content(kernel(work, "a", 183, (byte) 0))).config().content());

        assertThat(x86.path("os").asText() + "/" + x86.path("architecture").asText()).isEqualTo("linux/amd64");
        assertThat(elf32.path("architecture").asText()).as("Unikraft's multiboot x86_64 images are ELF32 EM_386").isEqualTo("amd64");
        assertThat(arm.path("architecture").asText()).isEqualTo("arm64");
        assertThat(x86.path("config").path("Cmd").toString()).isEqualTo("[\"--greeting\",\"hi\"]");
        assertThat(x86.path("rootfs").path("diff_ids")).hasSize(2);
        assertThat(x86.has("created")).as("no time: the digest must not change").isFalse();
    }

    @Test
    void aFileThatIsNotAnX86OrArmElfKernelIsRefused() throws IOException {
        Path text = Files.writeString(work.resolve("notes.txt"), "not a kernel");
        Path riscv = kernel(work, "riscv", 243, (byte) 0);

        assertThatThrownBy(() -> new ImagePacker().pack(content(text))).isInstanceOf(UknativeException.class)
                .hasMessageContaining("invalid ELF magic");
        assertThatThrownBy(() -> new ImagePacker().pack(content(riscv))).isInstanceOf(UknativeException.class)
                .hasMessageContaining("ELF machine 243");
    }

    @Test
    void uruncJsonDecodesAsUruncsCodeDecodesIt() throws IOException {
        PackedImage image = new ImagePacker().pack(content(kernel(work, "k", 62, (byte) 3)));

        Map<String, byte[]> entries = Layers.entries(image.layers().get(image.layers().size() - 1).content());
        assertThat(entries).containsOnlyKeys("urunc.json");
        Map<String, String> config = UruncDecoding.fromJson(entries.get("urunc.json"));

        assertThat(config.get(UruncConfig.TYPE)).isEqualTo("unikraft");
        assertThat(config.get(UruncConfig.HYPERVISOR)).isEqualTo("qemu");
        assertThat(config.get(UruncConfig.BINARY)).isEqualTo("/unikraft/bin/kernel");
        assertThat(config.get(UruncConfig.VERSION)).isEqualTo("0.17.0");
        assertThat(config.get(UruncConfig.INITRD)).isEmpty();
        assertThat(UruncDecoding.fields(config.get(UruncConfig.CMDLINE))).containsExactly("hello", "--greeting", "hi");
    }

    @Test
    void manifestAnnotationsDecodeAsUruncsCodeDecodesThemAndCarryKraftsKeys() throws IOException {
        PackedImage image = new ImagePacker().pack(content(kernel(work, "k", 62, (byte) 3)));
        JsonNode manifest = new ObjectMapper().readTree(image.manifest().content());
        Map<String, String> annotations = new LinkedHashMap<>();
        manifest.path("annotations").fields().forEachRemaining(e -> annotations.put(e.getKey(), e.getValue().asText()));

        Map<String, String> config = UruncDecoding.fromAnnotations(annotations);
        assertThat(config.get(UruncConfig.TYPE)).isEqualTo("unikraft");
        assertThat(config.get(UruncConfig.BINARY)).isEqualTo("/unikraft/bin/kernel");
        assertThat(config).isEqualTo(UruncDecoding.fromJson(Layers.entries(image.layers().get(1).content()).get("urunc.json")));
        assertThat(annotations).containsEntry("org.unikraft.kernel.image", "/unikraft/bin/kernel")
                .containsEntry("org.unikraft.image.name", "hello").containsEntry("org.unikraft.kernel.version", "0.17.0");
        assertThat(manifest.path("mediaType").asText()).isEqualTo(ImagePacker.MANIFEST_MEDIA_TYPE);
        assertThat(manifest.path("config").path("digest").asText()).isEqualTo(image.config().digest());
    }

    @Test
    void aFirecrackerTargetNamesUruncsFirecrackerAndXenIsRefused() throws IOException {
        Path kernel = kernel(work, "k", 62, (byte) 3);
        PackedImage fc = new ImagePacker().pack(new ImageContent(kernel, Optional.empty(), List.of(), "hello", Optional.empty(), "fc", "x86_64"));

        assertThat(UruncDecoding.fromJson(Layers.entries(fc.layers().get(1).content()).get("urunc.json")).get(UruncConfig.HYPERVISOR))
                .isEqualTo("firecracker");
        assertThatThrownBy(() -> new ImagePacker().pack(new ImageContent(kernel, Optional.empty(), List.of(), "hello", Optional.empty(),
                "xen", "x86_64"))).isInstanceOf(UknativeException.class).hasMessageContaining("urunc runs Unikraft on qemu and firecracker");
    }

    @Test
    void anInitrdGetsItsOwnLayerAndUruncsInitrdKey() throws IOException {
        Path initrd = Files.write(work.resolve("initrd.cpio"), new byte[] {1, 2, 3});
        PackedImage image = new ImagePacker().pack(new ImageContent(kernel(work, "k", 62, (byte) 3), Optional.of(initrd), List.of(),
                "hello", Optional.empty(), "qemu", "x86_64"));

        assertThat(image.layers()).hasSize(3);
        assertThat(Layers.entries(image.layers().get(1).content())).containsKey("unikraft/bin/initrd");
        Map<String, String> config = UruncDecoding.fromJson(Layers.entries(image.layers().get(2).content()).get("urunc.json"));
        assertThat(config.get(UruncConfig.INITRD)).isEqualTo("/unikraft/bin/initrd");
        assertThat(config.get(UruncConfig.VERSION)).as("unknown version: absent, which urunc reads as empty").isEmpty();
        assertThat(config.get(UruncConfig.CMDLINE)).isEqualTo("hello");
    }

    @Test
    void theImageLayoutNamesTheManifestAndHoldsEveryBlob() throws IOException {
        PackedImage image = new ImagePacker().pack(content(kernel(work, "k", 62, (byte) 3)));
        Path layout = work.resolve("layout");
        new OciLayoutWriter().write(layout, image, "1.0");

        JsonNode index = new ObjectMapper().readTree(layout.resolve("index.json").toFile());
        assertThat(index.path("manifests").get(0).path("digest").asText()).isEqualTo(image.digest());
        assertThat(index.path("manifests").get(0).path("annotations").path("org.opencontainers.image.ref.name").asText()).isEqualTo("1.0");
        for (Blob blob : List.of(image.manifest(), image.config(), image.layers().get(0), image.layers().get(1))) {
            Path file = layout.resolve("blobs/sha256").resolve(Digests.hex(blob.digest()));
            assertThat(Digests.of(file)).isEqualTo(blob.digest());
        }
    }
}
