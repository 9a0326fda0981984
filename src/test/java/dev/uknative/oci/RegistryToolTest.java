package dev.uknative.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.uknative.core.ExitCode;
import dev.uknative.core.Reporter;
import dev.uknative.core.UknativeException;
import dev.uknative.testing.LocalRegistry;
import dev.uknative.testing.TestKernel;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Push and pull against Debian's docker-registry on loopback, with skopeo as the independent reader:
 * the image it reads holds the kernel where urunc's annotation says and a urunc.json urunc decodes.
 */
@Tag("tool")
class RegistryToolTest {

    @TempDir
    static Path work;

    static LocalRegistry registry;
    static Path kernel;
    static PackedImage image;

    @BeforeAll
    static void start() throws Exception {
        registry = LocalRegistry.start(work, Optional.empty(), "");
        kernel = TestKernel.build(Files.createDirectories(work.resolve("kernel")));
        image = new ImagePacker().pack(new ImageContent(kernel, Optional.empty(), List.of("exit=41"), "testkernel",
                Optional.of("0.17.0"), "qemu", "x86_64"));
    }

    @AfterAll
    static void stop() throws Exception {
        registry.close();
    }

    private static Registry client() {
        return new Registry(work.resolve("no-docker-config/config.json"), Reporter.SILENT);
    }

    @Test
    void skopeoReadsThePushedImageWithTheKernelWhereUruncLooks() throws Exception {
        ImageRef ref = ImageRef.parse(registry.host() + "/hello:1.0");
        Registry.PushResult pushed = client().push(image, ref);
        assertThat(pushed.digest()).isEqualTo(image.digest());

        JsonNode inspect = new ObjectMapper().readTree(LocalRegistry.skopeo("inspect", "--tls-verify=false", "docker://" + ref));
        assertThat(inspect.path("Digest").asText()).isEqualTo(image.digest());
        assertThat(inspect.path("Os").asText() + "/" + inspect.path("Architecture").asText()).isEqualTo("linux/amd64");
        JsonNode raw = new ObjectMapper().readTree(LocalRegistry.skopeo("inspect", "--raw", "--tls-verify=false", "docker://" + ref));
        String binary = new String(Base64.getDecoder().decode(raw.path("annotations").path(UruncConfig.BINARY).asText()), StandardCharsets.UTF_8);
        assertThat(binary).isEqualTo("/unikraft/bin/kernel");

        Path layout = work.resolve("skopeo-layout");
        LocalRegistry.skopeo("copy", "--src-tls-verify=false", "docker://" + ref, "oci:" + layout + ":copied");
        JsonNode index = new ObjectMapper().readTree(layout.resolve("index.json").toFile());
        String manifestDigest = index.path("manifests").get(0).path("digest").asText();
        assertThat(manifestDigest).as("skopeo keeps the manifest byte for byte").isEqualTo(image.digest());
        JsonNode manifest = new ObjectMapper().readTree(blob(layout, manifestDigest));
        byte[] kernelLayer = blob(layout, manifest.path("layers").get(0).path("digest").asText());
        byte[] uruncLayer = blob(layout, manifest.path("layers").get(1).path("digest").asText());
        Map<String, byte[]> files = Layers.entries(new GZIPInputStream(new ByteArrayInputStream(kernelLayer)));
        assertThat(files.get(binary.substring(1))).as("the kernel at the path urunc's annotation names").isEqualTo(Files.readAllBytes(kernel));
        Map<String, String> urunc = UruncDecoding.fromJson(Layers.entries(kernelLayerStream(uruncLayer)).get("urunc.json"));
        assertThat(urunc.get(UruncConfig.TYPE)).isEqualTo("unikraft");
        assertThat(UruncDecoding.fields(urunc.get(UruncConfig.CMDLINE))).containsExactly("testkernel", "exit=41");
    }

