package dev.uknative.source;

import dev.uknative.core.ExitCode;
import dev.uknative.core.UknativeException;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.apache.commons.compress.archivers.ArchiveEntry;
import org.apache.commons.compress.archivers.ArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipMethod;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Unpacks a source archive (tar, tar.gz, tar.bz2, zip) into an empty folder, refusing every
 * entry that would land outside it or make the tree point outside it: absolute names, {@code ..}
 * segments, symbolic links whose target leaves the tree when resolved through the links already on
 * disk, entries written below a link, hard links to anything but an earlier regular file of the
 * tree, two entries for one name, devices and FIFOs. Every entry is created new and never through a
 * link (no parent folder is a link, files are opened with {@code CREATE_NEW} and
 * {@code NOFOLLOW_LINKS}), and the finished tree is walked once more, since a link made later can
 * change where an earlier one leads. A single top folder (as in GitHub's archives,
 * {@code unikraft-RELEASE-0.17.0/}) is stripped. Executable bits are kept: Unikraft's build runs
 * scripts from its tree.
 *
 * <p>A truncated archive and a corrupt one are told apart, naming the archive and, when known, the
 * entry being read.
 */
public final class ArchiveExtractor {

    private static final String REFUSED = "the archive is broken or malicious; nothing of it was kept";
    /** The zip methods Commons Compress decodes with what uknative ships: stored, shrunk, imploded, deflate, deflate64, bzip2. */
    private static final Set<Integer> DECODED = Set.of(ZipMethod.STORED.getCode(), ZipMethod.UNSHRINKING.getCode(),
            ZipMethod.IMPLODING.getCode(), ZipMethod.DEFLATED.getCode(), ZipMethod.ENHANCED_DEFLATED.getCode(), ZipMethod.BZIP2.getCode());

    private ArchiveExtractor() {
    }

    /** Extracts {@code archive} (its format chosen by {@code name}) into the empty folder {@code target}. */
    public static void extract(Path archive, String name, Path target) {
        Optional<String> top = commonTopFolder(archive, name);
        Path root;
        try {
            root = target.toRealPath();
        } catch (IOException e) {
            throw cannotWrite(target, e);
        }
        try {
            forEachEntry(archive, name, (in, entry) -> {
                try {
                    write(in, entry, name, top, root);
                } catch (InvalidPathException e) {
                    throw refused(name, "has an entry whose name or link is no valid path: " + printable(entry.getName()));
                }
            });
        } catch (IOException e) {
            throw cannotWrite(target, e);
        }
        try {
            Optional<TreeLinks.Escape> escape = TreeLinks.firstEscape(root);
            if (escape.isPresent()) {
                TreeLinks.Escape x = escape.get();
                throw refused(name, "has a link that leaves its tree: " + top.map(t -> t + "/").orElse("") + x.link() + " -> " + x.target()
                        + " (" + x.reason() + ", through links unpacked after it)");
            }
        } catch (IOException e) {
            throw cannotWrite(target, e);
        }
    }

