package dev.uknative.origin;

import dev.uknative.core.AtomicFiles;
import dev.uknative.core.ExitCode;
import dev.uknative.core.FileLocks;
import dev.uknative.core.Sha256;
import dev.uknative.core.UknativeException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * The origin cache shared by all projects ({@code $XDG_CACHE_HOME/uknative/origins}): the archives
 * that libraries' {@code Makefile.uk} files download during make, stored once by content
 * ({@code sha256/<digest>}), with an index from each URL to the digest it was last stored under
 * ({@code index/<hash of the URL>}, one small file per URL so that writers of different URLs never
 * touch the same file). Every file appears by a rename of a complete temporary file: a download
 * killed half-way leaves only a temporary file, which the next {@link #prune} or store removes.
 * Stores of one URL take a per-URL file lock, so two builds wanting it at once download it once.
 */
public final class OriginCache {

    /** One cached origin: its URL, the digest of its bytes, the blob holding them, and its size. */
    public record Entry(String url, String sha256, Path file, long size) {
    }

    private final Path root;

    public OriginCache(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    /** What {@code url} was last stored as, when its blob is still there. */
    public Optional<Entry> find(String url) {
        Path index = indexPath(url);
        try {
            if (!Files.isRegularFile(index)) {
                return Optional.empty();
            }
            List<String> lines = Files.readAllLines(index, StandardCharsets.UTF_8);
            if (lines.size() < 2 || !lines.get(0).equals(url) || !isDigest(lines.get(1))) {
                return Optional.empty();
            }
            Path blob = blobPath(lines.get(1));
            return Files.isRegularFile(blob) ? Optional.of(new Entry(url, lines.get(1), blob, Files.size(blob))) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Every URL the index names whose blob is there, by URL. */
    public List<Entry> list() {
        List<Entry> entries = new ArrayList<>();
        Path indexDir = root.resolve("index");
        if (!Files.isDirectory(indexDir)) {
            return entries;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(indexDir, "*.url")) {
            for (Path file : files) {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                if (!lines.isEmpty()) {
                    find(lines.get(0)).ifPresent(entries::add);
                }
            }
        } catch (IOException e) {
            throw UknativeException.environment("cannot read the origin cache " + indexDir + ": " + e.getMessage(),
                    "check its permissions, or remove it (uknative cache prune --all)");
        }
        entries.sort(Comparator.comparing(Entry::url));
        return entries;
    }

    /**
     * Copies {@code file} into the cache under {@code url} (hashing it as it copies) and returns the
     * entry; the file itself is left as it was.
     */
    public Entry store(String url, Path file) throws IOException {
        Path temporary = temporaryFile();
        try {
            MessageDigest digest = Sha256.digest();
            try (InputStream in = Files.newInputStream(file); OutputStream out = new DigestOutputStream(Files.newOutputStream(temporary), digest)) {
                in.transferTo(out);
            }
            return adopt(url, temporary, HexFormat.of().formatHex(digest.digest()));
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /**
     * Moves a complete temporary file (from {@link #temporaryFile()}) whose digest is {@code sha256}
     * into the cache and points {@code url} at it.
     */
    public Entry adopt(String url, Path temporary, String sha256) throws IOException {
        Path blob = blobPath(sha256);
        Files.createDirectories(blob.getParent());
        if (!Files.isRegularFile(blob)) {
            Files.move(temporary, blob, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } else {
            Files.deleteIfExists(temporary);
        }
        Path index = indexPath(url);
        Files.createDirectories(index.getParent());
        AtomicFiles.write(index, url + "\n" + sha256 + "\n");
        return new Entry(url, sha256, blob, Files.size(blob));
    }

    /** Forgets {@code url} and the blob it points at (a blob found corrupt). */
    public void forget(String url, String sha256) throws IOException {
        Files.deleteIfExists(indexPath(url));
        Files.deleteIfExists(blobPath(sha256));
    }

    /** A fresh temporary file name inside the cache (same file system as the blobs, for the rename). */
    public Path temporaryFile() throws IOException {
        Path dir = root.resolve("tmp");
        Files.createDirectories(dir);
        return dir.resolve(Long.toHexString(ThreadLocalRandom.current().nextLong()) + "." + ProcessHandle.current().pid() + ".part");
    }

    /**
     * Runs {@code work} holding the lock of {@code url}, waiting for another process or thread that
     * holds it (which is then most likely storing the same file).
     */
    public <T> T locked(String url, Runnable waiting, Supplier<T> work) {
        Path lock = root.resolve("locks").resolve(urlHash(url) + ".lock");
        try {
            Files.createDirectories(lock.getParent());
            try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock held = FileLocks.acquire(channel, waiting, "another download of " + url)) {
                return work.get();
            }
        } catch (IOException e) {
            throw UknativeException.environment("cannot lock " + lock + ": " + e.getMessage(), "check the permissions of " + root);
        }
    }

    /** What a prune removed: the URLs forgotten, and the bytes freed (temporary leftovers included). */
    public record Pruned(List<String> urls, long bytes) {
    }

    /** Marks {@code url} as used now (its index file's time), for {@link #prune}. */
    public void touch(String url) {
        try {
            Files.setLastModifiedTime(indexPath(url), java.nio.file.attribute.FileTime.from(java.time.Instant.now()));
        } catch (IOException e) {
            // Only the prune's age is off by this.
        }
    }

    /**
     * Removes temporary files no process is writing any more (their writer's pid is gone) and the
     * entries last used before {@code before} (every entry when empty).
     */
    public Pruned prune(Optional<java.time.Instant> before) {
        long freed = 0;
        List<String> urls = new ArrayList<>();
        try {
            Path tmp = root.resolve("tmp");
            if (Files.isDirectory(tmp)) {
                try (DirectoryStream<Path> files = Files.newDirectoryStream(tmp)) {
                    for (Path file : files) {
                        if (!writerAlive(file)) {
                            freed += Files.size(file);
                            Files.deleteIfExists(file);
                        }
                    }
                }
            }
            for (Entry entry : list()) {
                java.time.Instant used = Files.getLastModifiedTime(indexPath(entry.url())).toInstant();
                if (before.isEmpty() || used.isBefore(before.get())) {
                    Files.deleteIfExists(indexPath(entry.url()));
                    urls.add(entry.url());
                }
            }
            // A blob no index names any more (several URLs may share one) goes.
            java.util.Set<String> kept = new java.util.HashSet<>();
            list().forEach(e -> kept.add(e.sha256()));
            Path blobs = root.resolve("sha256");
            if (Files.isDirectory(blobs)) {
                try (DirectoryStream<Path> files = Files.newDirectoryStream(blobs)) {
                    for (Path file : files) {
                        if (!kept.contains(file.getFileName().toString())) {
                            freed += Files.size(file);
                            Files.deleteIfExists(file);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UknativeException(ExitCode.ENVIRONMENT, null, "cannot prune the origin cache " + root + ": " + e.getMessage(),
                    "check its permissions", e);
        }
        return new Pruned(urls, freed);
    }

    private static boolean writerAlive(Path temporary) {
        String[] parts = temporary.getFileName().toString().split("\\.");
        if (parts.length < 3) {
            return false;
        }
        try {
            return ProcessHandle.of(Long.parseLong(parts[1])).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private Path blobPath(String sha256) {
        if (!isDigest(sha256)) {
            throw new IllegalArgumentException("not a sha256: " + sha256);
        }
        return root.resolve("sha256").resolve(sha256);
    }

    private Path indexPath(String url) {
        return root.resolve("index").resolve(urlHash(url) + ".url");
    }

    static boolean isDigest(String text) {
        return text.matches("[0-9a-f]{64}");
    }

    private static String urlHash(String url) {
        return Sha256.hex(url).substring(0, 32);
    }

}