    @Test
    void theOciArchiveIsReproducibleAndSkopeoReadsIt() throws Exception {
        Path first = work.resolve("archive/hello.tar");
        Path second = work.resolve("archive/again.tar");
        new OciLayoutWriter().writeArchive(first, image, "1.0");
        new OciLayoutWriter().writeArchive(second, image, "1.0");
        assertThat(Digests.of(second)).isEqualTo(Digests.of(first));

        JsonNode inspect = new ObjectMapper().readTree(LocalRegistry.skopeo("inspect", "oci-archive:" + first + ":1.0"));
        assertThat(inspect.path("Digest").asText()).isEqualTo(image.digest());
        assertThat(inspect.path("Architecture").asText()).isEqualTo("amd64");
    }

    @Test
    void aSecondPushUploadsNoBlobTheRegistryHas() {
        ImageRef ref = ImageRef.parse(registry.host() + "/again:latest");
        Registry.PushResult first = client().push(image, ref);
        Registry.PushResult second = client().push(image, ref);

        assertThat(first.uploaded() + first.skipped()).isEqualTo(3);
        assertThat(second.uploaded()).isZero();
        assertThat(second.skipped()).isEqualTo(3);
    }

    @Test
    void pullFetchesOnlyMissingBlobsVerifiesThemAndACorruptedOneIsFoundBeforeUse() throws Exception {
        ImageRef ref = ImageRef.parse(registry.host() + "/pulled:2");
        client().push(image, ref);
        ImageCache cache = new ImageCache(work.resolve("cache-pull"));

        CachedImage pulled = client().pull(ref, cache);
        assertThat(pulled.digest()).isEqualTo(image.digest());
        UnpackedImage unpacked = cache.unpack(pulled);
        assertThat(unpacked.kernel()).hasSameBinaryContentAs(kernel);
        assertThat(unpacked.arguments()).containsExactly("exit=41");

        Path layer = cache.blob(pulled.layers().get(0).digest());
        byte[] bytes = Files.readAllBytes(layer);
        bytes[bytes.length / 2] ^= 1;
        Files.write(layer, bytes);
        assertThatThrownBy(() -> cache.unpack(pulled)).isInstanceOf(UknativeException.class)
                .hasMessageContaining("is damaged").hasMessageContaining(pulled.layers().get(0).digest());

        Files.delete(layer);
        long before = Files.getLastModifiedTime(cache.blob(pulled.config().digest())).toMillis();
        client().pull(ref, cache);
        assertThat(cache.unpack(pulled).kernel()).as("only the missing layer fetched again").hasSameBinaryContentAs(kernel);
        assertThat(Files.getLastModifiedTime(cache.blob(pulled.config().digest())).toMillis()).isEqualTo(before);
    }

