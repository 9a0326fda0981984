package dev.uknative.oci;

import dev.uknative.core.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** SHA-256 content digests in the OCI form {@code sha256:<64 hex digits>}. */
final class Digests {

    private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");

    private Digests() {
    }

    static String of(byte[] content) {
        return "sha256:" + Sha256.hex(content);
    }

    static String of(Path file) throws IOException {
        MessageDigest digest = Sha256.digest();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0;) {
                digest.update(buffer, 0, n);
            }
        }
        return "sha256:" + HexFormat.of().formatHex(digest.digest());
    }

    static boolean isValid(String digest) {
        return DIGEST.matcher(digest).matches();
    }

    /** The 64 hex digits of a valid digest (its file name in a blob store). */
    static String hex(String digest) {
        if (!isValid(digest)) {
            throw new IllegalArgumentException("not a sha256 digest: " + digest);
        }
        return digest.substring("sha256:".length());
    }

}
