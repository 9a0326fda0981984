package dev.uknative.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.uknative.core.UknativeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The image cache on its own: records, unpacking (kernel, initrd, arguments), removal of unshared blobs, refused digests. */
class ImageCacheTest {

    @TempDir
    Path work;

    private CachedImage keep(ImageCache cache, PackedImage image, String reference) throws IOException {
        for (Blob blob : image.layers()) {
            cache.put(blob);
        }
        cache.put(image.config());
        CachedImage cached = new CachedImage(reference, image.digest(),
                new CachedImage.Descriptor(image.config().mediaType(), image.config().digest(), image.config().size()),
                image.layers().stream().map(b -> new CachedImage.Descriptor(b.mediaType(), b.digest(), b.size())).toList());
        cache.record(cached);
        return cached;
    }

    @Test
    void anImageWithAnInitrdUnpacksBothUnderTheRepositorysName() throws IOException {
        Path kernel = ImagePackerTest.kernel(work, "k", 62, (byte) 5);
        Path initrd = Files.write(work.resolve("rootfs.cpio"), new byte[] {9, 8, 7});
        PackedImage image = new ImagePacker().pack(new ImageContent(kernel, Optional.of(initrd), List.of("a", "b c"), "hello",
                Optional.empty(), "qemu", "x86_64"));
        ImageCache cache = new ImageCache(work.resolve("cache"));
        keep(cache, image, "localhost:5000/team/hello:1");

        UnpackedImage unpacked = cache.unpack(cache.find(ImageRef.parse("localhost:5000/team/hello:1")).orElseThrow());

        assertThat(unpacked.kernel().getFileName()).hasToString("hello");
        assertThat(unpacked.kernel()).hasSameBinaryContentAs(kernel);
        assertThat(unpacked.initrd()).get().satisfies(p -> assertThat(p).hasSameBinaryContentAs(initrd));
        assertThat(unpacked.arguments()).containsExactly("a", "b c");
    }

    @Test
    void removingAnImageKeepsTheBlobsAnotherImageShares() throws IOException {
        PackedImage image = new ImagePacker().pack(new ImageContent(ImagePackerTest.kernel(work, "k", 62, (byte) 5), Optional.empty(),
                List.of(), "hello", Optional.empty(), "qemu", "x86_64"));
        ImageCache cache = new ImageCache(work.resolve("cache"));
        CachedImage one = keep(cache, image, "localhost:5000/one:1");
        keep(cache, image, "localhost:5000/two:1");

        cache.remove(ImageRef.parse("localhost:5000/one:1"));
        assertThat(cache.list()).extracting(CachedImage::reference).containsExactly("localhost:5000/two:1");
        assertThat(cache.has(one.layers().get(0).digest())).as("still used by two").isTrue();

        cache.remove(ImageRef.parse("localhost:5000/two:1"));
        assertThat(cache.list()).isEmpty();
        assertThat(cache.has(one.layers().get(0).digest())).isFalse();
        assertThat(cache.remove(ImageRef.parse("localhost:5000/two:1"))).isEmpty();
    }

    @Test
    void aBlobWhoseBytesAreNotItsDigestIsNotKept() {
        ImageCache cache = new ImageCache(work.resolve("cache"));
        String claimed = Digests.of(new byte[] {1});

        assertThatThrownBy(() -> cache.put(claimed, out -> out.write(new byte[] {2}), "127.0.0.1:5000"))
                .isInstanceOf(UknativeException.class).hasMessageContaining("127.0.0.1:5000 sent a blob whose digest is");
        assertThat(cache.has(claimed)).isFalse();
        assertThat(work.resolve("cache/blobs/sha256")).isEmptyDirectory();
    }
}