    @Test
    void aPushKilledHalfWayIsRetriedAndTheImageIsWhole() throws Exception {
        // 64 MiB of random bytes: gzip cannot shrink them, so the upload lasts long enough to be cut.
        byte[] big = new byte[64 << 20];
        new java.util.Random(13).nextBytes(big);
        System.arraycopy(Files.readAllBytes(kernel), 0, big, 0, 64);
        Path bigKernel = Files.write(work.resolve("big-kernel"), big);
        ImageRef ref = ImageRef.parse(registry.host() + "/big:1");
        Path uploads = work.resolve("registry-storage-" + registry.port() + "/docker/registry/v2/repositories/big/_uploads");

        Process push = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), PushProcess.class.getName(), bigKernel.toString(), ref.toString())
                .redirectErrorStream(true).start();
        long deadline = System.nanoTime() + 120_000_000_000L;
        boolean halfWay = false;
        while (!halfWay && push.isAlive() && System.nanoTime() < deadline) {
            halfWay = uploadedBytes(uploads) > 0;
            Thread.sleep(2);
        }
        push.destroyForcibly();
        push.waitFor();
        assertThat(halfWay).as("the push was killed while it uploaded the kernel's layer").isTrue();
        assertThatThrownBy(() -> LocalRegistry.skopeo("inspect", "--tls-verify=false", "docker://" + ref))
                .as("no manifest after the killed push").hasMessageContaining("failed");

        PackedImage bigImage = new ImagePacker().pack(new ImageContent(bigKernel, Optional.empty(), List.of(), "big",
                Optional.empty(), "qemu", "x86_64"));
        Registry.PushResult retried = client().push(bigImage, ref);
        assertThat(retried.digest()).isEqualTo(bigImage.digest());
        assertThat(retried.uploaded()).isPositive();
        JsonNode raw = new ObjectMapper().readTree(LocalRegistry.skopeo("inspect", "--raw", "--tls-verify=false", "docker://" + ref));
        assertThat(raw.path("layers").get(0).path("size").asLong()).isEqualTo(bigImage.layers().get(0).size());
        Path copy = work.resolve("big-copy");
        LocalRegistry.skopeo("copy", "--src-tls-verify=false", "docker://" + ref, "oci:" + copy + ":1");
        assertThat(Digests.of(copy.resolve("blobs/sha256").resolve(Digests.hex(bigImage.layers().get(0).digest()))))
                .isEqualTo(bigImage.layers().get(0).digest());
    }

    private static long uploadedBytes(Path uploads) throws IOException {
        if (!Files.isDirectory(uploads)) {
            return 0;
        }
        try (java.util.stream.Stream<Path> files = Files.walk(uploads)) {
            return files.filter(f -> f.getFileName().toString().equals("data")).mapToLong(f -> f.toFile().length()).sum();
        } catch (java.io.UncheckedIOException | IOException gone) {
            return 0; // an upload finished and its folder went away while we looked
        }
    }

    @Test
    void aRegistryThatIsDownIsNamedWithAHint() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        ImageRef ref = ImageRef.parse("127.0.0.1:" + port + "/nobody:1");

        assertThatThrownBy(() -> client().push(image, ref)).isInstanceOfSatisfying(UknativeException.class, e -> {
            assertThat(e.exitCode()).isEqualTo(ExitCode.ENVIRONMENT);
            assertThat(e.getMessage()).contains("cannot reach the registry 127.0.0.1:" + port);
            assertThat(e.hint()).get().asString().contains("running");
        });
    }

    @Test
    void aMissingImageIsNamed() {
        ImageRef ref = ImageRef.parse(registry.host() + "/never-pushed:1");

        assertThatThrownBy(() -> client().pull(ref, new ImageCache(work.resolve("cache-missing"))))
                .isInstanceOf(UknativeException.class).hasMessageContaining("never-pushed");
    }

    @Test
    void withHtpasswdTheRightCredentialsPushAndWrongOnesAreRefusedClearly() throws Exception {
        try (LocalRegistry secured = LocalRegistry.start(work, Optional.of("alice"), "s3cret")) {
            ImageRef ref = ImageRef.parse(secured.host() + "/private:1");
            Path good = dockerConfig("good", secured.host(), "alice", "s3cret");
            Path bad = dockerConfig("bad", secured.host(), "alice", "wrong");

            assertThat(new Registry(good, Reporter.SILENT).push(image, ref).digest()).isEqualTo(image.digest());
            assertThat(new Registry(good, Reporter.SILENT).pull(ref, new ImageCache(work.resolve("cache-auth"))).digest())
                    .isEqualTo(image.digest());
            for (Path config : List.of(bad, work.resolve("none/config.json"))) {
                assertThatThrownBy(() -> new Registry(config, Reporter.SILENT).push(image, ref))
                        .isInstanceOfSatisfying(UknativeException.class, e -> {
                            assertThat(e.exitCode()).isEqualTo(ExitCode.ENVIRONMENT);
                            assertThat(e.getMessage()).contains("refused the credentials");
                            assertThat(e.hint()).get().asString().contains("docker login " + secured.host());
                        });
            }
        }
    }

    private static Path dockerConfig(String name, String host, String user, String password) throws IOException {
        Path folder = Files.createDirectories(work.resolve("docker-" + name));
        String auth = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return Files.writeString(folder.resolve("config.json"), "{\"auths\":{\"" + host + "\":{\"auth\":\"" + auth + "\"}}}");
    }

    private static java.io.InputStream kernelLayerStream(byte[] gz) throws IOException {
        return new GZIPInputStream(new ByteArrayInputStream(gz));
    }

    private static byte[] blob(Path layout, String digest) throws IOException {
        return Files.readAllBytes(layout.resolve("blobs/sha256").resolve(digest.substring("sha256:".length())));
    }
}
