package dev.uknative.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.uknative.core.ExitCode;
import dev.uknative.core.UknativeException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile tarballs made here with Commons Compress: link chains that only leave the tree when
 * resolved through links on disk, hard links written through a symbolic link listed later, links
 * created in an order that makes an earlier one escape, duplicates, devices and FIFOs. Each must be
 * refused naming its entry, and nothing may appear in the folder beside the target.
 */
class ArchiveExtractorHostileTest {

    @TempDir
    Path temp;

    private Path outside;
    private Path target;

    @BeforeEach
    void folders() throws IOException {
        outside = Files.createDirectories(temp.resolve("outside"));
        target = Files.createDirectories(temp.resolve("x/y/target"));
    }

    /** One tar entry. */
    record E(String name, char type, String content, String link) {
        static E file(String name, String content) {
            return new E(name, (char) TarArchiveEntry.LF_NORMAL, content, null);
        }

        static E dir(String name) {
            return new E(name, (char) TarArchiveEntry.LF_DIR, null, null);
        }

        static E symlink(String name, String to) {
            return new E(name, (char) TarArchiveEntry.LF_SYMLINK, null, to);
        }

        static E hardLink(String name, String to) {
            return new E(name, (char) TarArchiveEntry.LF_LINK, null, to);
        }

        static E special(String name, byte type) {
            return new E(name, (char) type, null, null);
        }
    }

