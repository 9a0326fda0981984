package dev.uknative.source;

import dev.uknative.core.ExitCode;
import dev.uknative.core.NetworkErrors;
import dev.uknative.core.Reporter;
import dev.uknative.core.Sha256;
import dev.uknative.core.UknativeException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;

/**
 * Downloads over HTTP(S) with {@code java.net.http}, and reads {@code file:} URLs the same way, so
 * that tests and offline users work with local files. Downloads report their progress and return
 * the sha256 of what they wrote.
 */
public final class Downloader {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);

    private final Reporter reporter;
    private final boolean offline;
    /** Made on first use: creating one sets up TLS (about 0.1 s), which most builds never need. */
    private HttpClient http;

    public Downloader(Reporter reporter) {
        this(reporter, false);
    }

    /** @param offline read {@code file:} URLs only: every network download is refused */
    public Downloader(Reporter reporter, boolean offline) {
        this.reporter = reporter;
        this.offline = offline;
    }

    private synchronized HttpClient http() {
        if (http == null) {
            http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(CONNECT_TIMEOUT).build();
        }
        return http;
    }

    /** The whole content at {@code uri} (a manifest). */
    public byte[] fetch(URI uri) {
        try (InputStream in = open(uri).stream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw unreachable(uri, e);
        }
    }

    /**
     * Writes the content at {@code uri} to {@code target} and returns its sha256 (lower-case hex).
     * A partial file is left to the caller, who writes into a temporary folder.
     */
    public String download(URI uri, Path target, String label) {
        Opened opened = open(uri);
        MessageDigest digest = Sha256.digest();
        long done = 0;
        long lastReport = 0;
        try (InputStream in = opened.stream(); OutputStream out = new DigestOutputStream(Files.newOutputStream(target), digest)) {
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                done += n;
                if (done - lastReport >= 256 * 1024) {
                    lastReport = done;
                    reporter.progress("downloading " + label + ": " + size(done) + (opened.length() > 0 ? " of " + size(opened.length()) : ""));
                }
            }
        } catch (IOException e) {
            throw unreachable(uri, e);
        }
        if (opened.length() > 0 && done != opened.length()) {
            throw new UknativeException(ExitCode.ENVIRONMENT, null, "the download of " + uri + " ended after " + done + " of "
                    + opened.length() + " bytes", "try again; the partial download was not kept");
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private record Opened(InputStream stream, long length) {
    }

    private Opened open(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme();
        try {
            if (scheme.equals("file")) {
                Path file = Path.of(uri);
                return new Opened(Files.newInputStream(file), Files.size(file));
            }
            if (!scheme.equals("http") && !scheme.equals("https")) {
                throw UknativeException.environment("cannot download " + uri + ": only https:, http: and file: URLs are supported",
                        "use an https: URL, or a file: URL for a local copy");
            }
            if (offline) {
                throw UknativeException.environment("offline, and " + uri + " would have to be downloaded",
                        "run once with network (without --offline / UKNATIVE_OFFLINE), or use a file: URL for a local copy");
            }
            HttpRequest request = HttpRequest.newBuilder(uri).GET().header("User-Agent", "uknative").build();
            HttpResponse<InputStream> response = http().send(request, HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() / 100 != 2) {
                response.body().close();
                throw UknativeException.environment("cannot download " + uri + ": HTTP " + response.statusCode(),
                        "check the URL (in the Kraftfile or the manifest)");
            }
            return new Opened(response.body(), response.headers().firstValueAsLong("Content-Length").orElse(-1));
        } catch (NoSuchFileException e) {
            throw UknativeException.environment("cannot read " + uri + ": no such file", "check the path in the Kraftfile or the manifest");
        } catch (IOException e) {
            throw unreachable(uri, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UknativeException(ExitCode.INTERRUPTED, null, "interrupted while downloading " + uri, null, e);
        }
    }

    private static UknativeException unreachable(URI uri, IOException e) {
        return new UknativeException(ExitCode.ENVIRONMENT, null, "cannot download " + uri + ": " + NetworkErrors.reason(e, uri.getHost())
                        .orElse(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()),
                "check the network and the URL; nothing was kept, so the next run starts again", e);
    }


    static String size(long bytes) {
        if (bytes < 1024 * 1024) {
            return String.format("%.0f KiB", bytes / 1024.0);
        }
        return String.format("%.1f MiB", bytes / (1024.0 * 1024));
    }
}
