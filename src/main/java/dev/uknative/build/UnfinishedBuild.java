package dev.uknative.build;

import dev.uknative.core.UknativeException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The marker of a make that started in a build folder and has not ended on its own, so that the next
 * build can undo what it may have left half-written.
 *
 * <p>make trusts modification times. A make whose uknative was killed (SIGKILL, an OOM killer) keeps
 * running with its output pipe gone, and it and its children die at their next write: ld after
 * creating its output (an empty {@code .dbg}, newer than its inputs), the image after the strip and
 * before Unikraft's in-place steps (bootinfo, the multiboot conversion to ELF32, which QEMU needs).
 * The next make would take either for finished. So the marker is written before make starts and
 * removed when make has succeeded; a marker found by the next build means that every file
 * make writes in place at the top of the build folder (the image, its {@code .dbg} and
 * {@code .bootinfo}, each library's {@code lib*.o} and {@code lib*.ld.o}) and was written since is
 * suspect: it is deleted, and make redoes the link. Objects in the libraries' folders are left: make's
 * compile rules write them whole or not at all.
 */
final class UnfinishedBuild {

    /** Image files Unikraft's platform linkers write in place, beside the image itself. */
    private static final List<String> IMAGE_SUFFIXES = List.of("", ".dbg", ".bootinfo", ".dbg.bootinfo", ".sym", ".gz", ".bin", ".img", ".efi");

    /**
     * {@code $(O)/config}, written by the configuration just before the marker (within the file
     * system's timestamp granularity, so it may look as new): deleting it would rewrite config.h and
     * recompile everything. The configuration step checks it against the .config instead.
     */
    private static final String CONFIGURATION_COPY = "config";

    private final Path marker;
    private final Path buildDirectory;
    private final String imageName;

    UnfinishedBuild(Path marker, Path buildDirectory, String imageName) {
        this.marker = marker;
        this.buildDirectory = buildDirectory;
        this.imageName = imageName;
    }

    /** Whether a make started and did not succeed. */
    boolean present() {
        return Files.exists(marker, LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * Stops the make the marker names if it still runs, then deletes the image files and every file
     * at the top of the build folder written since the marker; returns the deleted files. The marker
     * stays until a make succeeds.
     */
    List<Path> recover() throws IOException {
        if (!present()) {
            return List.of();
        }
        FileTime since = Files.getLastModifiedTime(marker);
        recordedMake().ifPresent(UnfinishedBuild::stop);
        List<Path> deleted = new ArrayList<>();
        for (String suffix : IMAGE_SUFFIXES) {
            Path file = buildDirectory.resolve(imageName + suffix);
            if (Files.deleteIfExists(file)) {
                deleted.add(file);
            }
        }
        try (Stream<Path> files = Files.list(buildDirectory)) {
            for (Path file : files.sorted().toList()) {
                BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                if (attributes.isRegularFile() && attributes.lastModifiedTime().compareTo(since) >= 0
                        && !file.getFileName().toString().equals(CONFIGURATION_COPY) && Files.deleteIfExists(file)) {
                    deleted.add(file);
                }
            }
        }
        return deleted;
    }

    /** Written just before make starts; its modification time is when the suspect writes begin. */
    void begin() throws IOException {
        Files.createDirectories(marker.getParent());
        Files.writeString(marker, "");
    }

    /** Names the running make in the marker, keeping the marker's time. */
    void started(ProcessHandle make) {
        try {
            FileTime since = Files.getLastModifiedTime(marker);
            String start = make.info().startInstant().map(i -> Long.toString(i.toEpochMilli())).orElse("-");
            Files.writeString(marker, "make " + make.pid() + " " + start + "\n");
            Files.setLastModifiedTime(marker, since);
        } catch (IOException e) {
            // Without the pid the next build cannot stop this make if it outlives us; it still redoes the link.
        }
    }

    /** make succeeded: what it wrote is whole. */
    void end() {
        try {
            Files.deleteIfExists(marker);
        } catch (IOException e) {
            throw UknativeException.environment("cannot remove " + marker + ": " + e.getMessage(),
                    "check the permissions of the build folder");
        }
    }

    /** The make named in the marker, when it is still the same process (a pid is reused after it ends). */
    private Optional<ProcessHandle> recordedMake() throws IOException {
        String[] words = Files.readString(marker, StandardCharsets.UTF_8).strip().split(" ");
        if (words.length != 3 || !words[0].equals("make")) {
            return Optional.empty();
        }
        try {
            long pid = Long.parseLong(words[1]);
            Optional<Instant> start = words[2].equals("-") ? Optional.empty() : Optional.of(Instant.ofEpochMilli(Long.parseLong(words[2])));
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(p -> start.isPresent() && p.info().startInstant().map(i -> i.toEpochMilli() == start.get().toEpochMilli()).orElse(false));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * Kills the orphaned make and what it runs (it would go on writing into the folder the new make
     * builds in): SIGKILL, since make's own SIGTERM handling prints first and would die on the pipe
     * of the uknative that is gone before it deletes anything.
     */
    private static void stop(ProcessHandle make) {
        List<ProcessHandle> family = new ArrayList<>(make.descendants().toList());
        family.add(0, make);
        family.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle member : family) {
            try {
                member.onExit().get(Duration.ofSeconds(10).toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UknativeException(dev.uknative.core.ExitCode.INTERRUPTED, null, "interrupted while stopping an earlier make", null, e);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                // A process that survives SIGKILL for 10 s is stuck in the kernel; the build goes on.
            }
        }
    }
}
