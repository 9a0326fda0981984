package dev.uknative.origin;

import dev.uknative.core.ExitCode;
import dev.uknative.core.Reporter;
import dev.uknative.core.Sha256;
import dev.uknative.core.UknativeException;
import dev.uknative.source.Downloader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Gets one origin (an archive a library downloads during make): from the {@link OriginCache} when it
 * holds the URL, else downloaded (through the {@link Mirrors}) unless offline; checked against the
 * digest {@code uknative.lock} records and the library's own {@code LIB*_ORIGIN_SHA256}; and placed
 * where make expects it. Bytes that fail a check are never stored nor placed.
 */
public final class OriginFetcher {

    /**
     * What is wanted.
     *
     * @param url     the URL the library's Makefile.uk names
     * @param locked  the digest {@code uknative.lock} records for it, if any
     * @param library the library's own expected sha256 ({@code LIB*_ORIGIN_SHA256}), if it sets one
     * @param libraryName the library's name in make ({@code libmusl}), for messages; may be empty
     */
    public record Request(String url, Optional<String> locked, Optional<String> library, String libraryName) {
        public Request {
            locked = locked.map(OriginFetcher::normalize);
            library = library.filter(s -> !s.isBlank()).map(OriginFetcher::normalize);
        }
    }

    /** The origin got, and whether it was downloaded now. */
    public record Fetched(OriginCache.Entry entry, boolean downloaded) {
    }

    private final OriginCache cache;
    private final Downloader downloader;
    private final Mirrors mirrors;
    private final boolean offline;
    private final Reporter reporter;

    public OriginFetcher(OriginCache cache, Downloader downloader, Mirrors mirrors, boolean offline, Reporter reporter) {
        this.cache = cache;
        this.downloader = downloader;
        this.mirrors = mirrors;
        this.offline = offline;
        this.reporter = reporter;
    }

    /** The origin from the cache, or downloaded into it; checked against the request's digests. */
    public Fetched obtain(Request request) {
        Optional<OriginCache.Entry> cached = cache.find(request.url());
        if (cached.isPresent()) {
            check(request, cached.get().sha256(), "the origin cache holds");
            cache.touch(request.url());
            return new Fetched(cached.get(), false);
        }
        if (offline) {
            throw missingOffline(request.url());
        }
        return cache.locked(request.url(), () -> reporter.info("Waiting for another download of " + request.url() + "..."), () -> {
            Optional<OriginCache.Entry> meanwhile = cache.find(request.url());
            if (meanwhile.isPresent()) {
                check(request, meanwhile.get().sha256(), "the origin cache holds");
                return new Fetched(meanwhile.get(), false);
            }
            return new Fetched(download(request), true);
        });
    }

    private OriginCache.Entry download(Request request) {
        String from = mirrors.rewrite(request.url());
        URI uri;
        try {
            uri = new URI(from);
        } catch (URISyntaxException e) {
            throw UknativeException.invalidInput(null, "not a URL: " + from, "check the library's Makefile.uk or " + Mirrors.VARIABLE);
        }
        if (!from.equals(request.url())) {
            reporter.info("Downloading " + request.url() + " from the mirror " + from);
        }
        Path temporary;
        try {
            temporary = cache.temporaryFile();
        } catch (IOException e) {
            throw UknativeException.environment("cannot write in the origin cache " + cache.root() + ": " + e.getMessage(),
                    "check its permissions and free space");
        }
        try {
            String label = request.libraryName().isEmpty() ? fileName(request.url()) : request.libraryName() + " " + fileName(request.url());
            String sha256 = downloader.download(uri, temporary, label);
            check(request, sha256, "the download of it has");
            return cache.adopt(request.url(), temporary, sha256);
        } catch (IOException e) {
            throw UknativeException.environment("cannot store " + request.url() + " in the origin cache " + cache.root() + ": " + e.getMessage(),
                    "check its permissions and free space");
        } finally {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException e) {
                reporter.warn("cannot remove " + temporary + ": " + e.getMessage());
            }
        }
    }

    /**
     * Copies the cached origin to {@code target} (make's {@code -O} file) through a temporary sibling
     * renamed when complete, hashing it again on the way: a cache damaged since it was stored is
     * forgotten, not placed.
     */
    public void place(OriginCache.Entry entry, Path target) {
        Path absolute = target.toAbsolutePath();
        Path temporary = absolute.resolveSibling("." + absolute.getFileName() + "." + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".part");
        try {
            Files.createDirectories(absolute.getParent());
            MessageDigest digest = Sha256.digest();
            try (InputStream in = Files.newInputStream(entry.file());
                 OutputStream out = new DigestOutputStream(Files.newOutputStream(temporary), digest)) {
                in.transferTo(out);
            }
            String actual = HexFormat.of().formatHex(digest.digest());
            if (!actual.equals(entry.sha256())) {
                cache.forget(entry.url(), entry.sha256());
                throw new UknativeException(ExitCode.ENVIRONMENT, null, "the origin cache's copy of " + entry.url()
                        + " is damaged (sha256 " + actual + " instead of " + entry.sha256() + "); it was removed",
                        offline ? "import it again:  uknative origins import " + entry.url() + " FILE" : "build again to download it anew");
            }
            Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw UknativeException.environment("cannot write " + absolute + ": " + e.getMessage(), "check the free space and permissions of the build folder");
        } finally {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException e) {
                reporter.warn("cannot remove " + temporary + ": " + e.getMessage());
            }
        }
    }

    private static void check(Request request, String actual, String what) {
        if (request.locked().isPresent() && !request.locked().get().equals(actual)) {
            throw new UknativeException(ExitCode.INVALID_INPUT, null, request.url() + ": " + what + " sha256 " + actual
                    + ", but uknative.lock records sha256 " + request.locked().get(),
                    "if the archive really changed upstream, delete its line under origins: in uknative.lock;"
                            + " otherwise import the right file:  uknative origins import " + request.url() + " FILE");
        }
        if (request.library().isPresent() && !request.library().get().equals(actual)) {
            String variable = request.libraryName().isEmpty() ? "the library's ORIGIN_SHA256"
                    : request.libraryName().toUpperCase(java.util.Locale.ROOT) + "_ORIGIN_SHA256";
            throw new UknativeException(ExitCode.INVALID_INPUT, null, request.url() + ": " + what + " sha256 " + actual
                    + ", but " + variable + " in the library's Makefile.uk expects sha256 " + request.library().get(),
                    "the library pins other bytes than the URL serves; import the right file:  uknative origins import "
                            + request.url() + " FILE");
        }
    }

    private static UknativeException missingOffline(String url) {
        return new UknativeException(ExitCode.ENVIRONMENT, null, "offline, and the origin cache lacks " + url,
                "fetch it on a machine with network and import it here:  uknative origins import " + url + " FILE"
                        + "  (or build once without --offline / UKNATIVE_OFFLINE)");
    }

    static String fileName(String url) {
        String path = url.replaceAll("[?#].*$", "");
        int slash = path.lastIndexOf('/');
        return slash < 0 ? path : path.substring(slash + 1);
    }

    private static String normalize(String sha256) {
        return sha256.trim().toLowerCase(java.util.Locale.ROOT);
    }
}
