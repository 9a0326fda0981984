package dev.uknative.origin;

import dev.uknative.core.Reporter;
import dev.uknative.source.LockFile;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The {@code origins:} map of a project's {@code uknative.lock}: read before a fetch, extended after a
 * first download. Several fetches of one make run ({@code -j}) and the source resolver of another
 * build may write the file at once, so the change goes through {@link LockFile#update} (a file lock
 * kept in the origin cache, not in the project).
 */
public final class OriginRecords {

    private final Path lockFile;
    private final Path locks;
    private final Reporter reporter;

    /** @param locks a folder for the lock of the lock file (the origin cache's {@code locks}) */
    public OriginRecords(Path lockFile, Path locks, Reporter reporter) {
        this.lockFile = lockFile.toAbsolutePath().normalize();
        this.locks = locks;
        this.reporter = reporter;
    }

    public Optional<String> recorded(String url) {
        return Optional.ofNullable(LockFile.read(lockFile, reporter).origins().get(url));
    }

    /** Adds {@code url → sha256} when the lock file lacks it (an existing record is never replaced). */
    public void record(String url, String sha256) {
        LockFile.update(lockFile, locks, reporter, current -> {
            if (current.origins().containsKey(url)) {
                return current;
            }
            Map<String, String> origins = new TreeMap<>(current.origins());
            origins.put(url, sha256);
            return current.withOrigins(origins);
        });
    }
}
