package dev.uknative.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.uknative.core.ExitCode;
import dev.uknative.core.UknativeException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A zip entry whose data is not what its compression method says (random bytes under each method
 * Commons Compress knows, zstd and xz among them, whose decoders are not even on the class path) is
 * refused as a corrupt archive naming the archive and the entry: whatever the decoder throws
 * (IOException, an ArrayIndexOutOfBoundsException from unshrinking, a NoClassDefFoundError for zstd)
 * never leaves the extractor as itself.
 */
class ArchiveExtractorCorruptZipTest {

    /** Stored, shrunk, imploded, deflated, deflate64, bzip2, lzma, zstd, xz, ppmd. */
    private static final int[] METHODS = {0, 1, 6, 8, 9, 12, 14, 93, 95, 98};

    /** Known to Commons Compress but not decoded with what uknative ships (lzma, zstd, xz, ppmd). */
    private static final java.util.Set<Integer> UNDECODED = java.util.Set.of(14, 93, 95, 98);

    @TempDir
    Path temp;

    static Stream<Arguments> entries() {
        return IntStream.of(METHODS).boxed().flatMap(method -> IntStream.range(0, 12).mapToObj(seed -> Arguments.of(method, seed)));
    }

    @ParameterizedTest(name = "method {0}, data {1}")
    @MethodSource("entries")
    void anEntryWhoseDataItsMethodCannotDecodeIsACorruptArchive(int method, int seed) throws IOException {
        Random random = new Random(seed * 31L + method);
        byte[] data = new byte[seed == 0 ? 3 : 64 + random.nextInt(4000)];
        random.nextBytes(data);
        Path archive = temp.resolve("src.zip");
        Files.write(archive, zipWithMethod(data, method));

        Throwable thrown = catchThrowable(() -> ArchiveExtractor.extract(archive, "src.zip", Files.createDirectories(temp.resolve("t"))));

        if (method == 0) {
            assertThat(thrown).isNull();
            assertThat(temp.resolve("t/a.bin")).hasBinaryContent(data);
            return;
        }
        if (UNDECODED.contains(method)) {
            assertThat(thrown).isInstanceOf(UknativeException.class)
                    .hasMessageStartingWith("cannot unpack src.zip: its entry top/a.bin is compressed with zip method " + method + " (")
                    .hasMessageEndingWith("), which uknative cannot read");
            return;
        }
        if (thrown == null) {
            return; // random data that happens to decode (short shrunk or imploded data can)
        }
        assertThat(thrown).isInstanceOf(UknativeException.class);
        UknativeException e = (UknativeException) thrown;
        assertThat(e.exitCode()).isEqualTo(ExitCode.ENVIRONMENT);
        // The entry is named when the decoder fails reading it; bzip2's fails on its header while the reader
        // is still moving to the entry.
        assertThat(e.getMessage()).matches("cannot unpack src\\.zip: it is (corrupt|truncated)" + (method == 12 ? ".*" : " \\(in top/a\\.bin\\).*"))
                .doesNotContain("Exception", "Error", "java.", "null");
    }

    /** One stored entry top/a.bin, its local header's method then overwritten (the reader streams and reads only that). */
    private static byte[] zipWithMethod(byte[] data, int method) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(bytes)) {
            ZipArchiveEntry entry = new ZipArchiveEntry("top/a.bin");
            entry.setMethod(ZipArchiveEntry.STORED);
            entry.setSize(data.length);
            CRC32 crc = new CRC32();
            crc.update(data);
            entry.setCrc(crc.getValue());
            zip.putArchiveEntry(entry);
            zip.write(data);
            zip.closeArchiveEntry();
        }
        byte[] zip = bytes.toByteArray();
        assertThat(new String(zip, 0, 2, StandardCharsets.ISO_8859_1)).isEqualTo("PK");
        zip[8] = (byte) method;
        zip[9] = (byte) (method >> 8);
        return zip;
    }
}
