package dev.uknative.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/** .tar.gz archives made by the tests, including malicious ones. */
public final class Tarballs {

    private Tarballs() {
    }

    /** One entry: a file with content, or (when {@code linkTarget} is set) a symbolic link. */
    public record Item(String name, String content, String linkTarget, int mode) {
        public static Item file(String name, String content) {
            return new Item(name, content, null, 0644);
        }

        public static Item executable(String name, String content) {
            return new Item(name, content, null, 0755);
        }

        public static Item link(String name, String target) {
            return new Item(name, null, target, 0777);
        }
    }

    public static byte[] tarGz(Item... items) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Item item : items) {
                if (item.linkTarget() != null) {
                    TarArchiveEntry e = new TarArchiveEntry(item.name(), TarArchiveEntry.LF_SYMLINK);
                    e.setLinkName(item.linkTarget());
                    tar.putArchiveEntry(e);
                } else {
                    byte[] content = item.content().getBytes(StandardCharsets.UTF_8);
                    TarArchiveEntry e = new TarArchiveEntry(item.name(), true);
                    e.setSize(content.length);
                    e.setMode(0100000 | item.mode());
                    tar.putArchiveEntry(e);
                    tar.write(content);
                }
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** A stand-in Unikraft release tarball under one top folder, as GitHub makes them. */
    public static byte[] fakeUnikraft(String top, int subversion, String marker) throws IOException {
        Map<String, String> files = GitRepos.fakeUnikraft(subversion, marker);
        Item[] items = files.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> Item.file(top + "/" + e.getKey(), e.getValue())).toArray(Item[]::new);
        Item[] all = java.util.Arrays.copyOf(items, items.length + 1);
        all[items.length] = Item.executable(top + "/support/scripts/gitsha1", "#!/bin/sh\nexit 0\n");
        return tarGz(all);
    }

    public static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