    private static void write(ArchiveInputStream<?> in, ArchiveEntry entry, String name, Optional<String> top, Path root)
            throws IOException {
        String entryName = entry.getName();
        checkName(name, entryName);
        List<String> relative = components(strip(entryName, top));
        if (relative.isEmpty()) {
            return;
        }
        Path destination = path(name, entryName, root, relative);
        Path parent = destination.getParent();
        makeParents(name, entryName, root, parent);
        boolean exists = Files.exists(destination, LinkOption.NOFOLLOW_LINKS);
        if (entry instanceof TarArchiveEntry tar && tar.isSymbolicLink()) {
            String link = tar.getLinkName();
            if (link == null || link.isEmpty()) {
                throw refused(name, "has a link with no target: " + entryName);
            }
            Optional<String> leaves = TreeLinks.leaves(root, parent, link);
            if (leaves.isPresent()) {
                throw refused(name, "has a link that leaves its tree: " + entryName + " -> " + link + " (" + leaves.get() + ")");
            }
            requireNew(name, entryName, destination, exists);
            Files.createSymbolicLink(destination, Path.of(link));
        } else if (entry instanceof TarArchiveEntry tar && tar.isLink()) {
            String linkName = tar.getLinkName();
            String n = linkName.replace('\\', '/');
            if (n.startsWith("/") || n.matches("^[A-Za-z]:.*") || List.of(n.split("/")).contains("..")) {
                throw refused(name, "has a hard link that leaves its tree: " + entryName + " -> " + linkName);
            }
            List<String> sourceNames = components(strip(linkName, top));
            Path source = sourceNames.isEmpty() ? root : path(name, linkName, root, sourceNames);
            if (source.getParent() == null || !source.startsWith(root) || !TreeLinks.realFolderUnder(root, source.getParent())
                    || !Files.isRegularFile(source, LinkOption.NOFOLLOW_LINKS)) {
                throw refused(name, "has a hard link to something that is not an earlier file of its tree: " + entryName + " -> " + linkName);
            }
            requireNew(name, entryName, destination, exists);
            try (InputStream from = Files.newInputStream(source, LinkOption.NOFOLLOW_LINKS)) {
                copy(from, destination, name, entryName, false);
            }
            if (Files.isExecutable(source)) {
                makeExecutable(destination);
            }
        } else if (entry.isDirectory()) {
            if (exists && !Files.isDirectory(destination, LinkOption.NOFOLLOW_LINKS)) {
                throw refused(name, "has two entries for " + entryName);
            }
            if (!exists) {
                Files.createDirectory(destination);
            }
        } else if (entry instanceof TarArchiveEntry tar && (tar.isCharacterDevice() || tar.isBlockDevice() || tar.isFIFO())) {
            throw refused(name, "has a device or FIFO: " + entryName + " (a source tree has none)");
        } else if (entry instanceof TarArchiveEntry tar && !tar.isFile()) {
            // Other metadata entries (GNU volume labels, unknown vendor types) carry no file.
            return;
        } else {
            requireNew(name, entryName, destination, exists);
            copy(in, destination, name, entryName, true);
            if (executable(entry)) {
                makeExecutable(destination);
            }
        }
    }

    /** Creates the missing folders above an entry; each existing one must be a real folder, not a link or a file. */
    private static void makeParents(String archive, String entryName, Path root, Path parent) throws IOException {
        Path current = root;
        for (Path part : root.relativize(parent)) {
            if (part.toString().isEmpty()) {
                continue;
            }
            current = current.resolve(part);
            if (Files.isSymbolicLink(current)) {
                throw refused(archive, "writes through a link: " + entryName);
            }
            if (!Files.exists(current, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectory(current);
            } else if (!Files.isDirectory(current, LinkOption.NOFOLLOW_LINKS)) {
                throw refused(archive, "has an entry below a file: " + entryName);
            }
        }
        if (!current.toRealPath().startsWith(root)) {
            throw refused(archive, "writes through a link: " + entryName);
        }
    }

    private static void requireNew(String archive, String entryName, Path destination, boolean exists) {
        if (exists) {
            throw refused(archive, Files.isSymbolicLink(destination) ? "writes through a link: " + entryName
                    : "has two entries for " + entryName);
        }
    }

    /** Copies an entry's bytes into a new file; a read failure is the archive's, a write failure the disk's. */
    private static void copy(InputStream in, Path destination, String archive, String entryName, boolean fromArchive) throws IOException {
        try (OutputStream out = Files.newOutputStream(destination, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS)) {
            byte[] buffer = new byte[64 * 1024];
            while (true) {
                int n;
                try {
                    n = in.read(buffer);
                } catch (IOException | RuntimeException | LinkageError e) {
                    // Untrusted bytes into a third-party decoder (see forEachEntry): anything it throws is a corrupt entry.
                    if (!fromArchive && e instanceof IOException io) {
                        throw io;
                    }
                    throw unreadable(archive, entryName, e);
                }
                if (n < 0) {
                    break;
                }
                out.write(buffer, 0, n);
            }
        }
    }

    private static void makeExecutable(Path file) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        if (view == null) {
            return;
        }
        Set<PosixFilePermission> permissions = EnumSet.copyOf(view.readAttributes().permissions());
        permissions.addAll(Set.of(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_EXECUTE,
                PosixFilePermission.OTHERS_EXECUTE));
        view.setPermissions(permissions);
    }

    private static List<String> components(String relative) {
        List<String> names = new ArrayList<>();
        for (String part : relative.split("/")) {
            if (!part.isEmpty() && !part.equals(".")) {
                names.add(part);
            }
        }
        return names;
    }

    private static Path path(String archive, String entryName, Path root, List<String> names) {
        try {
            Path p = root.resolve(String.join("/", names));
            if (!p.startsWith(root) || p.equals(root)) {
                throw refused(archive, "has a path that leaves its tree: " + entryName);
            }
            return p;
        } catch (InvalidPathException e) {
            throw refused(archive, "has a name that is no valid path: " + printable(entryName));
        }
    }

