package dev.uknative.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tree of the source cache is fingerprinted by its name; a folder of one's own by its files. */
class BuildFingerprintCachedTreeTest {

    private static final String COMMIT = "484ff209a5265bc4b2366041f149534922d0e5c8";

    @TempDir
    Path temp;

    private String fingerprint(Path unikraft) throws IOException {
        Path app = Files.createDirectories(temp.resolve("app"));
        MakeInvocation make = new MakeInvocation(unikraft, app, List.of(), app.resolve(".unikraft/build"), app.resolve(".config.x"), "x",
                1, Map.of(), List.of());
        return BuildFingerprint.compute(make, app.resolve("image"));
    }

    private static void touch(Path file) throws IOException {
        Files.writeString(file, "changed\n");
        Files.setLastModifiedTime(file, FileTime.fromMillis(Files.getLastModifiedTime(file).toMillis() + 5_000));
    }

    @Test
    void onlyTreesNamedByTheirContentInTheCachesTreesFolderCount() {
        assertThat(BuildFingerprint.isCachedTree(Path.of("/c/uknative/sources/trees/git-" + COMMIT))).isTrue();
        assertThat(BuildFingerprint.isCachedTree(Path.of("/c/uknative/sources/trees/tar-" + "ab".repeat(32)))).isTrue();
        assertThat(BuildFingerprint.isCachedTree(Path.of("/home/me/git-" + COMMIT))).isFalse();
        assertThat(BuildFingerprint.isCachedTree(Path.of("/c/uknative/sources/trees/git-484ff209"))).isFalse();
        assertThat(BuildFingerprint.isCachedTree(Path.of("/home/me/src/unikraft"))).isFalse();
    }

    @Test
    void aCachedTreeIsNotWalkedAndALocalOneIs() throws IOException {
        Path cached = Files.createDirectories(temp.resolve("sources/trees/git-" + COMMIT));
        Files.writeString(cached.resolve("Makefile"), "# fake\n");
        Path local = Files.createDirectories(temp.resolve("src/unikraft"));
        Files.writeString(local.resolve("Makefile"), "# fake\n");
        String cachedBefore = fingerprint(cached);
        String localBefore = fingerprint(local);

        touch(cached.resolve("Makefile"));
        touch(local.resolve("Makefile"));

        assertThat(fingerprint(cached)).as("the cache checks its trees itself").isEqualTo(cachedBefore);
        assertThat(fingerprint(local)).isNotEqualTo(localBefore);
    }
}
