package dev.uknative.run;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * What {@link ImageCheck} needs to know about a kernel image and the host, read from files: where the
 * configuration the image was built from is, how far the image reaches in memory once loaded, and the
 * host CPU's flags. Each answers "unknown" rather than failing: the check then warns instead.
 */
public final class ImageFacts {

    /** An ELF64 image has at most this many program headers here (Unikraft's have 4 or 5). */
    private static final int MAX_PROGRAM_HEADERS = 64;
    private static final int PT_LOAD = 1;

    private ImageFacts() {
    }

    /**
     * The configuration a kernel file was built from, when one is known: {@code KERNEL.config} beside
     * it (an image handed on with its configuration), else, for an image in a uknative build folder
     * ({@code PROJECT/.unikraft/build/NAME}), the project's {@code .config.NAME}, else Unikraft's own
     * copy {@code config} in the build folder ({@code $(O)/config}). A configuration changed after the
     * image was built does not describe it: one newer than the image is not used.
     */
    public static Optional<Path> configurationOf(Path kernel) {
        Path folder = kernel.toAbsolutePath().normalize().getParent();
        String name = kernel.getFileName().toString();
        List<Path> candidates = new java.util.ArrayList<>(List.of(folder.resolve(name + ".config")));
        if (folder.getFileName() != null && folder.getFileName().toString().equals("build") && folder.getParent() != null
                && folder.getParent().getFileName() != null && folder.getParent().getFileName().toString().equals(".unikraft")) {
            candidates.add(folder.getParent().getParent().resolve(".config." + name));
        }
        candidates.add(folder.resolve("config"));
        for (Path candidate : candidates) {
            try {
                if (Files.isRegularFile(candidate)
                        && Files.getLastModifiedTime(candidate).compareTo(Files.getLastModifiedTime(kernel)) <= 0) {
                    return Optional.of(candidate);
                }
            } catch (IOException e) {
                // Unreadable: not known.
            }
        }
        return Optional.empty();
    }

    /**
     * The end of an ELF64 little-endian image's loaded segments ({@code PT_LOAD}: physical address plus
     * size in memory, bss included) — where QEMU's loader puts it; empty for anything else.
     */
    public static OptionalLong imageEnd(Path kernel) {
        byte[] header;
        try (InputStream in = Files.newInputStream(kernel)) {
            header = in.readNBytes(64);
        } catch (IOException e) {
            return OptionalLong.empty();
        }
        if (header.length < 64 || header[0] != 0x7f || header[1] != 'E' || header[2] != 'L' || header[3] != 'F'
                || header[4] != 2 || header[5] != 1) {
            return OptionalLong.empty();
        }
        ByteBuffer h = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
        long phoff = h.getLong(0x20);
        int phentsize = Short.toUnsignedInt(h.getShort(0x36));
        int phnum = Short.toUnsignedInt(h.getShort(0x38));
        if (phnum == 0 || phnum > MAX_PROGRAM_HEADERS || phentsize < 56 || phoff < 64) {
            return OptionalLong.empty();
        }
        try (var channel = Files.newByteChannel(kernel)) {
            if (phoff > channel.size() - (long) phnum * phentsize) {
                return OptionalLong.empty();
            }
            ByteBuffer table = ByteBuffer.allocate(phnum * phentsize).order(ByteOrder.LITTLE_ENDIAN);
            channel.position(phoff);
            while (table.hasRemaining() && channel.read(table) > 0) {
                // read the whole table
            }
            if (table.hasRemaining()) {
                return OptionalLong.empty();
            }
            long end = 0;
            for (int i = 0; i < phnum; i++) {
                int at = i * phentsize;
                if (table.getInt(at) != PT_LOAD) {
                    continue;
                }
                long paddr = table.getLong(at + 0x18);
                long memsz = table.getLong(at + 0x28);
                if (paddr < 0 || memsz < 0 || paddr > Long.MAX_VALUE - memsz) {
                    return OptionalLong.empty();
                }
                end = Math.max(end, paddr + memsz);
            }
            return end == 0 ? OptionalLong.empty() : OptionalLong.of(end);
        } catch (IOException e) {
            return OptionalLong.empty();
        }
    }

    /** The host CPU's flags from {@code cpuinfo} (normally /proc/cpuinfo): its first {@code flags} line; empty when unreadable. */
    public static Set<String> cpuFlags(Path cpuinfo) {
        try {
            for (String line : Files.readAllLines(cpuinfo)) {
                if (line.startsWith("flags")) {
                    int colon = line.indexOf(':');
                    return colon < 0 ? Set.of() : new HashSet<>(List.of(line.substring(colon + 1).trim().split("\\s+")));
                }
            }
        } catch (IOException | RuntimeException e) {
            // Unknown: the check then does not refuse on it.
        }
        return Set.of();
    }
}
