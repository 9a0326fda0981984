package dev.uknative.source;

import dev.uknative.core.ExitCode;
import dev.uknative.core.Reporter;
import dev.uknative.core.UknativeException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Tarball sources: downloaded into the cache's temporary folder, checked against their sha256
 * before anything is unpacked, then unpacked into the tree keyed by that digest.
 */
public final class TarballFetcher {

    private final SourceCache cache;
    private final Downloader downloader;
    private final Reporter reporter;

    public TarballFetcher(SourceCache cache, Downloader downloader, Reporter reporter) {
        this.cache = cache;
        this.downloader = downloader;
        this.reporter = reporter;
    }

    /** An unpacked tarball and its digest. */
    public record Fetched(Path tree, String sha256) {
    }

    /**
     * The tree of the tarball at {@code url}; when {@code expected} is given, a download with another
     * digest is refused, showing both.
     */
    public Fetched fetch(String url, Optional<String> expected) {
        if (expected.isPresent()) {
            Optional<Path> cached = cache.tree(SourceCache.tarballKey(expected.get()));
            if (cached.isPresent()) {
                return new Fetched(cached.get(), expected.get());
            }
        }
        String downloadKey = "download-" + SourceCache.hash(url).substring(0, 16);
        return cache.locked(downloadKey, () -> {
            Path partial = cache.root().resolve("tmp").resolve(downloadKey + ".partial");
            Files.createDirectories(partial.getParent());
            if (Files.deleteIfExists(partial)) {
                reporter.info("Removed an incomplete download left by an interrupted fetch: " + partial);
            }
            try {
                String sha256 = downloader.download(URI.create(url), partial, fileName(url));
                if (expected.isPresent() && !expected.get().equals(sha256)) {
                    throw new UknativeException(ExitCode.ENVIRONMENT, null, "the sha256 of " + url + " does not match:\n"
                            + "  expected " + expected.get() + "\n  got      " + sha256,
                            "the file changed upstream, or the manifest or lock file is wrong; nothing of it was kept");
                }
                Path tree = cache.populate(SourceCache.tarballKey(sha256), url, "",
                        folder -> ArchiveExtractor.extract(partial, fileName(url), folder));
                return new Fetched(tree, sha256);
            } finally {
                Files.deleteIfExists(partial);
            }
        });
    }

    private static String fileName(String url) {
        String path = url;
        int query = path.indexOf('?');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
