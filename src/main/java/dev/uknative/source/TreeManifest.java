package dev.uknative.source;

import dev.uknative.core.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a cached tree held when it was made: for every file its size, modification time and sha256,
 * for every link its target. Kept beside the tree ({@code trees/<key>.manifest}) as text closed by
 * the sha256 of everything before it, so a manifest cut short or edited is refused, not believed.
 *
 * <p>{@link #quickDifferences} compares sizes, times and the set of names (a stat per file, no
 * reading); {@link #fullDifferences} also reads and hashes every file. A checkout's top-level
 * {@code .git} is left out: git updates its index and refs in place.
 *
 * <pre>
 * # uknative tree manifest 1
 * F &lt;size&gt; &lt;mtime ms&gt; &lt;sha256&gt; &lt;path&gt;
 * L - - &lt;target&gt; &lt;path&gt;
 * sha256 &lt;digest of the lines above&gt;
 * </pre>
 *
 * Fields are tab-separated; a tab, newline or backslash in a path or target is written as
 * {@code \t}, {@code \n}, {@code \\}.
 */
public final class TreeManifest {

    private static final String HEADER = "# uknative tree manifest 1";
    private static final String CHECKSUM = "sha256\t";

    /** One file ({@code link} empty) or link ({@code sha256} empty, size and time 0). */
    public record Item(String path, long size, long modifiedMillis, String sha256, Optional<String> link) {
        public Item {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(sha256, "sha256");
            Objects.requireNonNull(link, "link");
        }
    }

    /** How a tree differs from its manifest: one line per name, in path order. */
    public record Difference(String path, String what) {
        @Override
        public String toString() {
            return path + " (" + what + ")";
        }
    }

    private final Map<String, Item> items;

    private TreeManifest(Map<String, Item> items) {
        this.items = items;
    }

    public int size() {
        return items.size();
    }

    /** Reads every file of {@code tree} and hashes it. */
    public static TreeManifest of(Path tree) throws IOException {
        Map<String, Item> items = new TreeMap<>();
        for (Map.Entry<String, Stat> e : scan(tree).entrySet()) {
            Stat s = e.getValue();
            items.put(e.getKey(), s.link().isPresent() ? new Item(e.getKey(), 0, 0, "", s.link())
                    : new Item(e.getKey(), s.size(), s.modifiedMillis(), sha256(tree.resolve(e.getKey())), Optional.empty()));
        }
        return new TreeManifest(items);
    }

    /** The text form, closed by its checksum line. */
    public String render() {
        StringBuilder out = new StringBuilder(HEADER).append('\n');
        for (Item item : items.values()) {
            if (item.link().isPresent()) {
                out.append("L\t-\t-\t").append(escape(item.link().get()));
            } else {
                out.append("F\t").append(item.size()).append('\t').append(item.modifiedMillis()).append('\t').append(item.sha256());
            }
            out.append('\t').append(escape(item.path())).append('\n');
        }
        String body = out.toString();
        return body + CHECKSUM + digest(body) + '\n';
    }

    /** Reads {@link #render()}'s form; empty when the text is not one, is cut short or was changed. */
    public static Optional<TreeManifest> parse(String text) {
        int last = text.lastIndexOf(CHECKSUM);
        if (!text.startsWith(HEADER + "\n") || last < 0 || (last > 0 && text.charAt(last - 1) != '\n') || !text.endsWith("\n")) {
            return Optional.empty();
        }
        String body = text.substring(0, last);
        if (!text.substring(last + CHECKSUM.length(), text.length() - 1).equals(digest(body))) {
            return Optional.empty();
        }
        Map<String, Item> items = new TreeMap<>();
        String[] lines = body.split("\n");
        try {
            for (int i = 1; i < lines.length; i++) {
                String[] f = lines[i].split("\t", -1);
                if (f.length != 5) {
                    return Optional.empty();
                }
                String path = unescape(f[4]);
                Item item = switch (f[0]) {
                    case "F" -> new Item(path, Long.parseLong(f[1]), Long.parseLong(f[2]), f[3], Optional.empty());
                    case "L" -> new Item(path, 0, 0, "", Optional.of(unescape(f[3])));
                    default -> null;
                };
                if (item == null || items.put(path, item) != null) {
                    return Optional.empty();
                }
            }
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return Optional.of(new TreeManifest(items));
    }

    /** Missing, added, resized, retimed or relinked names: what a stat of every file shows. */
    public List<Difference> quickDifferences(Path tree) throws IOException {
        return differences(tree, false);
    }

    /** {@link #quickDifferences} and every file whose content no longer has its sha256. */
    public List<Difference> fullDifferences(Path tree) throws IOException {
        return differences(tree, true);
    }

    private List<Difference> differences(Path tree, boolean hash) throws IOException {
        Map<String, Stat> now = scan(tree);
        List<Difference> found = new ArrayList<>();
        TreeMap<String, Boolean> names = new TreeMap<>();
        items.keySet().forEach(n -> names.put(n, true));
        now.keySet().forEach(n -> names.put(n, true));
        for (String name : names.keySet()) {
            Item was = items.get(name);
            Stat is = now.get(name);
            if (is == null) {
                found.add(new Difference(name, "missing"));
            } else if (was == null) {
                found.add(new Difference(name, "added"));
            } else if (was.link().isPresent() || is.link().isPresent()) {
                if (!was.link().equals(is.link())) {
                    found.add(new Difference(name, is.link().isEmpty() ? "was a link, now a file"
                            : was.link().isEmpty() ? "was a file, now a link" : "link changed"));
                }
            } else if (was.size() != is.size()) {
                found.add(new Difference(name, "size " + was.size() + " -> " + is.size()));
            } else if (hash) {
                if (!was.sha256().equals(sha256(tree.resolve(name)))) {
                    found.add(new Difference(name, "content changed"));
                }
            } else if (was.modifiedMillis() != is.modifiedMillis()) {
                found.add(new Difference(name, "modified since it was fetched"));
            }
        }
        return found;
    }

    private record Stat(long size, long modifiedMillis, Optional<String> link) {
    }

    private static Map<String, Stat> scan(Path tree) throws IOException {
        Map<String, Stat> found = new TreeMap<>();
        Path top = tree.toAbsolutePath().normalize();
        Files.walkFileTree(top, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                return dir.equals(top.resolve(".git")) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                String name = top.relativize(file).toString();
                if (name.equals(".git")) {
                    return FileVisitResult.CONTINUE; // a worktree's .git file
                }
                if (attrs.isSymbolicLink()) {
                    found.put(name, new Stat(0, 0, Optional.of(Files.readSymbolicLink(file).toString())));
                } else {
                    found.put(name, new Stat(attrs.size(), attrs.lastModifiedTime().toMillis(), Optional.empty()));
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return found;
    }

    private static String sha256(Path file) throws IOException {
        MessageDigest digest = Sha256.digest();
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static String digest(String text) {
        return Sha256.hex(text);
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n");
    }

    private static String unescape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char next = s.charAt(++i);
                out.append(next == 't' ? '\t' : next == 'n' ? '\n' : next);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
