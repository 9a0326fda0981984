package dev.uknative.app;

import dev.uknative.core.ExitCode;
import dev.uknative.core.Location;
import dev.uknative.core.Reporter;
import dev.uknative.core.UknativeException;
import dev.uknative.origin.MakeFetch;
import dev.uknative.origin.OriginCache;
import dev.uknative.origin.OriginFailure;
import dev.uknative.origin.OriginFetcher;
import dev.uknative.origin.OriginRecords;
import dev.uknative.origin.WgetCall;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * {@code uknative origins}: the archives libraries download during make. {@code import} records a
 * file the user has under the URL a library fetches, {@code fetch} downloads one into the cache,
 * {@code list} shows the cache, and {@link #serveMake} is make's {@code $(WGET)} during a build.
 */
public final class Origins {

    private final Services services;
    private final Reporter reporter;

    public Origins(Services services, Reporter reporter) {
        this.services = services;
        this.reporter = reporter;
    }

    /** Stores {@code file} in the origin cache under {@code url}; returns the entry (with its sha256). */
    public OriginCache.Entry importFile(String url, Path file) {
        requireUrl(url);
        if (!Files.isRegularFile(file)) {
            throw UknativeException.invalidInput(Location.of(file), "no such file: " + file, "give the archive the URL serves");
        }
        try {
            return services.originCache().store(url, file);
        } catch (IOException e) {
            throw UknativeException.environment("cannot store " + file + " in the origin cache " + services.originCache().root()
                    + ": " + e.getMessage(), "check its permissions and free space");
        }
    }

    /** Downloads {@code url} into the origin cache unless it holds it already. */
    public OriginFetcher.Fetched fetch(String url) {
        requireUrl(url);
        return services.origins(reporter).obtain(new OriginFetcher.Request(url, Optional.empty(), Optional.empty(), ""));
    }

    public List<OriginCache.Entry> list() {
        return services.originCache().list();
    }

    /**
     * One {@code $(WGET)} call of make: the origin from the cache (downloaded into it when missing),
     * checked against the project's {@code uknative.lock} and the library's checksum, placed where make
     * wants it, and recorded in the lock file on first use. A failure is also written where the build
     * reads it ({@link OriginFailure}), since make only sees the exit status.
     *
     * @param arguments        wget's arguments as make passes them
     * @param library          the library's name in make, when make gave it
     * @param librarySha256    the library's {@code <LIB>_ORIGIN_SHA256}, when it sets one
     * @param workingDirectory make's working directory (relative {@code -O} files)
     */
    public void serveMake(List<String> arguments, Optional<String> library, Optional<String> librarySha256, Path workingDirectory) {
        Optional<Path> report = Optional.ofNullable(System.getenv(MakeFetch.REPORT_VARIABLE)).filter(s -> !s.isBlank()).map(Path::of);
        String output = "";
        try {
            WgetCall call = WgetCall.parse(arguments, workingDirectory);
            output = call.output().toString();
            String name = library.filter(s -> !s.isBlank()).orElse(call.libraryName());
            Optional<OriginRecords> records = Optional.ofNullable(System.getenv(MakeFetch.LOCK_VARIABLE)).filter(s -> !s.isBlank())
                    .map(lock -> new OriginRecords(Path.of(lock), services.originLocks(), reporter));
            Optional<String> locked = records.flatMap(r -> r.recorded(call.url()));
            OriginFetcher fetcher = services.origins(reporter);
            OriginFetcher.Fetched fetched = fetcher.obtain(new OriginFetcher.Request(call.url(), locked, librarySha256, name));
            fetcher.place(fetched.entry(), call.output());
            if (locked.isEmpty()) {
                records.ifPresent(r -> r.record(call.url(), fetched.entry().sha256()));
            }
            // Shaped like make's own lines ("  WGET    liblwip: …"), so that the build's progress line shows it.
            String placed = output;
            report.ifPresent(r -> OriginFailure.clear(r, placed));
            reporter.info(String.format("  %-7s %s: %s %s (sha256 %s)", "ORIGIN", name.isEmpty() ? "origin" : name,
                    fetched.downloaded() ? "downloaded" : "from the origin cache", call.url(), fetched.entry().sha256().substring(0, 12)));
        } catch (UknativeException e) {
            String failed = output;
            report.ifPresent(r -> OriginFailure.write(r, e, failed));
            throw e;
        }
    }

    private static void requireUrl(String url) {
        if (!url.matches("(?i)(https?|ftp|file)://.+")) {
            throw new UknativeException(ExitCode.USAGE, null, "not a URL: " + url,
                    "give the URL exactly as the library's Makefile.uk downloads it, e.g. https://www.musl-libc.org/releases/musl-1.2.3.tar.gz");
        }
    }
}
