package dev.uknative.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every change a build can see in a local tree gives another fingerprint; nothing else does. */
class BuildFingerprintTest {

    @TempDir
    Path temp;

    private Path unikraft;
    private Path app;

    @BeforeEach
    void trees() throws IOException {
        unikraft = Files.createDirectories(temp.resolve("unikraft"));
        app = Files.createDirectories(temp.resolve("app"));
        for (int i = 0; i < 50; i++) {
            Path dir = Files.createDirectories(unikraft.resolve("lib/l" + (i % 7)));
            Files.writeString(dir.resolve("f" + i + ".c"), "int f" + i + ";\n");
        }
        Files.writeString(app.resolve("main.c"), "int main(void) { return 0; }\n");
        Files.createDirectories(unikraft.resolve(".git"));
        Files.writeString(unikraft.resolve(".git/index"), "x");
        Files.createDirectories(app.resolve(".unikraft/build"));
    }

    private String fingerprint() throws IOException {
        MakeInvocation make = new MakeInvocation(unikraft, app, List.of(), app.resolve(".unikraft/build"), app.resolve(".config.x"), "x",
                1, Map.of(), List.of());
        return BuildFingerprint.compute(make, app.resolve("image"));
    }

    private static void setTime(Path file, long millis) throws IOException {
        Files.setLastModifiedTime(file, FileTime.fromMillis(millis));
    }

    @Test
    void sameTreesSameFingerprint() throws IOException {
        assertThat(fingerprint()).isEqualTo(fingerprint());
    }

    @Test
    void eachKindOfChangeGivesANewFingerprint() throws IOException {
        Set<String> seen = new HashSet<>();
        Path file = unikraft.resolve("lib/l3/f10.c");
        assertThat(seen.add(fingerprint())).isTrue();

        setTime(file, Files.getLastModifiedTime(file).toMillis() + 1);
        assertThat(seen.add(fingerprint())).as("modification time").isTrue();

        long time = Files.getLastModifiedTime(file).toMillis();
        Files.writeString(file, "int f10 = 1;\n");
        setTime(file, time);
        assertThat(seen.add(fingerprint())).as("size, same time").isTrue();

        Files.writeString(unikraft.resolve("lib/l3/new.c"), "");
        assertThat(seen.add(fingerprint())).as("new empty file").isTrue();

        Files.move(unikraft.resolve("lib/l3/new.c"), unikraft.resolve("lib/l4/new.c"));
        assertThat(seen.add(fingerprint())).as("moved file").isTrue();

        Files.delete(unikraft.resolve("lib/l4/new.c"));
        Files.delete(unikraft.resolve("lib/l0/f0.c"));
        assertThat(seen.add(fingerprint())).as("removed file").isTrue();

        Files.writeString(app.resolve("main.c"), "int main(void) { return 1; }\n");
        assertThat(seen.add(fingerprint())).as("application source").isTrue();

        Files.writeString(app.resolve("image"), "kernel");
        assertThat(seen.add(fingerprint())).as("image appears").isTrue();
    }

    @Test
    void gitFolderBuildFolderAndConfigFilesBesideTheKraftfileDoNotCount() throws IOException {
        String before = fingerprint();
        Files.writeString(unikraft.resolve(".git/index"), "changed by git status");
        Files.writeString(app.resolve(".unikraft/build/some.o"), "object");
        Files.writeString(app.resolve(".config.other"), "CONFIG_X=y\n");
        assertThat(fingerprint()).isEqualTo(before);
    }
}
