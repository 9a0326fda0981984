package dev.uknative.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.uknative.testing.CliRun;
import dev.uknative.testing.LocalRegistry;
import dev.uknative.testing.TestKernel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pull}, {@code images}, {@code images rm} and {@code run REF} on the command line, against
 * Debian's docker-registry on loopback, booting the project's multiboot test kernel in QEMU. The image
 * is made by {@code pkg --output oci:DIR} of nothing here (that needs a Unikraft build): skopeo copies
 * an OCI layout written by {@link dev.uknative.oci.OciLayoutWriter} to the registry, so the push path
 * of another tool is exercised too.
 */
@Tag("tool")
class ImageCommandsTest {

    @TempDir
    static Path work;

    static LocalRegistry registry;
    static String reference;
    static String previousCache;

    @BeforeAll
    static void pushTestKernel() throws Exception {
        // A cache of this class's own: blobs shared with images other tests cached would outlive images rm.
        previousCache = System.setProperty("uknative.cache.dir", work.resolve("cache").toString());
        registry = LocalRegistry.start(work, Optional.empty(), "");
        Path kernel = TestKernel.build(Files.createDirectories(work.resolve("kernel")));
        Path layout = work.resolve("layout");
        dev.uknative.oci.PackedImage image = new dev.uknative.oci.ImagePacker().pack(new dev.uknative.oci.ImageContent(kernel,
                Optional.empty(), java.util.List.of("exit=41"), "testkernel", Optional.empty(), "qemu", "x86_64"));
        new dev.uknative.oci.OciLayoutWriter().write(layout, image, "1.0");
        reference = registry.host() + "/cli-" + ProcessHandle.current().pid() + ":1.0";
        LocalRegistry.skopeo("copy", "--dest-tls-verify=false", "oci:" + layout + ":1.0", "docker://" + reference);
    }

    @AfterAll
    static void stop() {
        registry.close();
        System.setProperty("uknative.cache.dir", previousCache);
    }

    @Test
    void runRefPullsBootsWithTheImagesArgumentsAndExitsZero() {
        CliRun.of("images", "rm", reference);
        CliRun run = CliRun.of("run", reference, "--timeout", "60s");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("testkernel: booted").contains(" exit=41");

        CliRun images = CliRun.of("images");
        assertThat(images.out()).contains(reference);
    }

    @Test
    void aCorruptedBlobInTheCacheIsFoundOnTheNextRunAndPullMendsIt() throws Exception {
        assertThat(CliRun.of("pull", reference).exitCode()).isZero();
        Path blobs = Path.of(System.getProperty("uknative.cache.dir"), "images", "blobs", "sha256");
        Path largest;
        try (Stream<Path> files = Files.list(blobs)) {
            largest = files.max((a, b) -> Long.compare(a.toFile().length(), b.toFile().length())).orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(largest);
        bytes[bytes.length / 2] ^= 0x20;
        Files.write(largest, bytes);

        CliRun damaged = CliRun.of("run", reference, "--timeout", "60s");
        assertThat(damaged.exitCode()).as(damaged.toString()).isEqualTo(3);
        assertThat(damaged.err()).contains("is damaged").contains("uknative images rm " + reference);

        assertThat(CliRun.of("images", "rm", reference).exitCode()).isZero();
        assertThat(largest).doesNotExist();
        CliRun again = CliRun.of("run", reference, "--timeout", "60s");
        assertThat(again.exitCode()).as(again.toString()).isZero();
    }

    @Test
    void pullPrintsTheDigestAndAnInvalidReferenceIsAUsageError() {
        CliRun pull = CliRun.of("pull", reference);
        assertThat(pull.exitCode()).as(pull.toString()).isZero();
        assertThat(pull.out().strip()).startsWith("sha256:").hasSize(71);

        CliRun bad = CliRun.of("pull", "Not A/Reference!");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("is not a valid image reference");
    }

    @Test
    void removingAnImageThatIsNotCachedSaysSo() {
        CliRun rm = CliRun.of("images", "rm", registry.host() + "/not-cached:9");

        assertThat(rm.exitCode()).isEqualTo(3);
        assertThat(rm.err()).contains("no image").contains("uknative images");
    }
}
