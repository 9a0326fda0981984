package dev.uknative.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the check before boot reads from files: the image's end, its configuration, the host CPU's flags. */
class ImageFactsTest {

    @TempDir
    Path dir;

    /** An ELF64 x86-64 header and its program headers, each {type, physical address, size in memory}. */
    private static byte[] elf(long[][] segments) {
        int phoff = 64;
        ByteBuffer b = ByteBuffer.allocate(phoff + 56 * segments.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1});
        b.putShort(0x10, (short) 2).putShort(0x12, (short) 62).putLong(0x20, phoff).putShort(0x36, (short) 56)
                .putShort(0x38, (short) segments.length);
        for (int i = 0; i < segments.length; i++) {
            int at = phoff + 56 * i;
            b.putInt(at, (int) segments[i][0]).putLong(at + 0x18, segments[i][1]).putLong(at + 0x28, segments[i][2]);
        }
        return b.array();
    }

    /** The segments of the showrun test app's hello-world image (readelf -lW), plus a NOTE that does not count. */
    @Test
    void theImageEndsWhereItsHighestLoadSegmentEndsBssIncluded() throws IOException {
        Path kernel = dir.resolve("hello_qemu-x86_64");
        Files.write(kernel, elf(new long[][] {{1, 0x100000, 0x4a9e7}, {1, 0x14b000, 0x12120}, {1, 0x15e000, 0x40000},
                {1, 0x15e000, 0}, {4, 0x900000, 0x1000}}));
        assertThat(ImageFacts.imageEnd(kernel)).hasValue(0x19e000);
    }

    @Test
    void anythingButAnElf64ImageHasNoKnownEnd() throws IOException {
        Path text = Files.writeString(dir.resolve("text"), "not an image at all, but long enough to hold an ELF header......");
        assertThat(ImageFacts.imageEnd(text)).isEmpty();
        byte[] truncated = elf(new long[][] {{1, 0x100000, 0x1000}, {1, 0x200000, 0x1000}});
        Path cut = dir.resolve("cut");
        Files.write(cut, Arrays.copyOf(truncated, truncated.length - 10));
        assertThat(ImageFacts.imageEnd(cut)).isEmpty();
        byte[] huge = elf(new long[][] {{1, 0x100000, 0x1000}});
        ByteBuffer.wrap(huge).order(ByteOrder.LITTLE_ENDIAN).putShort(0x38, (short) 60000);
        Path many = dir.resolve("many");
        Files.write(many, huge);
        assertThat(ImageFacts.imageEnd(many)).isEmpty();
        assertThat(ImageFacts.imageEnd(dir.resolve("missing"))).isEmpty();
    }

    @Test
    void aProjectsImageHasTheProjectsConfigurationFileForItsName() throws IOException {
        Path build = Files.createDirectories(dir.resolve("hello/.unikraft/build"));
        Path config = Files.writeString(dir.resolve("hello/.config.hello_qemu-x86_64"), "CONFIG_PLAT_KVM=y\n");
        Files.writeString(build.resolve("config"), "CONFIG_PLAT_KVM=y\n");
        Path kernel = Files.writeString(build.resolve("hello_qemu-x86_64"), "image");
        assertThat(ImageFacts.configurationOf(kernel)).hasValue(config);
    }

    @Test
    void aConfigurationBesideTheImageComesFirstAndMakesCopyLast() throws IOException {
        Path kernel = Files.writeString(dir.resolve("kernel"), "image");
        Path copy = Files.writeString(dir.resolve("config"), "x");
        old(copy);
        assertThat(ImageFacts.configurationOf(kernel)).hasValue(copy);
        Path beside = Files.writeString(dir.resolve("kernel.config"), "x");
        old(beside);
        assertThat(ImageFacts.configurationOf(kernel)).hasValue(beside);
    }

    @Test
    void aConfigurationNewerThanTheImageDoesNotDescribeIt() throws IOException {
        Path kernel = Files.writeString(dir.resolve("kernel"), "image");
        old(kernel);
        Files.writeString(dir.resolve("kernel.config"), "x");
        assertThat(ImageFacts.configurationOf(kernel)).isEmpty();
    }

    @Test
    void aKernelAloneHasNoConfiguration() throws IOException {
        assertThat(ImageFacts.configurationOf(Files.writeString(dir.resolve("kernel"), "image"))).isEmpty();
    }

    @Test
    void cpuFlagsComeFromTheFirstFlagsLine() throws IOException {
        Path cpuinfo = Files.writeString(dir.resolve("cpuinfo"), """
                processor	: 0
                vendor_id	: GenuineIntel
                flags		: fpu vme rdrand rdseed hypervisor
                processor	: 1
                flags		: fpu
                """);
        assertThat(ImageFacts.cpuFlags(cpuinfo)).containsExactlyInAnyOrder("fpu", "vme", "rdrand", "rdseed", "hypervisor");
        assertThat(ImageFacts.cpuFlags(dir.resolve("missing"))).isEmpty();
    }

    private static void old(Path file) throws IOException {
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));
    }
}
