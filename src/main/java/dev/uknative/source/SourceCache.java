package dev.uknative.source;

import dev.uknative.core.AtomicFiles;
import dev.uknative.core.ExitCode;
import dev.uknative.core.FileTrees;
import dev.uknative.core.Reporter;
import dev.uknative.core.Sha256;
import dev.uknative.core.UknativeException;
import java.io.IOException;
import java.io.StringReader;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The global, content-addressed store of source trees shared by all projects
 * ({@code $XDG_CACHE_HOME/uknative/sources}):
 *
 * <pre>
 * trees/git-&lt;commit&gt;/          a checkout of one commit (its .git borrows the mirror's objects)
 * trees/tar-&lt;sha256&gt;/          an unpacked tarball with that digest
 * trees/&lt;key&gt;.properties       where it came from, when it was made and last used
 * trees/&lt;key&gt;.manifest         size, time and sha256 of each file ({@link TreeManifest}), checked on use
 * git/&lt;hash&gt;-&lt;name&gt;.git/        a bare mirror of one git remote (fetched, never checked out)
 * tmp/&lt;key&gt;.partial/           an entry being made; renamed into place when complete
 * locks/&lt;key&gt;.lock             held while an entry is made, so concurrent builds wait
 * </pre>
 *
 * An entry is made in {@code tmp/} and renamed into place in one step: a process killed half-way
 * leaves only a {@code .partial} folder, which the next attempt (holding the lock) deletes first.
 */
public final class SourceCache {

    private final Path root;
    private final Reporter reporter;
    private final Clock clock;

    public SourceCache(Path root, Reporter reporter, Clock clock) {
        this.root = root.toAbsolutePath().normalize();
        this.reporter = reporter;
        this.clock = clock;
    }

    public Path root() {
        return root;
    }

    /** Fills a temporary folder with an entry's content. */
    @FunctionalInterface
    public interface Filler {
        void fill(Path folder) throws IOException;
    }

    /** What a cache entry is, for {@code cache list}. */
    public record Entry(String key, Path path, String origin, String ref, Instant created, Instant lastUsed, long bytes) {
    }

    private static final String TREES = "trees";
    private static final java.util.regex.Pattern TREE_KEY = java.util.regex.Pattern.compile("git-[0-9a-f]{40}|tar-[0-9a-f]{64}");

    /**
     * Whether {@code path} is a tree of a source cache (named by its commit or digest, so immutable while
     * its name stands): the cache's own naming, for those who may skip walking it.
     */
    public static boolean isTree(Path path) {
        Path name = path.getFileName();
        Path parent = path.getParent();
        return name != null && parent != null && parent.getFileName() != null && parent.getFileName().toString().equals(TREES)
                && TREE_KEY.matcher(name.toString()).matches();
    }

    /** The key of a git checkout. */
    public static String gitKey(String commit) {
        return "git-" + commit;
    }

    /** The key of an unpacked tarball. */
    public static String tarballKey(String sha256) {
        return "tar-" + sha256;
    }

    /**
     * The finished tree of {@code key}, when the cache has it intact; its last use is recorded. A
     * tree that differs from its manifest (a file edited, added or deleted, the manifest missing) is
     * removed with a warning saying what differed, and reported absent, so the caller fetches it
     * again: the key names one commit or digest, and a tree that no longer is it must not be built.
     */
    public Optional<Path> tree(String key) {
        Path tree = trees().resolve(key);
        if (!Files.isDirectory(tree)) {
            return Optional.empty();
        }
        Optional<String> damage = quickCheck(key, tree);
        if (damage.isPresent()) {
            locked(key, () -> {
                Optional<String> still = Files.isDirectory(tree) ? quickCheck(key, tree) : Optional.empty();
                if (still.isPresent()) {
                    discard(key, tree, still.get());
                }
                return null;
            });
            return Optional.empty();
        }
        touch(key);
        return Optional.of(tree);
    }

    /**
     * The tree of {@code key}, made by {@code filler} when missing or damaged. Holds the key's lock
     * while it checks and fills, so that of two builds wanting the same entry one makes it and the
     * other uses it. A new tree is refused when a link in it leads outside it; its manifest is
     * written before it is renamed into place, so every finished tree has one.
     */
    public Path populate(String key, String origin, String ref, Filler filler) {
        return locked(key, () -> {
            Path tree = trees().resolve(key);
            if (Files.isDirectory(tree)) {
                Optional<String> damage = quickCheck(key, tree);
                if (damage.isEmpty()) {
                    touch(key);
                    return tree;
                }
                discard(key, tree, damage.get());
            }
            Path partial = tmp().resolve(key + ".partial");
            if (Files.exists(partial, LinkOption.NOFOLLOW_LINKS)) {
                reporter.info("Removing an incomplete cache entry left by an interrupted fetch: " + partial);
                FileTrees.delete(partial);
            }
            Files.createDirectories(partial);
            boolean done = false;
            try {
                filler.fill(partial);
                Optional<TreeLinks.Escape> escape = TreeLinks.firstEscape(partial);
                if (escape.isPresent()) {
                    TreeLinks.Escape x = escape.get();
                    throw UknativeException.environment("the source " + origin + " has a link that leaves its tree: " + x.link()
                            + " -> " + x.target() + " (" + x.reason() + ")", "the source is broken or malicious; nothing of it was kept");
                }
                Files.createDirectories(trees());
                AtomicFiles.write(manifestFile(key), TreeManifest.of(partial).render());
                Files.move(partial, tree, StandardCopyOption.ATOMIC_MOVE);
                done = true;
            } finally {
                if (!done) {
                    FileTrees.delete(partial);
                    Files.deleteIfExists(manifestFile(key));
                }
            }
            Instant now = clock.instant();
            writeProperties(trees().resolve(key + ".properties"), origin, ref, now, now);
            return tree;
        });
    }

    /** What {@link #verify} found for one tree: nothing when it is intact. */
    public record Verified(String key, Path path, Optional<String> problem, List<TreeManifest.Difference> differences) {
        public Verified {
            differences = List.copyOf(differences);
        }

        public boolean intact() {
            return problem.isEmpty() && differences.isEmpty();
        }
    }

    /**
     * Checks trees against their manifests, reading and hashing every file: all trees, or the one
     * whose key is {@code key}. Nothing is changed.
     */
    public List<Verified> verify(Optional<String> key) {
        List<Verified> results = new ArrayList<>();
        for (Entry entry : list()) {
            if (key.isPresent() && !key.get().equals(entry.key())) {
                continue;
            }
            Optional<TreeManifest> manifest = readManifest(entry.key());
            if (manifest.isEmpty()) {
                results.add(new Verified(entry.key(), entry.path(), Optional.of(NO_MANIFEST), List.of()));
                continue;
            }
            try {
                results.add(new Verified(entry.key(), entry.path(), Optional.empty(), manifest.get().fullDifferences(entry.path())));
            } catch (IOException e) {
                results.add(new Verified(entry.key(), entry.path(), Optional.of("it cannot be read: " + e.getMessage()), List.of()));
            }
        }
        return results;
    }

    private static final String NO_MANIFEST = "it has no valid manifest (made by an older uknative, or the manifest was damaged)";

    /** How many differences a message names. */
    static final int SHOWN = 5;

    /** Why {@code tree} is not what was fetched, from sizes, times and names only; empty when intact. */
    private Optional<String> quickCheck(String key, Path tree) {
        Optional<TreeManifest> manifest = readManifest(key);
        if (manifest.isEmpty()) {
            return Optional.of(NO_MANIFEST);
        }
        try {
            List<TreeManifest.Difference> differences = manifest.get().quickDifferences(tree);
            return differences.isEmpty() ? Optional.empty() : Optional.of(describe(differences));
        } catch (IOException e) {
            return Optional.of("it cannot be read: " + e.getMessage());
        }
    }

    /** "3 files differ from what was fetched: a (missing), b (size 3 -> 4), …". */
    public static String describe(List<TreeManifest.Difference> differences) {
        List<String> shown = differences.stream().limit(SHOWN).map(TreeManifest.Difference::toString).toList();
        return differences.size() + (differences.size() == 1 ? " file differs" : " files differ") + " from what was fetched: "
                + String.join(", ", shown) + (differences.size() > SHOWN ? ", …" : "");
    }

    private void discard(String key, Path tree, String damage) throws IOException {
        reporter.warn("the cached tree " + tree + " is damaged: " + damage + "; removing it and fetching it again"
                + " (trees in the cache are never to be edited: give a local folder as the source to change Unikraft or a library)");
        remove(tree);
        Files.deleteIfExists(manifestFile(key));
    }

    private Optional<TreeManifest> readManifest(String key) {
        Path file = manifestFile(key);
        try {
            return Files.isRegularFile(file) ? TreeManifest.parse(Files.readString(file, StandardCharsets.UTF_8)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private Path manifestFile(String key) {
        return trees().resolve(key + ".manifest");
    }

    /** The bare mirror folder of a git remote (it may not exist yet). */
    public Path mirror(String url) {
        String name = url.replaceAll("[/\\\\]+$", "").replaceAll("\\.git$", "");
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf(':')) + 1).replaceAll("[^A-Za-z0-9._-]", "_");
        return root.resolve("git").resolve(hash(url).substring(0, 16) + "-" + (name.isEmpty() ? "repo" : name) + ".git");
    }

    /** Records that the mirror of {@code url} was used now. */
    public void touchMirror(String url) {
        Path mirror = mirror(url);
        Path properties = mirror.resolveSibling(mirror.getFileName() + ".properties");
        Properties p = readProperties(properties);
        Instant created = instant(p, "created").orElse(clock.instant());
        writeProperties(properties, url, "", created, clock.instant());
    }

    /** Runs {@code action} holding the lock of {@code key}, waiting for another process or thread that holds it. */
    public <T> T locked(String key, LockedAction<T> action) {
        Path lockFile = root.resolve("locks").resolve(key + ".lock");
        try {
            Files.createDirectories(lockFile.getParent());
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock held = acquire(channel, key)) {
                return action.run();
            }
        } catch (IOException e) {
            throw new UknativeException(ExitCode.ENVIRONMENT, null, "cannot write in the source cache " + root + ": " + e.getMessage(),
                    "check its free space and permissions, or move it with XDG_CACHE_HOME", e);
        }
    }

    /** An action run under a cache lock. */
    @FunctionalInterface
    public interface LockedAction<T> {
        T run() throws IOException;
    }

    private FileLock acquire(FileChannel channel, String key) throws IOException {
        return dev.uknative.core.FileLocks.acquire(channel,
                () -> reporter.info("Waiting for another uknative process to finish fetching " + key + "..."), "the source cache");
    }

    /** Every finished tree, oldest use first. */
    public List<Entry> list() {
        List<Entry> entries = new ArrayList<>();
        if (!Files.isDirectory(trees())) {
            return entries;
        }
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(trees(), Files::isDirectory)) {
            for (Path tree : dir) {
                String key = tree.getFileName().toString();
                Properties p = readProperties(trees().resolve(key + ".properties"));
                Instant modified = Files.getLastModifiedTime(tree).toInstant();
                entries.add(new Entry(key, tree, p.getProperty("origin", "?"), p.getProperty("ref", ""),
                        instant(p, "created").orElse(modified), instant(p, "used").orElse(modified), size(tree)));
            }
        } catch (IOException e) {
            throw new UknativeException(ExitCode.ENVIRONMENT, null, "cannot read the source cache " + root + ": " + e.getMessage(), null, e);
        }
        entries.sort(java.util.Comparator.comparing(Entry::lastUsed).thenComparing(Entry::key));
        return entries;
    }

    /** What {@link #prune} removed. */
    public record Pruned(List<String> removed, long bytes) {
    }

    /**
     * Removes the trees last used before {@code olderThan} ago (all of them when empty), mirrors no
     * remaining tree borrows from and that are as old, and the leftovers of interrupted fetches.
     * Entries another process holds are left alone.
     */
    public Pruned prune(Optional<Duration> olderThan) {
        Instant cutoff = olderThan.map(d -> clock.instant().minus(d)).orElse(Instant.MAX);
        List<String> removed = new ArrayList<>();
        long bytes = 0;
        for (Entry entry : list()) {
            if (!entry.lastUsed().isBefore(cutoff)) {
                continue;
            }
            Optional<Boolean> gone = tryLocked(entry.key(), () -> {
                remove(entry.path());
                Files.deleteIfExists(trees().resolve(entry.key() + ".properties"));
                Files.deleteIfExists(manifestFile(entry.key()));
                return true;
            });
            if (gone.isPresent()) {
                removed.add(entry.key());
                bytes += entry.bytes();
            }
        }
        Set<Path> borrowed = borrowedMirrors();
        Path mirrors = root.resolve("git");
        if (Files.isDirectory(mirrors)) {
            try (DirectoryStream<Path> dir = Files.newDirectoryStream(mirrors, Files::isDirectory)) {
                for (Path mirror : dir) {
                    Path properties = mirror.resolveSibling(mirror.getFileName() + ".properties");
                    Properties p = readProperties(properties);
                    Instant used = instant(p, "used").orElse(Files.getLastModifiedTime(mirror).toInstant());
                    if (borrowed.contains(mirror.toAbsolutePath().normalize()) || !used.isBefore(cutoff)) {
                        continue;
                    }
                    long size = size(mirror);
                    Optional<Boolean> gone = tryLocked("mirror-" + mirror.getFileName(), () -> {
                        remove(mirror);
                        Files.deleteIfExists(properties);
                        return true;
                    });
                    if (gone.isPresent()) {
                        removed.add("git/" + mirror.getFileName());
                        bytes += size;
                    }
                }
            } catch (IOException e) {
                throw new UknativeException(ExitCode.ENVIRONMENT, null, "cannot prune " + mirrors + ": " + e.getMessage(), null, e);
            }
        }
        if (Files.isDirectory(tmp())) {
            try (DirectoryStream<Path> dir = Files.newDirectoryStream(tmp())) {
                for (Path leftover : dir) {
                    String name = leftover.getFileName().toString();
                    String key = name.endsWith(".partial") ? name.substring(0, name.length() - ".partial".length()) : name;
                    tryLocked(key, () -> {
                        FileTrees.delete(leftover);
                        return true;
                    }).ifPresent(x -> removed.add("tmp/" + name));
                }
            } catch (IOException e) {
                throw new UknativeException(ExitCode.ENVIRONMENT, null, "cannot prune " + tmp() + ": " + e.getMessage(), null, e);
            }
        }
        return new Pruned(removed, bytes);
    }

    /** Runs {@code action} if nobody holds {@code key}'s lock; empty when somebody does. */
    private <T> Optional<T> tryLocked(String key, LockedAction<T> action) {
        Path lockFile = root.resolve("locks").resolve(key + ".lock");
        try {
            Files.createDirectories(lockFile.getParent());
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                FileLock lock;
                try {
                    lock = channel.tryLock();
                } catch (OverlappingFileLockException e) {
                    return Optional.empty();
                }
                if (lock == null) {
                    return Optional.empty();
                }
                try (lock) {
                    return Optional.of(action.run());
                }
            }
        } catch (IOException e) {
            throw new UknativeException(ExitCode.ENVIRONMENT, null, "cannot prune the source cache " + root + ": " + e.getMessage(), null, e);
        }
    }

    /** A folder disappears in one step (a rename), then is deleted; a tree is never seen half-deleted. */
    private void remove(Path folder) throws IOException {
        Files.createDirectories(tmp());
        Path doomed = tmp().resolve(folder.getFileName() + "." + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".deleting");
        Files.move(folder, doomed, StandardCopyOption.ATOMIC_MOVE);
        FileTrees.delete(doomed);
    }

    /** The mirrors whose objects a remaining checkout borrows (through .git/objects/info/alternates). */
    private Set<Path> borrowedMirrors() {
        Set<Path> borrowed = new TreeSet<>();
        for (Entry entry : list()) {
            Path alternates = entry.path().resolve(".git/objects/info/alternates");
            if (Files.isRegularFile(alternates)) {
                try {
                    for (String line : Files.readAllLines(alternates)) {
                        if (!line.isBlank()) {
                            Path objects = Path.of(line.trim()).toAbsolutePath().normalize();
                            if (objects.getParent() != null) {
                                borrowed.add(objects.getParent());
                            }
                        }
                    }
                } catch (IOException e) {
                    // An unreadable checkout borrows nothing we can know of; its mirror may go.
                }
            }
        }
        return borrowed;
    }

    private void touch(String key) {
        Path properties = trees().resolve(key + ".properties");
        Properties p = readProperties(properties);
        Instant now = clock.instant();
        writeProperties(properties, p.getProperty("origin", "?"), p.getProperty("ref", ""), instant(p, "created").orElse(now), now);
    }

    private void writeProperties(Path file, String origin, String ref, Instant created, Instant used) {
        String text = "origin=" + escape(origin) + "\nref=" + escape(ref) + "\ncreated=" + created + "\nused=" + used + "\n";
        try {
            Files.createDirectories(file.getParent());
            AtomicFiles.write(file, text);
        } catch (IOException e) {
            // Only the last-use time is lost: prune may then take the entry for older than it is.
            reporter.warn("cannot record the use of " + file + ": " + e.getMessage());
        }
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\n", "\\n").replace("=", "\\=").replace(":", "\\:");
    }

    private static Properties readProperties(Path file) {
        Properties p = new Properties();
        if (Files.isRegularFile(file)) {
            try {
                p.load(new StringReader(Files.readString(file, StandardCharsets.UTF_8)));
            } catch (IOException | IllegalArgumentException e) {
                // A damaged record: the entry is listed as of unknown origin.
            }
        }
        return p;
    }

    private static Optional<Instant> instant(Properties p, String key) {
        try {
            return Optional.ofNullable(p.getProperty(key)).map(Instant::parse);
        } catch (java.time.format.DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static long size(Path tree) throws IOException {
        long[] total = {0};
        Files.walkFileTree(tree, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                total[0] += attrs.size();
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) {
                return FileVisitResult.CONTINUE;
            }
        });
        return total[0];
    }

    private Path trees() {
        return root.resolve(TREES);
    }

    private Path tmp() {
        return root.resolve("tmp");
    }

    static String hash(String text) {
        return Sha256.hex(text);
    }

    /** How much time has passed; for {@code cache list}. */
    public Duration age(Instant then) {
        return Duration.between(then, clock.instant());
    }
}
