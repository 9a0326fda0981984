package dev.uknative.foreign;

import dev.uknative.core.Sha256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The SHA-256 of everything a native library's build depends on: the toolchain (its path and what
 * it says its version is), the commands and their variables, and every source file's path, size and
 * modification time. When it equals the stamp written after the last successful build, the toolchain
 * is not started at all (even a no-op {@code zig build-lib} takes a second).
 */
final class NativeStamp {

    private NativeStamp() {
    }

    static String of(Recipe recipe, List<String> toolVersions) throws IOException {
        MessageDigest digest = Sha256.digest();
        update(digest, "uknative native stamp 1");
        for (String version : toolVersions) {
            update(digest, "version\0" + version);
        }
        for (List<String> command : recipe.commands()) {
            update(digest, "command\0" + String.join("\0", command));
        }
        new TreeMap<>(recipe.environment()).forEach((k, v) -> update(digest, "env\0" + k + "=" + v));
        update(digest, "product\0" + recipe.product());
        for (Path input : recipe.inputs()) {
            if (!Files.isRegularFile(input)) {
                update(digest, "missing\0" + input);
                continue;
            }
            BasicFileAttributes attributes = Files.readAttributes(input, BasicFileAttributes.class);
            update(digest, "file\0" + input + "\0" + attributes.size() + "\0" + attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS));
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void update(MessageDigest digest, String line) {
        digest.update((line + "\n").getBytes(StandardCharsets.UTF_8));
    }

}
