package dev.uknative.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Scratch folders for the fuzz targets, which write each input to a file: one folder per target and
 * JVM (in memory under /dev/shm when there is one, as a long run writes millions of files), removed
 * when the JVM ends.
 */
public final class FuzzScratch {

    private FuzzScratch() {
    }

    /** A new empty folder, deleted with everything in it at exit. */
    public static Path directory(String name) {
        try {
            Path shm = Path.of("/dev/shm");
            Path dir = Files.isDirectory(shm) && Files.isWritable(shm)
                    ? Files.createTempDirectory(shm, "uknative-fuzz-" + name + "-")
                    : Files.createTempDirectory("uknative-fuzz-" + name + "-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir)));
            return dir.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code bytes} to {@code file}, creating its folder. */
    public static void write(Path file, byte[] bytes) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes {@code path} and, for a folder, what it holds; links are removed, never followed. */
    public static void delete(Path path) {
        if (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            Files.walkFileTree(path, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    if (e != null) {
                        throw e;
                    }
                    // A folder the input made unwritable or unreadable is made deletable again.
                    dir.toFile().setWritable(true);
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    dir.toFile().setWritable(true);
                    dir.toFile().setReadable(true);
                    dir.toFile().setExecutable(true);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
