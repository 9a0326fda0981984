package dev.uknative.build;

import dev.uknative.core.Sha256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
import java.util.concurrent.TimeUnit;

/**
 * A digest of everything a Unikraft build reads that can change between two builds: the make
 * arguments, and the path, size and modification time of every file in the application, the
 * external libraries and the Unikraft tree (without their .git folders and the application's
 * {@code .unikraft} and {@code .config*} files), plus the target's .config and the image itself.
 *
 * <p>When it equals the one recorded after the last successful build, make has nothing to do, and
 * uknative does not start it: Unikraft's no-op make still parses its whole tree and copies a few
 * files (about 0.5 s), while this walk takes a few milliseconds. Tools and environment variables
 * outside these trees are not covered; {@code build --force} runs make regardless.
 */
public final class BuildFingerprint {

    private BuildFingerprint() {
    }

    /** The fingerprint of a build with this invocation and image, now. */
    public static String compute(MakeInvocation invocation, Path image) throws IOException {
        return compute(invocation, image, java.util.List.of());
    }

    /** As {@link #compute(MakeInvocation, Path)}, also covering files the build reads outside those trees. */
    public static String compute(MakeInvocation invocation, Path image, java.util.List<Path> extraFiles) throws IOException {
        MessageDigest digest = Sha256.digest();
        update(digest, "args\0" + String.join("\0", invocation.arguments(Path.of("make"))) + "\n");
        tree(digest, "app", invocation.application(), true);
        for (Path library : invocation.libraries()) {
            tree(digest, "lib", library, false);
        }
        tree(digest, "unikraft", invocation.unikraft(), false);
        file(digest, "config", invocation.config());
        for (Path extra : extraFiles) {
            file(digest, "extra\0" + extra, extra);
        }
        file(digest, "image", image);
        return HexFormat.of().formatHex(digest.digest());
    }

    /**
     * Whether {@code root} is a tree of the source cache. Such a tree is named after the commit or
     * digest it holds, and the cache compares it with the manifest written when it was made at every
     * use (a changed tree is removed and fetched again), so its path stands for its content and
     * needs no walk of its ~1,400 files.
     */
    static boolean isCachedTree(Path root) {
        return dev.uknative.source.SourceCache.isTree(root);
    }

    private static void tree(MessageDigest digest, String label, Path root, boolean application) throws IOException {
        if (!application && isCachedTree(root)) {
            update(digest, label + "\0" + root + "\0cached\n");
            return;
        }
        List<String> entries = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
                boolean skip = !dir.equals(root) && (name.equals(".git") || (application && name.equals(".unikraft")));
                return skip ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                String name = file.getFileName().toString();
                if (!(application && name.startsWith(".config"))) {
                    entries.add(root.relativize(file) + "\0" + attrs.size() + "\0"
                            + attrs.lastModifiedTime().to(TimeUnit.NANOSECONDS));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                entries.add(root.relativize(file) + "\0unreadable");
                return FileVisitResult.CONTINUE;
            }
        });
        // Directory listing order is not stable across file systems.
        entries.sort(null);
        update(digest, label + "\0" + root + "\n");
        for (String entry : entries) {
            update(digest, entry + "\n");
        }
    }

    private static void file(MessageDigest digest, String label, Path file) throws IOException {
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
            update(digest, label + "\0" + attrs.size() + "\0" + attrs.lastModifiedTime().to(TimeUnit.NANOSECONDS) + "\n");
        } else {
            update(digest, label + "\0missing\n");
        }
    }

    private static void update(MessageDigest digest, String text) {
        digest.update(text.getBytes(StandardCharsets.UTF_8));
    }

}
