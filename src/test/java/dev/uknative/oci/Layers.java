package dev.uknative.oci;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/** The entries of a gzip'd tar layer, by name, in order (folders map to empty arrays). */
final class Layers {

    private Layers() {
    }

    static Map<String, byte[]> entries(byte[] gzippedTar) throws IOException {
        return entries(new GZIPInputStream(new ByteArrayInputStream(gzippedTar)));
    }

    static Map<String, byte[]> entries(InputStream tarStream) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(tarStream)) {
            for (TarArchiveEntry e; (e = tar.getNextEntry()) != null;) {
                entries.put(e.getName(), tar.readAllBytes());
            }
        }
        return entries;
    }
}
