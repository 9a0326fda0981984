package dev.uknative.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.uknative.project.Kraftfile;
import dev.uknative.project.KraftfileReader;
import dev.uknative.project.NativeLibrary;
import dev.uknative.testing.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code uknative init}: what it writes, and what it refuses. */
class InitCommandTest {

    @TempDir
    Path dir;

    @Test
    void aCProjectHasAKraftfileUknativeReadsAMakefileUkAndMain() {
        Path app = dir.resolve("hello-c");

        CliRun init = CliRun.of("init", app.toString());

        assertThat(init.exitCode()).as(init.toString()).isZero();
        assertThat(init.out().strip()).isEqualTo(app.toString());
        assertThat(init.err()).contains("uknative run " + app);
        Kraftfile kraftfile = new KraftfileReader().read(app.resolve("Kraftfile"));
        assertThat(kraftfile.name()).isEqualTo("hello-c");
        assertThat(kraftfile.warnings()).isEmpty();
        assertThat(kraftfile.natives()).isEmpty();
        assertThat(app.resolve("Kraftfile")).content().contains("CONFIG_LIBUKRANDOM: n").contains("- qemu/x86_64");
        assertThat(app.resolve("Makefile.uk")).hasContent("$(eval $(call addlib,apphello_c))\n\nAPPHELLO_C_SRCS-y += $(APPHELLO_C_BASE)/main.c");
        assertThat(app.resolve("main.c")).content().contains("int main(");
        assertThat(dir).isDirectoryNotContaining(p -> p.getFileName().toString().startsWith("."));
    }

    @Test
    void zigAndRustProjectsHaveANativeLibraryThatMainCalls() {
        CliRun zig = CliRun.of("init", "--lang", "zig", dir.resolve("z").toString());
        CliRun rust = CliRun.of("init", "--lang", "RUST", dir.resolve("r").toString());

        assertThat(zig.exitCode()).as(zig.toString()).isZero();
        assertThat(rust.exitCode()).as(rust.toString()).isZero();
        NativeLibrary ziglib = new KraftfileReader().read(dir.resolve("z/Kraftfile")).natives().get(0);
        assertThat(ziglib.language()).isEqualTo(NativeLibrary.Language.ZIG);
        assertThat(dir.resolve("z").resolve(ziglib.path().orElseThrow()).resolve(ziglib.root().orElseThrow()))
                .content().contains("export fn add(");
        NativeLibrary rustlib = new KraftfileReader().read(dir.resolve("r/Kraftfile")).natives().get(0);
        assertThat(rustlib.language()).isEqualTo(NativeLibrary.Language.RUST);
        assertThat(dir.resolve("r/rustlib/src/lib.rs")).content().contains("#![no_std]").contains("pub extern \"C\" fn add(");
        assertThat(dir.resolve("r/main.c")).content().contains("add(2, 3)");
    }

    @Test
    void aFolderWithFilesIsRefusedAndLeftAlone() throws IOException {
        Path app = Files.createDirectories(dir.resolve("taken"));
        Files.writeString(app.resolve("notes.txt"), "mine");

        CliRun init = CliRun.of("init", "--lang", "zig", app.toString());

        assertThat(init.exitCode()).as(init.toString()).isEqualTo(3);
        assertThat(init.err()).contains("error: " + app + ": the folder exists and is not empty").contains("hint: choose another NAME");
        try (Stream<Path> files = Files.list(app)) {
            assertThat(files).containsExactly(app.resolve("notes.txt"));
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).as("no temporary folder left").containsExactly(app);
        }
    }

    @Test
    void anEmptyFolderIsFilledAndBadLanguagesOrNamesAreUsageErrors() {
        assertThat(CliRun.of("init", Path.of(dir.toString(), "empty").toString()).exitCode()).isZero();
        Path empty = dir.resolve("empty2");
        assertThat(empty.toFile().mkdir()).isTrue();
        assertThat(CliRun.of("init", empty.toString()).exitCode()).isZero();
        assertThat(empty.resolve("Kraftfile")).exists();

        CliRun cobol = CliRun.of("init", "--lang", "cobol", dir.resolve("x").toString());
        assertThat(cobol.exitCode()).isEqualTo(2);
        assertThat(cobol.err()).contains("unknown language 'cobol' for --lang").contains("c, zig, rust");
        CliRun badName = CliRun.of("init", dir.resolve("has space").toString());
        assertThat(badName.exitCode()).isEqualTo(2);
        assertThat(badName.err()).contains("'has space' cannot name a project");
        assertThat(dir.resolve("x")).doesNotExist();
    }
}
