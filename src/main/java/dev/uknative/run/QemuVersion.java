package dev.uknative.run;

import dev.uknative.core.AtomicFiles;
import dev.uknative.core.UknativeException;
import dev.uknative.process.LineSink;
import dev.uknative.process.OutputSink;
import dev.uknative.process.ProcessResult;
import dev.uknative.process.ProcessRunner;
import dev.uknative.process.ProcessSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A QEMU binary's version, and the refusal of versions older than 4.2 (the first with the
 * {@code -accel} option uknative relies on, and with virtio-9p's {@code readonly=on}). The answer is
 * cached per binary (path, size, modification time) so that a run does not pay for a second QEMU start.
 */
public record QemuVersion(int major, int minor, int micro) implements Comparable<QemuVersion> {

    public static final QemuVersion MINIMUM = new QemuVersion(4, 2, 0);
    private static final Pattern VERSION = Pattern.compile("QEMU emulator version (\\d+)\\.(\\d+)(?:\\.(\\d+))?");

    public static Optional<QemuVersion> parse(String text) {
        Matcher m = VERSION.matcher(text);
        if (!m.find()) {
            return Optional.empty();
        }
        return Optional.of(new QemuVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                m.group(3) == null ? 0 : Integer.parseInt(m.group(3))));
    }

    /**
     * The version of {@code qemu}, read from the cache file or from {@code qemu --version}; a version
     * below {@link #MINIMUM}, or a binary that does not say, is an environment error.
     */
    public static QemuVersion require(ProcessRunner processes, Path qemu, Path cacheFile) {
        String key = key(qemu);
        Optional<QemuVersion> cached = readCache(cacheFile, key);
        QemuVersion version = cached.orElseGet(() -> ask(processes, qemu));
        if (version.compareTo(MINIMUM) < 0) {
            throw UknativeException.environment(qemu + " is QEMU " + version + "; uknative needs QEMU " + MINIMUM + " or newer",
                    "install a newer QEMU (Debian 12: apt-get install qemu-system-x86) or name one with --qemu PATH");
        }
        if (cached.isEmpty()) {
            writeCache(cacheFile, key, version);
        }
        return version;
    }

    private static QemuVersion ask(ProcessRunner processes, Path qemu) {
        List<String> lines = new ArrayList<>();
        ProcessResult result = processes.run(
                ProcessSpec.of(List.of(qemu.toString(), "--version"), qemu.toAbsolutePath().getParent()).withTimeout(Duration.ofSeconds(30)).withMergedStderr(),
                new LineSink(lines::add), OutputSink.DISCARD);
        String output = String.join("\n", lines);
        return parse(output).filter(v -> result.succeeded()).orElseThrow(() -> UknativeException.environment(
                qemu + " --version did not print a QEMU version" + (lines.isEmpty() ? "" : ": " + lines.get(0)),
                "check that --qemu names qemu-system-x86_64"));
    }

    private static String key(Path qemu) {
        try {
            BasicFileAttributes attrs = Files.readAttributes(qemu, BasicFileAttributes.class);
            return qemu.toAbsolutePath() + "\t" + attrs.size() + "\t" + attrs.lastModifiedTime().to(TimeUnit.NANOSECONDS);
        } catch (IOException e) {
            throw UknativeException.environment("cannot read " + qemu + ": " + e.getMessage(), "check --qemu or PATH");
        }
    }

    private static Optional<QemuVersion> readCache(Path cacheFile, String key) {
        try {
            for (String line : Files.readAllLines(cacheFile)) {
                if (line.startsWith(key + "\t")) {
                    return parse("QEMU emulator version " + line.substring(key.length() + 1));
                }
            }
        } catch (IOException e) {
            // No cache yet, or unreadable: ask QEMU.
        }
        return Optional.empty();
    }

    private static void writeCache(Path cacheFile, String key, QemuVersion version) {
        try {
            Files.createDirectories(cacheFile.getParent());
            List<String> lines = new ArrayList<>();
            if (Files.isRegularFile(cacheFile)) {
                Files.readAllLines(cacheFile).stream()
                        .filter(l -> !l.startsWith(key.substring(0, key.indexOf('\t') + 1)))
                        .forEach(lines::add);
            }
            lines.add(key + "\t" + version);
            AtomicFiles.write(cacheFile, String.join("\n", lines) + "\n");
        } catch (IOException e) {
            // A cache that cannot be written only costs a QEMU start next time.
        }
    }

    @Override
    public int compareTo(QemuVersion other) {
        int c = Integer.compare(major, other.major);
        if (c == 0) {
            c = Integer.compare(minor, other.minor);
        }
        return c != 0 ? c : Integer.compare(micro, other.micro);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + micro;
    }
}
