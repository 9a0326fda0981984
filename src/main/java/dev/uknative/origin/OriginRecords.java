package dev.uknative.origin;

import dev.uknative.core.FileLocks;
import dev.uknative.core.Reporter;
import dev.uknative.core.Sha256;
import dev.uknative.core.UknativeException;
import dev.uknative.source.LockFile;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The {@code origins:} map of a project's {@code uknative.lock}: read before a fetch, extended after a
 * first download. Several fetches of one make run ({@code -j}) may record at once, so the
 * read-change-write happens under a file lock (kept in the origin cache, not in the project).
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
        String name = Sha256.hex(lockFile.toString())
                .substring(0, 32);
        Path lock = locks.resolve("lockfile-" + name + ".lock");
        try {
            Files.createDirectories(locks);
            try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock held = FileLocks.acquire(channel, () -> { }, lockFile.toString())) {
                LockFile current = LockFile.read(lockFile, reporter);
                if (current.origins().containsKey(url)) {
                    return;
                }
                Map<String, String> origins = new TreeMap<>(current.origins());
                origins.put(url, sha256);
                current.withOrigins(origins).write(lockFile);
            }
        } catch (IOException e) {
            throw UknativeException.environment("cannot lock " + lock + ": " + e.getMessage(), "check the permissions of " + locks);
        }
    }
}
