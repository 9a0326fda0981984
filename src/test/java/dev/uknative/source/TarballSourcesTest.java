package dev.uknative.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.uknative.core.ExitCode;
import dev.uknative.core.Reporter;
import dev.uknative.core.UknativeException;
import dev.uknative.project.Kraftfile;
import dev.uknative.testing.LoopbackServer;
import dev.uknative.testing.Tarballs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tarball sources and manifests served by a real HTTP server on loopback: checksums, a download
 * dropped or stalled half-way, a fetching JVM killed half-way, and TOFU digests in the lock file.
 */
@Tag("tool")
class TarballSourcesTest {

    @TempDir
    Path temp;

    private LoopbackServer server;
    private byte[] release17;
    private byte[] release18;
    private Path project;

    @BeforeEach
    void serve() throws IOException {
        server = new LoopbackServer();
        release17 = Tarballs.fakeUnikraft("unikraft-RELEASE-0.17.0", 17, "seventeen");
        release18 = Tarballs.fakeUnikraft("unikraft-RELEASE-0.18.0", 18, "eighteen");
        server.serve("/archive/RELEASE-0.17.0.tar.gz", release17);
        server.serve("/archive/RELEASE-0.18.0.tar.gz", release18);
        project = temp.resolve("app");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** An index pointing at a component manifest beside it, as kraftkit's manifests are laid out. */
    private String manifest(String sha17) {
        server.serve("/manifests/index.yaml", """
                last_updated: 2024-06-01T00:00:00Z
                manifests:
                  - name: unikraft
                    type: core
                    manifest: ./unikraft.yaml
                """.getBytes());
        server.serve("/manifests/unikraft.yaml", ("""
                name: unikraft
                type: core
                channels:
                  - name: stable
                    default: true
                    resource: %s
                    sha256: %s
                versions:
                  - version: 0.17.0
                    type: semver
                    resource: %s
                    sha256: %s
                  - version: 0.18.0
                    type: semver
                    resource: %s
                    sha256: %s
                """).formatted(server.url("/archive/RELEASE-0.18.0.tar.gz"), Tarballs.sha256(release18),
                server.url("/archive/RELEASE-0.17.0.tar.gz"), sha17,
                server.url("/archive/RELEASE-0.18.0.tar.gz"), Tarballs.sha256(release18)).getBytes());
        return server.url("/manifests/index.yaml");
    }

    private Sources sources(String manifestUrl) {
        return new Sources(temp.resolve("cache"), Optional.of(manifestUrl));
    }

    private Kraftfile unikraft(String version) throws IOException {
        return Sources.kraftfile(project, "name: app\nunikraft: " + version + "\n");
    }

    @Test
    void aReleaseFromAManifestIsDownloadedCheckedAndUnpacked() throws IOException {
        Sources sources = sources(manifest(Tarballs.sha256(release17)));

        LocalSourceResolver.Resolved r = sources.resolve(unikraft("v0.17.0"));

        Path tree = r.unikraft().path();
        assertThat(tree.getFileName()).hasToString("tar-" + Tarballs.sha256(release17));
        assertThat(tree.resolve("marker.txt")).content().isEqualToIgnoringNewLines("seventeen");
        assertThat(Files.getPosixFilePermissions(tree.resolve("support/scripts/gitsha1"))).contains(PosixFilePermission.OWNER_EXECUTE);
        assertThat(r.unikraft().version()).contains("0.17.0");
        LockedSource locked = LockFile.read(project.resolve("uknative.lock"), Reporter.SILENT).unikraft().orElseThrow();
        assertThat(locked.type()).isEqualTo("tarball");
        assertThat(locked.id()).isEqualTo(Tarballs.sha256(release17));
        assertThat(locked.spec()).isEqualTo("v0.17.0");
        assertThat(sources.said("progress: downloading RELEASE-0.17.0.tar.gz") || release17.length < 256 * 1024).isTrue();

        LocalSourceResolver.Resolved channel = sources.resolve(unikraft("stable"));
        assertThat(channel.unikraft().path().resolve("marker.txt")).content().isEqualToIgnoringNewLines("eighteen");

        int downloads = server.requests("/archive/RELEASE-0.17.0.tar.gz");
        sources.resolve(unikraft("v0.17.0"));
        assertThat(server.requests("/archive/RELEASE-0.17.0.tar.gz")).as("the cache answers").isEqualTo(downloads);
    }

    @Test
    void aWrongChecksumAbortsShowingBothDigestsAndKeepsNothing() throws IOException {
        String wrong = "0".repeat(64);
        Sources sources = sources(manifest(wrong));

        UknativeException e = catchThrowableOfType(UknativeException.class, () -> sources.resolve(unikraft("0.17.0")));

        assertThat(e.exitCode()).isEqualTo(ExitCode.ENVIRONMENT);
        assertThat(e.getMessage()).contains("expected " + wrong).contains("got      " + Tarballs.sha256(release17));
        assertThat(treesIn(sources)).isEmpty();
        assertThat(filesIn(sources.cacheRoot.resolve("tmp"))).isEmpty();
        assertThat(project.resolve("uknative.lock")).doesNotExist();
    }

    @Test
    void aDownloadDroppedHalfWayFailsKeepsNothingAndTheRetryWorks() throws IOException {
        Sources sources = sources(manifest(Tarballs.sha256(release17)));
        server.behave("/archive/RELEASE-0.17.0.tar.gz", LoopbackServer.Behaviour.DROP_HALF_WAY);

        UknativeException e = catchThrowableOfType(UknativeException.class, () -> sources.resolve(unikraft("0.17.0")));

        assertThat(e.exitCode()).isEqualTo(ExitCode.ENVIRONMENT);
        assertThat(e.getMessage()).contains("RELEASE-0.17.0.tar.gz");
        assertThat(treesIn(sources)).isEmpty();
        assertThat(filesIn(sources.cacheRoot.resolve("tmp"))).isEmpty();

        server.behave("/archive/RELEASE-0.17.0.tar.gz", LoopbackServer.Behaviour.NORMAL);
        assertThat(sources.resolve(unikraft("0.17.0")).unikraft().path().resolve("marker.txt")).content().contains("seventeen");
    }

    @Test
    void aFetchingJvmKilledHalfWayLeavesNothingTheNextRunUses() throws Exception {
        String manifestUrl = manifest(Tarballs.sha256(release17));
        server.behave("/archive/RELEASE-0.17.0.tar.gz", LoopbackServer.Behaviour.STALL_HALF_WAY);
        unikraft("0.17.0");
        Path cacheHome = temp.resolve("xdg-cache");
        ProcessBuilder child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.uknative.cli.Main", "update", project.toString(), "--manifest", manifestUrl)
                .redirectErrorStream(true).redirectOutput(temp.resolve("child.log").toFile());
        child.environment().put("XDG_CACHE_HOME", cacheHome.toString());
        Process process = child.start();
        Path sourcesRoot = cacheHome.resolve("uknative/sources");
        try {
            Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
            while (partialBytes(sourcesRoot.resolve("tmp")) < release17.length / 4) {
                assertThat(Instant.now()).as("the child never started downloading: %s", Files.readString(temp.resolve("child.log")))
                        .isBefore(deadline);
                assertThat(process.isAlive()).as(Files.readString(temp.resolve("child.log"))).isTrue();
                Thread.sleep(50);
            }
        } finally {
            process.destroyForcibly().waitFor();
        }
        assertThat(filesIn(sourcesRoot.resolve("tmp"))).as("the killed fetch left its partial download").isNotEmpty();
        assertThat(Files.exists(sourcesRoot.resolve("trees"))).isFalse();

        server.behave("/archive/RELEASE-0.17.0.tar.gz", LoopbackServer.Behaviour.NORMAL);
        Sources retry = new Sources(sourcesRoot, Optional.of(manifestUrl));
        LocalSourceResolver.Resolved r = retry.resolve(unikraft("0.17.0"));

        assertThat(r.unikraft().path().resolve("marker.txt")).content().contains("seventeen");
        assertThat(retry.said("incomplete download")).isTrue();
        assertThat(filesIn(sourcesRoot.resolve("tmp"))).isEmpty();
    }

    @Test
    void aTarballUrlWithoutChecksumIsPinnedByTheLockFile() throws IOException {
        Sources sources = new Sources(temp.resolve("cache"), Optional.empty());
        String url = server.url("/archive/RELEASE-0.18.0.tar.gz");

        sources.resolve(Sources.kraftfile(project, "unikraft: " + url + "\n"));

        assertThat(sources.said("without a checksum")).isTrue();
        assertThat(LockFile.read(project.resolve("uknative.lock"), Reporter.SILENT).unikraft().orElseThrow().id())
                .isEqualTo(Tarballs.sha256(release18));

        // The cache is emptied and the file changes upstream: the locked digest refuses it.
        sources.cache().prune(Optional.empty());
        server.serve("/archive/RELEASE-0.18.0.tar.gz", release17);
        UknativeException e = catchThrowableOfType(UknativeException.class, () -> sources.resolve(Sources.kraftfile(project, "unikraft: " + url + "\n")));
        assertThat(e.getMessage()).contains("expected " + Tarballs.sha256(release18)).contains("got      " + Tarballs.sha256(release17));
    }

    @Test
    void aPinnedTarballChecksumInTheKraftfileIsChecked() throws IOException {
        Sources sources = new Sources(temp.resolve("cache"), Optional.empty());
        String url = server.url("/archive/RELEASE-0.18.0.tar.gz");

        UknativeException e = catchThrowableOfType(UknativeException.class, () -> sources.resolve(
                Sources.kraftfile(project, "unikraft:\n  source: " + url + "\n  version: sha256:" + "a".repeat(64) + "\n")));

        assertThat(e.getMessage()).contains("expected " + "a".repeat(64));
    }

    @Test
    void anUnknownReleaseListsTheManifestsNearest() throws IOException {
        Sources sources = sources(manifest(Tarballs.sha256(release17)));

        UknativeException e = catchThrowableOfType(UknativeException.class, () -> sources.resolve(unikraft("0.17.5")));

        assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(e.location()).hasValueSatisfying(l -> assertThat(l.line()).isEqualTo(2));
        assertThat(e.hint()).hasValueSatisfying(h -> assertThat(h).startsWith("nearest available: 0.17.0, 0.18.0"));
    }

    @Test
    void pruneRemovesOnlyWhatWasNotUsedRecently() throws IOException {
        Sources sources = sources(manifest(Tarballs.sha256(release17)));
        sources.resolve(unikraft("0.17.0"));
        sources.resolve(unikraft("0.18.0"));
        assertThat(sources.cache().list()).hasSize(2);

        assertThat(sources.cache().prune(Optional.of(Duration.ofDays(1))).removed()).isEmpty();
        SourceCache.Pruned all = sources.cache().prune(Optional.empty());

        assertThat(all.removed()).hasSize(2);
        assertThat(all.bytes()).isPositive();
        assertThat(sources.cache().list()).isEmpty();
    }

    private static long partialBytes(Path tmp) throws IOException {
        long total = 0;
        for (Path f : filesIn(tmp)) {
            total += Files.isRegularFile(f) ? Files.size(f) : 0;
        }
        return total;
    }

    private static List<Path> filesIn(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return new ArrayList<>(s.toList());
        }
    }

    private static List<Path> treesIn(Sources sources) throws IOException {
        return filesIn(sources.cacheRoot.resolve("trees")).stream().filter(Files::isDirectory).toList();
    }
}