    private static boolean executable(ArchiveEntry entry) {
        if (entry instanceof TarArchiveEntry tar) {
            return (tar.getMode() & 0100) != 0;
        }
        if (entry instanceof ZipArchiveEntry zip) {
            return (zip.getUnixMode() & 0100) != 0;
        }
        return false;
    }

    private static void checkName(String archive, String entryName) {
        String n = entryName.replace('\\', '/');
        if (n.startsWith("/") || n.matches("^[A-Za-z]:.*")) {
            throw refused(archive, "has an absolute path: " + entryName);
        }
        for (String segment : n.split("/")) {
            if (segment.equals("..")) {
                throw refused(archive, "has a path that leaves its tree: " + entryName);
            }
        }
    }

    private static String strip(String entryName, Optional<String> top) {
        String n = entryName.replace('\\', '/');
        while (n.startsWith("./")) {
            n = n.substring(2);
        }
        if (top.isPresent() && (n.equals(top.get()) || n.startsWith(top.get() + "/"))) {
            // A hard link's target outside the top folder is taken as written; it must still name a file of the tree.
            n = n.equals(top.get()) ? "" : n.substring(top.get().length() + 1);
        }
        while (n.endsWith("/")) {
            n = n.substring(0, n.length() - 1);
        }
        return n;
    }

    /** What is done with each entry of an archive, its data readable from {@code in}. */
    private interface EntryAction {
        void accept(ArchiveInputStream<?> in, ArchiveEntry entry) throws IOException;
    }

    /**
     * Reads every entry of {@code archive} but pax global headers, refusing one whose data cannot be
     * decoded; an {@link IOException} from {@code action} or from closing the archive is the caller's.
     */
    private static void forEachEntry(Path archive, String name, EntryAction action) throws IOException {
        String current = null;
        ArchiveInputStream<?> opened;
        try {
            opened = open(archive, name);
        } catch (IOException | RuntimeException | LinkageError e) {
            // Untrusted bytes into a third-party decoder (a gzip header is read here): whatever it throws is the archive's fault.
            throw unreadable(name, null, e);
        }
        try (ArchiveInputStream<?> in = opened) {
            while (true) {
                ArchiveEntry entry;
                try {
                    entry = in.getNextEntry();
                } catch (IOException | RuntimeException | LinkageError e) {
                    // Untrusted bytes into a third-party decoder: Commons Compress and the JDK's inflater throw
                    // more than IOException on them (NullPointerException, ArrayIndexOutOfBoundsException, a
                    // NoClassDefFoundError for a codec not on the class path); each is a corrupt archive.
                    throw unreadable(name, current, e);
                }
                if (entry == null) {
                    return;
                }
                current = entry.getName();
                requireReadable(in, entry, name);
                if (!(entry instanceof TarArchiveEntry tar && tar.isGlobalPaxHeader())) {
                    action.accept(in, entry);
                }
            }
        }
    }

    /**
     * The one folder every entry is in, when there is one (pax global headers do not count). The
     * archive is read to its end all the same: a truncated archive is refused before anything is written.
     */
    private static Optional<String> commonTopFolder(Path archive, String name) {
        String[] top = {null};
        boolean[] any = {false};
        boolean[] single = {true};
        try {
            forEachEntry(archive, name, (in, entry) -> {
                if (!single[0]) {
                    return;
                }
                String n = entry.getName().replace('\\', '/');
                while (n.startsWith("./")) {
                    n = n.substring(2);
                }
                if (n.isEmpty()) {
                    return;
                }
                int slash = n.indexOf('/');
                String first = slash < 0 ? n : n.substring(0, slash);
                boolean isFolder = slash >= 0 || entry.isDirectory();
                if (!isFolder || (top[0] != null && !top[0].equals(first))) {
                    single[0] = false;
                    return;
                }
                top[0] = first;
                any[0] = true;
            });
        } catch (IOException e) {
            throw unreadable(name, null, e);
        }
        return single[0] && any[0] && !top[0].equals("..") ? Optional.of(top[0]) : Optional.empty();
    }

