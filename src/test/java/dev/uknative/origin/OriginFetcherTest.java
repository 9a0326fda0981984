package dev.uknative.origin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.uknative.core.ExitCode;
import dev.uknative.core.Reporter;
import dev.uknative.core.UknativeException;
import dev.uknative.source.Downloader;
import dev.uknative.testing.LoopbackServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The origin fetcher against a real HTTP server on loopback: what is kept, what is refused, and what is left behind. */
class OriginFetcherTest {

    private static final byte[] ARCHIVE = content("musl-1.2.3 stand-in ", 300_000);

    @TempDir
    Path temp;

    private LoopbackServer server;
    private OriginCache cache;

    @BeforeEach
    void start() throws IOException {
        server = new LoopbackServer();
        server.serve("/releases/musl-1.2.3.tar.gz", ARCHIVE);
        cache = new OriginCache(temp.resolve("origins"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private OriginFetcher fetcher(boolean offline, Mirrors mirrors) {
        return new OriginFetcher(cache, new Downloader(Reporter.SILENT, offline), mirrors, offline, Reporter.SILENT);
    }

    private static OriginFetcher.Request request(String url) {
        return new OriginFetcher.Request(url, Optional.empty(), Optional.empty(), "libmusl");
    }

    @Test
    void downloadsOnceThenServesFromTheCacheAndPlacesTheFileWhole() throws IOException {
        String url = server.url("/releases/musl-1.2.3.tar.gz");
        OriginFetcher.Fetched first = fetcher(false, Mirrors.NONE).obtain(request(url));
        OriginFetcher.Fetched second = fetcher(false, Mirrors.NONE).obtain(request(url));

        assertThat(first.downloaded()).isTrue();
        assertThat(second.downloaded()).isFalse();
        assertThat(first.entry().sha256()).isEqualTo(sha256(ARCHIVE)).isEqualTo(second.entry().sha256());
        assertThat(server.requests("/releases/musl-1.2.3.tar.gz")).isEqualTo(1);
        Path target = temp.resolve("build/libmusl/musl-1.2.3.tar.gz");
        fetcher(false, Mirrors.NONE).place(second.entry(), target);
        assertThat(Files.readAllBytes(target)).isEqualTo(ARCHIVE);
        assertThat(leftovers(target.getParent())).isEmpty();
    }

    @Test
    void followsRedirectsAndKeepsTheUrlTheLibraryNamed() {
        server.redirect("/archive/refs/heads/UNIKRAFT-2_1_x.zip", "/releases/musl-1.2.3.tar.gz");
        String url = server.url("/archive/refs/heads/UNIKRAFT-2_1_x.zip");

        OriginFetcher.Fetched fetched = fetcher(false, Mirrors.NONE).obtain(request(url));

        assertThat(fetched.entry().sha256()).isEqualTo(sha256(ARCHIVE));
        assertThat(cache.find(url)).isPresent();
        assertThat(cache.list()).extracting(OriginCache.Entry::url).containsExactly(url);
    }

    @Test
    void aMissingFileIsAnErrorNamingTheStatusAndLeavesNothing() throws IOException {
        String url = server.url("/releases/musl-9.9.9.tar.gz");

        assertThatThrownBy(() -> fetcher(false, Mirrors.NONE).obtain(request(url)))
                .isInstanceOf(UknativeException.class).hasMessageContaining("HTTP 404").hasMessageContaining(url);
        assertThat(cache.list()).isEmpty();
        assertThat(leftovers(cache.root())).isEmpty();
    }

    @Test
    void aTruncatedBodyIsRefusedAndNothingIsKept() throws IOException {
        server.behave("/releases/musl-1.2.3.tar.gz", LoopbackServer.Behaviour.DROP_HALF_WAY);
        String url = server.url("/releases/musl-1.2.3.tar.gz");

        assertThatThrownBy(() -> fetcher(false, Mirrors.NONE).obtain(request(url)))
                .isInstanceOfSatisfying(UknativeException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.ENVIRONMENT))
                .hasMessageContaining(url);
        assertThat(cache.find(url)).isEmpty();
        assertThat(leftovers(cache.root())).isEmpty();

        server.behave("/releases/musl-1.2.3.tar.gz", LoopbackServer.Behaviour.NORMAL);
        assertThat(fetcher(false, Mirrors.NONE).obtain(request(url)).entry().sha256()).isEqualTo(sha256(ARCHIVE));
    }

    @Test
    void bytesOtherThanTheLockRecordsAreRefusedWithBothDigestsAndNeverStored() throws IOException {
        String url = server.url("/releases/musl-1.2.3.tar.gz");
        String recorded = "7d5b0b6062521e4627e099e4c9dc8248d32a30285e959b7eecaa780cf8cfd4a4";
        OriginFetcher.Request locked = new OriginFetcher.Request(url, Optional.of(recorded), Optional.empty(), "libmusl");

        assertThatThrownBy(() -> fetcher(false, Mirrors.NONE).obtain(locked))
                .isInstanceOfSatisfying(UknativeException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_INPUT))
                .hasMessageContaining(url).hasMessageContaining(recorded).hasMessageContaining(sha256(ARCHIVE));
        assertThat(cache.find(url)).isEmpty();
        assertThat(leftovers(cache.root())).isEmpty();
    }

    @Test
    void aCacheHoldingOtherBytesThanTheLockIsRefused() throws IOException {
        String url = "https://www.musl-libc.org/releases/musl-1.2.3.tar.gz";
        Path other = Files.write(temp.resolve("other.tar.gz"), "not musl".getBytes(StandardCharsets.UTF_8));
        cache.store(url, other);
        String recorded = sha256(ARCHIVE);

        assertThatThrownBy(() -> fetcher(true, Mirrors.NONE).obtain(new OriginFetcher.Request(url, Optional.of(recorded), Optional.empty(), "libmusl")))
                .isInstanceOfSatisfying(UknativeException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
                    assertThat(e.hint()).get().asString().contains("uknative origins import " + url);
                })
                .hasMessageContaining("uknative.lock records sha256 " + recorded)
                .hasMessageContaining(sha256("not musl".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theLibrarysOwnChecksumIsCheckedToo() {
        String url = server.url("/releases/musl-1.2.3.tar.gz");
        String expected = "8f0ae46e2702720ce852b00de5d304adb2809b0203741f299876594bb8be7890";

        assertThatThrownBy(() -> fetcher(false, Mirrors.NONE).obtain(new OriginFetcher.Request(url, Optional.empty(), Optional.of(expected), "liblwip")))
                .isInstanceOfSatisfying(UknativeException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_INPUT))
                .hasMessageContaining("LIBLWIP_ORIGIN_SHA256").hasMessageContaining(expected);
        assertThat(cache.find(url)).isEmpty();
    }

    @Test
    void twoFetchesOfOneOriginAtOnceBothSucceedWithOneDownload() throws Exception {
        server.delay("/releases/musl-1.2.3.tar.gz", 400);
        String url = server.url("/releases/musl-1.2.3.tar.gz");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Callable<OriginFetcher.Fetched> fetch = () -> fetcher(false, Mirrors.NONE).obtain(request(url));
            Future<OriginFetcher.Fetched> a = pool.submit(fetch);
            Future<OriginFetcher.Fetched> b = pool.submit(fetch);

            assertThat(a.get().entry().sha256()).isEqualTo(b.get().entry().sha256()).isEqualTo(sha256(ARCHIVE));
            assertThat(List.of(a.get().downloaded(), b.get().downloaded())).containsExactlyInAnyOrder(true, false);
            assertThat(server.requests("/releases/musl-1.2.3.tar.gz")).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void offlineAMissingOriginIsNamedWithTheCommandThatGetsIt() {
        String url = server.url("/releases/musl-1.2.3.tar.gz");

        assertThatThrownBy(() -> fetcher(true, Mirrors.NONE).obtain(request(url)))
                .isInstanceOfSatisfying(UknativeException.class, e ->
                        assertThat(e.hint()).get().asString().contains("uknative origins import " + url + " FILE"))
                .hasMessageContaining("offline");
        assertThat(server.requests("/releases/musl-1.2.3.tar.gz")).isZero();
    }

    @Test
    void aMirrorServesTheBytesUnderTheOriginalUrl() {
        String url = "https://www.musl-libc.org/releases/musl-1.2.3.tar.gz";
        Mirrors mirrors = Mirrors.parse("https://www.musl-libc.org/=" + server.url("/"));

        OriginFetcher.Fetched fetched = fetcher(false, mirrors).obtain(request(url));

        assertThat(fetched.entry().url()).isEqualTo(url);
        assertThat(fetched.entry().sha256()).isEqualTo(sha256(ARCHIVE));
        assertThat(server.requests("/releases/musl-1.2.3.tar.gz")).isEqualTo(1);
    }

    @Test
    void aDamagedCacheEntryIsForgottenNotPlaced() throws IOException {
        String url = server.url("/releases/musl-1.2.3.tar.gz");
        OriginCache.Entry entry = fetcher(false, Mirrors.NONE).obtain(request(url)).entry();
        Files.write(entry.file(), "bit rot".getBytes(StandardCharsets.UTF_8));
        Path target = temp.resolve("build/libmusl/musl-1.2.3.tar.gz");

        assertThatThrownBy(() -> fetcher(false, Mirrors.NONE).place(entry, target)).hasMessageContaining("damaged");
        assertThat(target).doesNotExist();
        assertThat(leftovers(target.getParent())).isEmpty();
        assertThat(cache.find(url)).isEmpty();
        assertThat(fetcher(false, Mirrors.NONE).obtain(request(url)).downloaded()).isTrue();
    }

    /** Temporary files left anywhere under {@code dir}. */
    static List<Path> leftovers(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".part")).toList();
        }
    }

    static byte[] content(String seed, int size) {
        byte[] bytes = new byte[size];
        byte[] pattern = seed.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (pattern[i % pattern.length] + i / pattern.length);
        }
        return bytes;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