    static byte[] tarGz(E... entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (E e : entries) {
                TarArchiveEntry entry = new TarArchiveEntry(e.name(), (byte) e.type());
                if (e.link() != null) {
                    entry.setLinkName(e.link());
                }
                byte[] content = e.content() == null ? new byte[0] : e.content().getBytes(StandardCharsets.UTF_8);
                if (e.content() != null) {
                    entry.setSize(content.length);
                    entry.setMode(0100644);
                }
                tar.putArchiveEntry(entry);
                tar.write(content);
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    /**
     * {@code a/r/a/r/…/../../…/<outside>}: as text it stays inside the tree (as many names as
     * {@code ..}), but with {@code a/r -> ..} on disk every {@code a/r} is the tree itself, so the
     * {@code ..} climb to the file system root and the rest names the outside folder.
     */
    private String chainTo(Path destination) {
        int depth = target.toAbsolutePath().getNameCount() + 1;
        return "a/r/".repeat(depth) + "../".repeat(2 * depth) + destination.toAbsolutePath().toString().substring(1);
    }

    /** Stands for {@link #chainTo} of the outside folder, which only the test instance knows. */
    private static final String CHAIN = "{chain}";

    static Stream<Arguments> hostile() {
        String chain = CHAIN;
        return Stream.of(
                Arguments.of("hard link before the symlink it is written through", new E[] {
                    E.file("top/ok.txt", "ok"), E.dir("top/a"), E.symlink("top/a/r", ".."),
                    E.hardLink("top/h/p.txt", "top/ok.txt"), E.symlink("top/h", chain)},
                    "top/h -> " + chain),
                Arguments.of("symlink chain through a link to the parent", new E[] {
                    E.file("top/ok.txt", "ok"), E.dir("top/a"), E.symlink("top/a/r", ".."), E.symlink("top/h", chain)},
                    "a link that leaves its tree: top/h -> " + chain),
                Arguments.of("link that escapes only once a later link exists", new E[] {
                    E.file("top/ok.txt", "ok"), E.symlink("top/h", chain), E.dir("top/a"), E.symlink("top/a/r", "..")},
                    "a link that leaves its tree: top/h -> " + chain),
                Arguments.of("symlink to an absolute path", new E[] {E.file("top/ok.txt", "ok"), E.symlink("top/etc", "/etc")},
                    "a link that leaves its tree: top/etc -> /etc"),
                Arguments.of("dot-dot entry", new E[] {E.file("top/ok.txt", "ok"), E.file("top/../../../outside/evil.txt", "evil")},
                    "a path that leaves its tree: top/../../../outside/evil.txt"),
                Arguments.of("a file then a symlink of the same name", new E[] {
                    E.file("top/ok.txt", "ok"), E.file("top/f", "f"), E.symlink("top/f", "ok.txt")},
                    "two entries for top/f"),
                Arguments.of("a symlink then a file of the same name", new E[] {
                    E.file("top/ok.txt", "ok"), E.symlink("top/f", "ok.txt"), E.file("top/f", "f")},
                    "top/f"),
                Arguments.of("a directory symlink then a file under it", new E[] {
                    E.dir("top/sub"), E.symlink("top/d", "sub"), E.file("top/d/x", "x")},
                    "writes through a link: top/d/x"),
                Arguments.of("a hard link under a directory symlink", new E[] {
                    E.file("top/ok.txt", "ok"), E.symlink("top/d", "."), E.hardLink("top/d/y", "top/ok.txt")},
                    "writes through a link: top/d/y"),
                Arguments.of("a hard link to a symlink", new E[] {
                    E.file("top/ok.txt", "ok"), E.symlink("top/l", "ok.txt"), E.hardLink("top/h", "top/l")},
                    "top/h"),
                Arguments.of("a hard link to a later file", new E[] {
                    E.hardLink("top/h", "top/ok.txt"), E.file("top/ok.txt", "ok")},
                    "top/h"),
                Arguments.of("a hard link that leaves the tree", new E[] {
                    E.file("top/ok.txt", "ok"), E.hardLink("top/h", "../../outside/p.txt")},
                    "top/h"),
                Arguments.of("a link with no target", new E[] {E.file("top/ok.txt", "ok"), E.symlink("top/l", "")},
                    "a link with no target: top/l"),
                Arguments.of("a hard link to a folder", new E[] {E.dir("top/d"), E.file("top/d/x", "x"), E.hardLink("top/h", "top/d")},
                    "top/h -> top/d"),
                Arguments.of("a file under a file", new E[] {E.file("top/f", "f"), E.file("top/f/g", "g")},
                    "top/f/g"),
                Arguments.of("a character device", new E[] {E.file("top/ok.txt", "ok"), E.special("top/null", TarArchiveEntry.LF_CHR)},
                    "a device or FIFO: top/null"),
                Arguments.of("a block device", new E[] {E.file("top/ok.txt", "ok"), E.special("top/sda", TarArchiveEntry.LF_BLK)},
                    "a device or FIFO: top/sda"),
                Arguments.of("a FIFO", new E[] {E.file("top/ok.txt", "ok"), E.special("top/pipe", TarArchiveEntry.LF_FIFO)},
                    "a device or FIFO: top/pipe"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostile")
    void isRefusedNamingTheEntryAndNothingIsWrittenOutside(String title, E[] hostile, String expectedWithChain) throws IOException {
        String chain = chainTo(outside);
        E[] entries = Stream.of(hostile).map(e -> e.link() == null ? e : new E(e.name(), e.type(), e.content(), e.link().replace(CHAIN, chain)))
                .toArray(E[]::new);
        String expected = expectedWithChain.replace(CHAIN, chain);
        Path archive = temp.resolve("hostile.tar.gz");
        Files.write(archive, tarGz(entries));

        UknativeException e = catchThrowableOfType(UknativeException.class, () -> ArchiveExtractor.extract(archive, "hostile.tar.gz", target));

        assertThat(e).as("%s must be refused", title).isNotNull();
        assertThat(e.exitCode()).isEqualTo(ExitCode.ENVIRONMENT);
        assertThat(e.getMessage()).startsWith("the archive hostile.tar.gz").contains(expected);
        assertThat(e.hint()).hasValueSatisfying(h -> assertThat(h).contains("nothing of it was kept"));
        assertThat(everythingIn(outside)).as("written outside the tree").isEmpty();
        assertThat(everythingIn(temp.resolve("x"))).as("written beside the tree").allMatch(p -> p.startsWith(target) || p.equals(target.getParent()));
    }

    @Test
    void linksThatStayInsideAreKeptEvenThroughOtherLinks() throws IOException {
        Path archive = temp.resolve("fine.tar.gz");
        Files.write(archive, tarGz(E.file("top/lib/a.c", "a"), E.dir("top/a"), E.symlink("top/a/r", ".."),
                E.symlink("top/same", "a/r/a/r/lib/a.c"), E.symlink("top/src", "lib/"), E.hardLink("top/copy.c", "top/lib/a.c"),
                E.dir("top/lib")));

        ArchiveExtractor.extract(archive, "fine.tar.gz", target);

        assertThat(target.resolve("same")).content().isEqualTo("a");
        assertThat(target.resolve("copy.c")).content().isEqualTo("a");
        assertThat(Files.isSymbolicLink(target.resolve("copy.c"))).isFalse();
        assertThat(target.resolve("src/a.c")).content().isEqualTo("a");
    }

    @Test
    void aLinkLoopIsRefusedNotFollowedForever() throws IOException {
        Path archive = temp.resolve("loop.tar.gz");
        Files.write(archive, tarGz(E.symlink("top/a", "b"), E.symlink("top/b", "a"), E.symlink("top/c", "a/x")));

        UknativeException e = catchThrowableOfType(UknativeException.class, () -> ArchiveExtractor.extract(archive, "loop.tar.gz", target));

        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("top/c");
    }

    @Test
    void aTruncatedGzipSaysTruncatedNamingTheArchiveNotAJavaClass() throws IOException {
        StringBuilder big = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            big.append(i).append(" some text that gzip cannot squeeze too much ").append(i * 7919 % 104729).append('\n');
        }
        byte[] whole = tarGz(E.file("top/a.txt", "a"), E.file("top/big.txt", big.toString()));
        Path archive = temp.resolve("trunc.tar.gz");
        Files.write(archive, java.util.Arrays.copyOf(whole, whole.length / 2));

        UknativeException e = catchThrowableOfType(UknativeException.class, () -> ArchiveExtractor.extract(archive, "trunc.tar.gz", target));

        assertThat(e.getMessage()).startsWith("cannot unpack trunc.tar.gz").contains("truncated").doesNotContain("Exception");
        assertThat(e.exitCode()).isEqualTo(ExitCode.ENVIRONMENT);
    }

    @Test
    void aCorruptGzipSaysCorruptNamingTheArchiveNotAJavaClass() throws IOException {
        StringBuilder big = new StringBuilder();
        for (int i = 0; i < 2_000; i++) {
            big.append(i).append(" text ").append('\n');
        }
        byte[] bytes = tarGz(E.file("top/a.txt", "a"), E.file("top/big.txt", big.toString()));
        for (int i = bytes.length / 3; i < bytes.length / 3 + 40; i++) {
            bytes[i] ^= 0x5a;
        }
        Path archive = temp.resolve("bad.tar.gz");
        Files.write(archive, bytes);

        UknativeException e = catchThrowableOfType(UknativeException.class, () -> ArchiveExtractor.extract(archive, "bad.tar.gz", target));

        assertThat(e.getMessage()).startsWith("cannot unpack bad.tar.gz").contains("corrupt").doesNotContain("Exception");
    }

    @Test
    void aTruncatedPlainTarNamesTheEntryItEndsIn() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            byte[] content = "x".repeat(10_000).getBytes(StandardCharsets.UTF_8);
            TarArchiveEntry entry = new TarArchiveEntry("top/long.txt");
            entry.setSize(content.length);
            tar.putArchiveEntry(entry);
            tar.write(content);
            tar.closeArchiveEntry();
        }
        Path archive = temp.resolve("cut.tar");
        Files.write(archive, java.util.Arrays.copyOf(bytes.toByteArray(), 3000));

        UknativeException e = catchThrowableOfType(UknativeException.class, () -> ArchiveExtractor.extract(archive, "cut.tar", target));

        assertThat(e.getMessage()).startsWith("cannot unpack cut.tar").contains("truncated").contains("top/long.txt")
                .doesNotContain("Exception");
    }

    private static List<Path> everythingIn(Path folder) throws IOException {
        List<Path> all = new ArrayList<>();
        try (Stream<Path> s = Files.walk(folder)) {
            s.filter(p -> !p.equals(folder)).forEach(all::add);
        }
        return all;
    }
}