    /**
     * Refuses a zip entry whose data this reader cannot decode, naming it, before its data is read or
     * skipped: Commons Compress has no decoder at hand for some methods it knows (xz streams from null,
     * zstd needs a library uknative does not ship) and fails on them with a NullPointerException or a
     * NoClassDefFoundError, and encrypted entries have no key.
     */
    private static void requireReadable(ArchiveInputStream<?> in, ArchiveEntry entry, String archive) {
        if (entry instanceof ZipArchiveEntry zip && (!DECODED.contains(zip.getMethod()) || !in.canReadEntryData(entry))) {
            ZipMethod method = ZipMethod.getMethodByCode(zip.getMethod());
            String what = zip.getGeneralPurposeBit().usesEncryption() ? "is encrypted"
                    : "is compressed with zip method " + zip.getMethod() + (method == null ? "" : " (" + method + ")");
            throw new UknativeException(ExitCode.ENVIRONMENT, null, "cannot unpack " + archive + ": its entry " + printable(zip.getName())
                    + " " + what + ", which uknative cannot read",
                    "repack the archive as .tar.gz, or as a zip stored or compressed with deflate; nothing of it was kept");
        }
    }

    private static ArchiveInputStream<?> open(Path archive, String name) throws IOException {
        String n = name.toLowerCase(Locale.ROOT);
        int query = n.indexOf('?');
        if (query >= 0) {
            n = n.substring(0, query);
        }
        InputStream raw = new BufferedInputStream(Files.newInputStream(archive));
        try {
            if (n.endsWith(".zip")) {
                return new ZipArchiveInputStream(raw) {
                    @Override
                    protected InputStream createZstdInputStream(InputStream compressed) {
                        // zstd-jni is not shipped: the entry's raw bytes stand in, so that the entry can be
                        // listed and skipped; requireReadable refuses it before anything reads them.
                        return compressed;
                    }
                };
            }
            InputStream decompressed;
            if (n.endsWith(".tar.gz") || n.endsWith(".tgz")) {
                decompressed = new GzipCompressorInputStream(raw, true);
            } else if (n.endsWith(".tar.bz2") || n.endsWith(".tbz2")) {
                decompressed = new BZip2CompressorInputStream(raw);
            } else {
                decompressed = raw;
            }
            return new TarArchiveInputStream(decompressed);
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    /** An entry name as it can be shown on a terminal: control characters escaped. */
    private static String printable(String name) {
        StringBuilder out = new StringBuilder();
        name.codePoints().forEach(c -> out.append(Character.isISOControl(c) ? String.format("\\x%02x", c) : Character.toString(c)));
        return out.toString();
    }

    private static UknativeException refused(String archive, String what) {
        return UknativeException.environment("the archive " + archive + " " + what, REFUSED);
    }

    /**
     * The archive cannot be read: truncated when its data ends early (a cut download), corrupt
     * otherwise; {@code entry} is the entry being read, when one was.
     */
    static UknativeException unreadable(String archive, String entry, Throwable e) {
        // Only an IOException's message is meant for people; a decoder's NullPointerException or
        // ArrayIndexOutOfBoundsException says where the decoder broke, not what is wrong with the archive.
        String reason = e instanceof IOException ? reason(e) : "its data cannot be decoded";
        boolean truncated = e instanceof EOFException || reason.toLowerCase(Locale.ROOT).matches(
                ".*(truncated|premature end|unexpected end|end of (file|stream)|\\beof\\b).*");
        String where = entry == null ? "" : " (in " + entry + ")";
        String message = truncated
                ? "cannot unpack " + archive + ": it is truncated" + where + "; the file ends before the archive does"
                : "cannot unpack " + archive + ": it is corrupt" + where + (reason.isEmpty() ? "" : ": " + reason);
        return new UknativeException(ExitCode.ENVIRONMENT, null, message, truncated
                ? "the download was cut short or the file is incomplete; fetch it again; nothing of it was kept"
                : "the archive is damaged or not in the format its name says; nothing of it was kept", e);
    }

    private static UknativeException cannotWrite(Path target, IOException e) {
        return new UknativeException(ExitCode.ENVIRONMENT, null, "cannot unpack into " + target + ": " + reason(e),
                "check the free space and permissions of the cache folder, or move it with XDG_CACHE_HOME", e);
    }

    /** A library's message without a Java class name in it ("java.util.zip.ZipException: invalid …" is "invalid …"). */
    static String reason(Throwable e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return e.getCause() != null && e.getCause() != e ? reason(e.getCause()) : "";
        }
        return message.replaceAll("\\b(?:[a-z][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_$]*(?:Exception|Error)(?::\\s*)?", "").trim();
    }
}
