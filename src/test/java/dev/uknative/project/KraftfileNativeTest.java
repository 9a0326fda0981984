package dev.uknative.project;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The Kraftfile's {@code native:} section (foreign static libraries); its errors are in kraftfiles/bad/native-*. */
class KraftfileNativeTest {

    private static final Path FILE = Path.of("/project/Kraftfile");

    @Test
    void readsEveryShapeOfTheIssuesExample() {
        Kraftfile k = new KraftfileReader().parse(FILE, """
                name: app
                native:
                  ziggy: {lang: zig, path: ziggy, root: src/root.zig, optimize: ReleaseSafe, target: x86_64-linux-none}
                  speed: {lang: rust, path: rs}
                  helper:
                    lang: c
                  legacy: {archive: prebuilt/libfoo.a}
                """);

        assertThat(k.natives()).extracting(NativeLibrary::name).containsExactly("ziggy", "speed", "helper", "legacy");
        NativeLibrary ziggy = k.natives().get(0);
        assertThat(ziggy.language()).isEqualTo(NativeLibrary.Language.ZIG);
        assertThat(ziggy.path()).contains("ziggy");
        assertThat(ziggy.root()).contains("src/root.zig");
        assertThat(ziggy.optimize()).contains("ReleaseSafe");
        assertThat(ziggy.target()).contains("x86_64-linux-none");
        assertThat(ziggy.location().line()).isEqualTo(3);
        assertThat(k.natives().get(1).language()).isEqualTo(NativeLibrary.Language.RUST);
        assertThat(k.natives().get(2).path()).as("path defaults to the library's name").contains("helper");
        NativeLibrary legacy = k.natives().get(3);
        assertThat(legacy.language()).isEqualTo(NativeLibrary.Language.ARCHIVE);
        assertThat(legacy.archive()).contains("prebuilt/libfoo.a");
        assertThat(legacy.path()).isEqualTo(Optional.empty());
        assertThat(k.warnings()).isEmpty();
    }

    @Test
    void withoutTheSectionThereAreNoNativeLibrariesAndUnknownKeysAreWarnings() {
        assertThat(new KraftfileReader().parse(FILE, "name: app\n").natives()).isEmpty();

        Kraftfile k = new KraftfileReader().parse(FILE, "name: app\nnative:\n  z: {lang: zig, root: a.zig, colour: blue}\n");
        assertThat(k.warnings()).singleElement().asString().contains("unknown key 'colour' in native.z");
    }
}
