package dev.uknative.source;

import dev.uknative.core.AtomicFiles;
import dev.uknative.core.FileLocks;
import dev.uknative.core.Reporter;
import dev.uknative.core.Sha256;
import dev.uknative.core.UknativeException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * {@code uknative.lock} beside the Kraftfile: what each entry's spec resolved to (commit or tarball
 * digest, source, time), so that a branch or channel builds the same tree until
 * {@code uknative update}. uknative writes it; a damaged one is resolved again with a warning.
 * Every change goes through {@link #update}: the source resolver and the origin fetches make
 * starts ({@code uknative origins wget}, several at once with {@code -j}, and several builds of one
 * project) may write it at once. Only {@code clean --all} deletes it, outside the lock.
 *
 * @param unikraft  the core's entry, when it was resolved from the Kraftfile
 * @param libraries by library name, in the Kraftfile's order
 * @param origins   the sha256 of every archive a library downloaded during make, by URL (sorted):
 *                  recorded on first download, checked on every later use (see origin.OriginFetcher)
 */
public record LockFile(Optional<LockedSource> unikraft, Map<String, LockedSource> libraries, Map<String, String> origins) {

    public static final String NAME = "uknative.lock";

    public LockFile {
        libraries = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(libraries));
        origins = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(origins));
    }

    public LockFile(Optional<LockedSource> unikraft, Map<String, LockedSource> libraries) {
        this(unikraft, libraries, Map.of());
    }

    public static LockFile empty() {
        return new LockFile(Optional.empty(), Map.of(), Map.of());
    }

    /** The same entries with {@code origins} instead. */
    public LockFile withOrigins(Map<String, String> newOrigins) {
        return new LockFile(unikraft, libraries, newOrigins);
    }

    /** Whether it records nothing: no unikraft, no library, no origin. */
    public boolean isEmpty() {
        return unikraft.isEmpty() && libraries.isEmpty() && origins.isEmpty();
    }

    /**
     * Changes {@code file} as its only writer: under a file lock every writer takes, the file is read
     * again, {@code change} is given what it holds now and returns what it should hold, which is
     * written atomically, and only when its text changed (make and the build fingerprint look at
     * its time). An absent file that would record nothing is not created. Whoever read the file
     * earlier and then worked for minutes must make its change here, from the file as it is now:
     * anything written in between (an origin a parallel fetch recorded) stays.
     *
     * @param locks  where the lock of the lock file is kept (the origin cache's {@code locks}), never
     *               the project: it may be read-only or shared, and the lock must not show up there
     * @param change pure, and quick: the lock is held while it runs
     * @return what the file holds afterwards
     */
    public static LockFile update(Path file, Path locks, Reporter reporter, UnaryOperator<LockFile> change) {
        Path lock = locks.resolve("lockfile-" + Sha256.hex(lockKey(file)).substring(0, 32) + ".lock");
        try {
            Files.createDirectories(locks);
            try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock held = FileLocks.acquire(channel, () -> { }, file.toString())) {
                LockFile current = read(file, reporter);
                LockFile changed = change.apply(current);
                if (Files.exists(file) || !changed.isEmpty()) {
                    changed.write(file);
                }
                return changed;
            }
        } catch (IOException e) {
            throw UknativeException.environment("cannot lock " + lock + ": " + e.getMessage(), "check the permissions of " + locks);
        }
    }

    /**
     * The one spelling of {@code file} every writer names its lock by: absolute, normalized, and
     * through the real path of its folder, so that a project reached through a symbolic link takes
     * the same lock (the file itself may not exist yet).
     */
    private static String lockKey(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        Path folder = absolute.getParent();
        try {
            return folder.toRealPath().resolve(absolute.getFileName()).toString();
        } catch (IOException e) {
            return absolute.toString();
        }
    }

    /** The lock file beside a Kraftfile. */
    public static Path beside(Path kraftfile) {
        return kraftfile.toAbsolutePath().getParent().resolve(NAME);
    }

    /** Reads {@code file}; an absent file is empty, a damaged one is empty with a warning. */
    public static LockFile read(Path file, Reporter reporter) {
        if (!Files.isRegularFile(file)) {
            return empty();
        }
        try {
            Object document = new Load(LoadSettings.builder().build()).loadFromString(Files.readString(file));
            if (!(document instanceof Map<?, ?> root)) {
                throw new IllegalArgumentException("not a mapping");
            }
            Optional<LockedSource> unikraft = Optional.ofNullable(root.get("unikraft")).map(LockFile::entry);
            Map<String, LockedSource> libraries = new LinkedHashMap<>();
            if (root.get("libraries") instanceof Map<?, ?> libs) {
                for (Map.Entry<?, ?> e : libs.entrySet()) {
                    libraries.put(String.valueOf(e.getKey()), entry(e.getValue()));
                }
            }
            Map<String, String> origins = new LinkedHashMap<>();
            if (root.get("origins") instanceof Map<?, ?> map) {
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    String digest = String.valueOf(e.getValue());
                    if (!digest.matches("[0-9a-f]{64}")) {
                        throw new IllegalArgumentException("origins: " + e.getKey() + " has no sha256");
                    }
                    origins.put(String.valueOf(e.getKey()), digest);
                }
            }
            return new LockFile(unikraft, libraries, origins);
        } catch (IOException | YamlEngineException | IllegalArgumentException | DateTimeParseException e) {
            reporter.warn(file + " cannot be read (" + e.getMessage() + "); resolving every source again");
            return empty();
        }
    }

    private static LockedSource entry(Object value) {
        if (!(value instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("an entry is not a mapping");
        }
        return new LockedSource(field(map, "spec"), field(map, "type"), field(map, "source"), field(map, "ref"),
                field(map, "id"), Instant.parse(field(map, "resolved")));
    }

    private static String field(Map<?, ?> map, String key) {
        Object value = map.get(key);
        if (value == null) {
            if (key.equals("ref")) {
                return "";
            }
            throw new IllegalArgumentException("an entry has no " + key + ":");
        }
        return value.toString();
    }

    /** Writes the lock file when its content changed; private, so that every writer goes through {@link #update}. */
    private void write(Path file) {
        StringBuilder s = new StringBuilder();
        s.append("# Written by uknative: what the Kraftfile's sources resolved to. Keep it with the Kraftfile for\n");
        s.append("# reproducible builds; `uknative update` resolves channels and branches again.\n");
        unikraft.ifPresent(u -> {
            s.append("unikraft:\n");
            entry(s, u, "  ");
        });
        if (!libraries.isEmpty()) {
            s.append("libraries:\n");
            libraries.forEach((name, l) -> {
                s.append("  ").append(quote(name)).append(":\n");
                entry(s, l, "    ");
            });
        }
        if (!origins.isEmpty()) {
            s.append("origins:\n");
            origins.forEach((url, sha256) -> s.append("  ").append(quote(url)).append(": ").append(quote(sha256)).append('\n'));
        }
        try {
            AtomicFiles.writeIfChanged(file, s.toString());
        } catch (IOException e) {
            throw UknativeException.environment("cannot write " + file + ": " + e.getMessage(), "check the permissions of the project folder");
        }
    }

    private static void entry(StringBuilder s, LockedSource l, String indent) {
        s.append(indent).append("spec: ").append(quote(l.spec())).append('\n');
        s.append(indent).append("type: ").append(l.type()).append('\n');
        s.append(indent).append("source: ").append(quote(l.source())).append('\n');
        s.append(indent).append("ref: ").append(quote(l.ref())).append('\n');
        s.append(indent).append("id: ").append(quote(l.id())).append('\n');
        s.append(indent).append("resolved: ").append(quote(l.resolved().toString())).append('\n');
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
