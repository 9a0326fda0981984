package dev.uknative.source;

import dev.uknative.core.UknativeException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Unpacks a source archive (tar, tar.gz, tar.bz2, zip) into an empty folder, refusing every
 * entry that would land outside it: absolute names, {@code ..} segments, links whose target leaves
 * the tree, and entries written through a link. A single top folder (as in GitHub's archives,
 * {@code unikraft-RELEASE-0.17.0/}) is stripped. Executable bits are kept: Unikraft's build runs
 * scripts from its tree.
 */
public final class ArchiveExtractor {

    private ArchiveExtractor() {
    }

    /** Extracts {@code archive} (its format chosen by {@code name}) into the empty folder {@code target}. */
    public static void extract(Path archive, String name, Path target) {
        Optional<String> top;
        try {
            top = commonTopFolder(archive, name);
        } catch (IOException e) {
            throw corrupt(name, e);
        }
        Path root = target.toAbsolutePath().normalize();
        List<Path[]> hardLinks = new ArrayList<>();
        try (ArchiveInputStream<?> in = open(archive, name)) {
            ArchiveEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                String entryName = entry.getName();
                checkName(name, entryName);
                String relative = strip(entryName, top);
                if (relative.isEmpty()) {
                    continue;
                }
                Path destination = root.resolve(relative).normalize();
                requireInside(name, entryName, root, destination);
                requireNoLinkOnTheWay(name, entryName, root, destination);
                if (entry instanceof TarArchiveEntry tar && tar.isSymbolicLink()) {
                    String link = tar.getLinkName();
                    Path resolved = destination.getParent().resolve(link).normalize();
                    if (link.startsWith("/") || !resolved.startsWith(root)) {
                        throw UknativeException.environment("the archive " + name + " has a link that leaves its tree: "
                                + entryName + " -> " + link, "the archive is broken or malicious; nothing of it was kept");
                    }
                    Files.createDirectories(destination.getParent());
                    Files.createSymbolicLink(destination, Path.of(link));
                } else if (entry instanceof TarArchiveEntry tar && tar.isLink()) {
                    String linkName = tar.getLinkName();
                    checkName(name, linkName);
                    Path source = root.resolve(strip(linkName, top)).normalize();
                    requireInside(name, entryName + " (a hard link to " + linkName + ")", root, source);
                    hardLinks.add(new Path[] {destination, source});
                } else if (entry.isDirectory()) {
                    Files.createDirectories(destination);
                } else if (entry instanceof TarArchiveEntry tar && !tar.isFile()) {
                    // Devices, FIFOs: never part of a source tree.
                    continue;
                } else {
                    Files.createDirectories(destination.getParent());
                    Files.copy(in, destination, StandardCopyOption.REPLACE_EXISTING);
                    if (executable(entry)) {
                        Set<PosixFilePermission> permissions = EnumSet.copyOf(Files.getPosixFilePermissions(destination));
                        permissions.addAll(Set.of(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_EXECUTE,
                                PosixFilePermission.OTHERS_EXECUTE));
                        Files.setPosixFilePermissions(destination, permissions);
                    }
                }
            }
            for (Path[] link : hardLinks) {
                requireNoLinkOnTheWay(name, link[1].toString(), root, link[1]);
                Files.createDirectories(link[0].getParent());
                Files.copy(link[1], link[0], StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw corrupt(name, e);
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
            throw UknativeException.environment("the archive " + archive + " has an absolute path: " + entryName,
                    "the archive is broken or malicious; nothing of it was kept");
        }
        for (String segment : n.split("/")) {
            if (segment.equals("..")) {
                throw UknativeException.environment("the archive " + archive + " has a path that leaves its tree: " + entryName,
                        "the archive is broken or malicious; nothing of it was kept");
            }
        }
    }

    private static void requireInside(String archive, String entryName, Path root, Path destination) {
        if (!destination.startsWith(root) || destination.equals(root)) {
            throw UknativeException.environment("the archive " + archive + " has a path that leaves its tree: " + entryName,
                    "the archive is broken or malicious; nothing of it was kept");
        }
    }

    /** An entry written below a symbolic link extracted earlier would land wherever that link points. */
    private static void requireNoLinkOnTheWay(String archive, String entryName, Path root, Path destination) {
        Path current = root;
        for (Path part : root.relativize(destination.getParent() == null ? root : destination.getParent())) {
            current = current.resolve(part);
            if (Files.isSymbolicLink(current)) {
                throw UknativeException.environment("the archive " + archive + " writes through a link: " + entryName,
                        "the archive is broken or malicious; nothing of it was kept");
            }
        }
        if (Files.isSymbolicLink(destination) || (Files.exists(destination, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(destination, LinkOption.NOFOLLOW_LINKS)
                && !Files.isRegularFile(destination, LinkOption.NOFOLLOW_LINKS))) {
            throw UknativeException.environment("the archive " + archive + " writes through a link: " + entryName,
                    "the archive is broken or malicious; nothing of it was kept");
        }
    }

    private static String strip(String entryName, Optional<String> top) {
        String n = entryName.replace('\\', '/');
        while (n.startsWith("./")) {
            n = n.substring(2);
        }
        if (top.isPresent()) {
            n = n.equals(top.get()) ? "" : n.substring(top.get().length() + 1);
        }
        while (n.endsWith("/")) {
            n = n.substring(0, n.length() - 1);
        }
        return n;
    }

    /** The one folder every entry is in, when there is one (pax global headers do not count). */
    private static Optional<String> commonTopFolder(Path archive, String name) throws IOException {
        String top = null;
        boolean any = false;
        try (ArchiveInputStream<?> in = open(archive, name)) {
            ArchiveEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                String n = entry.getName().replace('\\', '/');
                while (n.startsWith("./")) {
                    n = n.substring(2);
                }
                if (n.isEmpty()) {
                    continue;
                }
                int slash = n.indexOf('/');
                String first = slash < 0 ? n : n.substring(0, slash);
                boolean isFolder = slash >= 0 || entry.isDirectory();
                if (!isFolder || (top != null && !top.equals(first))) {
                    return Optional.empty();
                }
                top = first;
                any = true;
            }
        }
        return any && !top.equals("..") ? Optional.of(top) : Optional.empty();
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
                return new ZipArchiveInputStream(raw);
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

    private static UknativeException corrupt(String name, Exception e) {
        return new UknativeException(dev.uknative.core.ExitCode.ENVIRONMENT, null,
                "cannot unpack " + name + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()),
                "the archive is damaged or not in the format its name says; nothing of it was kept", e);
    }
}
