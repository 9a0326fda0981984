package dev.uknative.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.uknative.core.ExitCode;
import dev.uknative.core.UknativeException;
import dev.uknative.source.ArchiveExtractorHostileTest.E;
import dev.uknative.testing.LoopbackServer;
import dev.uknative.testing.Tarballs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hostile tarball of the security report, end to end: a Kraftfile pins it with its correct
 * sha256, it is served over HTTP on loopback and resolved as a build would. Before the fix this
 * created a file in the outside folder and left a link out of the cached tree.
 */
class TarballHostileSourceTest {

    @TempDir
    Path temp;

    @Test
    void aPinnedHostileTarballIsRefusedAndWritesNothingAnywhere() throws IOException {
        Path outside = Files.createDirectories(temp.resolve("outside"));
        Path cache = temp.resolve("cache");
        int depth = cache.resolve("tmp/tar-0123456789.partial").toAbsolutePath().getNameCount() + 1;
        String chain = "a/r/".repeat(depth) + "../".repeat(2 * depth) + outside.toAbsolutePath().toString().substring(1);
        byte[] tarball = ArchiveExtractorHostileTest.tarGz(
                E.file("unikraft-evil/Makefile", "all:\n"), E.file("unikraft-evil/Config.uk", ""),
                E.file("unikraft-evil/support/build/Makefile.rules", ""), E.file("unikraft-evil/p.txt", "payload"),
                E.dir("unikraft-evil/a"), E.symlink("unikraft-evil/a/r", ".."),
                E.hardLink("unikraft-evil/h/p.txt", "unikraft-evil/p.txt"), E.symlink("unikraft-evil/h", chain));
        try (LoopbackServer server = new LoopbackServer()) {
            server.serve("/evil.tar.gz", tarball);
            Sources sources = new Sources(cache, Optional.empty());
            Path project = temp.resolve("app");

            UknativeException e = catchThrowableOfType(UknativeException.class, () -> sources.resolve(Sources.kraftfile(project,
                    "name: app\nunikraft:\n  source: " + server.url("/evil.tar.gz") + "\n  version: sha256:" + Tarballs.sha256(tarball) + "\n")));

            assertThat(e).as("the hostile tarball must be refused").isNotNull();
            assertThat(e.exitCode()).isEqualTo(ExitCode.ENVIRONMENT);
            assertThat(e.getMessage()).contains("evil.tar.gz").contains("unikraft-evil/h");
            try (Stream<Path> written = Files.walk(outside)) {
                assertThat(written.filter(p -> !p.equals(outside)).toList()).as("written outside the cache").isEmpty();
            }
            assertThat(cache.resolve("trees")).satisfiesAnyOf(t -> assertThat(t).doesNotExist(), t -> assertThat(t).isEmptyDirectory());
            try (Stream<Path> left = Files.list(cache.resolve("tmp"))) {
                assertThat(left.toList()).as("leftovers in the cache's tmp").isEmpty();
            }
            assertThat(project.resolve(LockFile.NAME)).doesNotExist();
        }
    }
}
