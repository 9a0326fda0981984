package dev.uknative.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.uknative.core.ExitCode;
import dev.uknative.core.UknativeException;
import dev.uknative.testing.Tarballs;
import dev.uknative.testing.Tarballs.Item;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Unpacking refuses every entry that would land outside the tree. */
class ArchiveExtractorTest {

    @TempDir
    Path temp;

    static Stream<Arguments> maliciousArchives() {
        return Stream.of(
                Arguments.of("dot-dot", new Item[] {Item.file("top/ok.txt", "ok"), Item.file("top/../../evil.txt", "evil")},
                        "a path that leaves its tree: top/../../evil.txt"),
                Arguments.of("absolute", new Item[] {Item.file("/tmp/evil.txt", "evil")}, "an absolute path: /tmp/evil.txt"),
                Arguments.of("escaping-link", new Item[] {Item.file("top/ok.txt", "ok"), Item.link("top/out", "../../outside")},
                        "a link that leaves its tree: top/out -> ../../outside"),
                Arguments.of("absolute-link", new Item[] {Item.link("top/etc", "/etc")}, "a link that leaves its tree: top/etc -> /etc"),
                Arguments.of("through-link", new Item[] {Item.link("top/inner", "sub"), Item.file("top/sub/x", "x"),
                    Item.file("top/inner/y", "y")}, "writes through a link: top/inner/y"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("maliciousArchives")
    void maliciousEntriesAreRefusedWithTheirName(String name, Item[] items, String expected) throws IOException {
        Path archive = temp.resolve(name + ".tar.gz");
        Files.write(archive, Tarballs.tarGz(items));
        Path target = Files.createDirectories(temp.resolve("x/y/target"));

        UknativeException e = catchThrowableOfType(UknativeException.class, () -> ArchiveExtractor.extract(archive, name + ".tar.gz", target));

        assertThat(e).as("%s must be refused", name).isNotNull();
        assertThat(e.exitCode()).isEqualTo(ExitCode.ENVIRONMENT);
        assertThat(e.getMessage()).contains(expected);
        assertThat(temp.resolve("x/evil.txt")).doesNotExist();
        assertThat(temp.resolve("evil.txt")).doesNotExist();
    }

    @Test
    void aGoodArchiveIsUnpackedWithoutItsTopFolderAndWithItsLinks() throws IOException {
        Path archive = temp.resolve("good.tar.gz");
        Files.write(archive, Tarballs.tarGz(Item.file("unikraft-1/a/b.txt", "b"), Item.executable("unikraft-1/run.sh", "#!/bin/sh\n"),
                Item.link("unikraft-1/a/link", "b.txt"), Item.link("unikraft-1/src", "a/")));
        Path target = Files.createDirectories(temp.resolve("target"));

        ArchiveExtractor.extract(archive, "good.tar.gz", target);

        assertThat(target.resolve("a/b.txt")).content().isEqualTo("b");
        assertThat(Files.isExecutable(target.resolve("run.sh"))).isTrue();
        assertThat(Files.readSymbolicLink(target.resolve("a/link"))).hasToString("b.txt");
        assertThat(target.resolve("a/link")).content().isEqualTo("b");
    }

    @Test
    void aDamagedArchiveIsAnEnvironmentErrorNamingIt() throws IOException {
        Path archive = temp.resolve("bad.tar.gz");
        Files.writeString(archive, "this is not gzip");

        UknativeException e = catchThrowableOfType(UknativeException.class,
                () -> ArchiveExtractor.extract(archive, "bad.tar.gz", Files.createDirectories(temp.resolve("t"))));

        assertThat(e.getMessage()).startsWith("cannot unpack bad.tar.gz");
    }
}
