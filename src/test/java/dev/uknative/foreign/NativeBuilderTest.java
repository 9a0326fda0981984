package dev.uknative.foreign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.uknative.core.Location;
import dev.uknative.core.Reporter;
import dev.uknative.core.UknativeException;
import dev.uknative.process.ProcessResult;
import dev.uknative.process.ProcessSpec;
import dev.uknative.process.ToolLocator;
import dev.uknative.project.NativeLibrary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stamps, staging and failures of {@link NativeBuilder}, with a scripted toolchain instead of a real one. */
class NativeBuilderTest {

    @TempDir
    Path dir;

    private Path project;
    private Path build;
    private Toolchains tools;
    private final List<ProcessSpec> started = new ArrayList<>();
    private String version = "0.11.0";
    private int exitCode = 0;
    private String output = "";

    /** Answers version commands, and "builds" by writing the file named by -femit-bin. */
    private final ToolRunner fake = (spec, sink) -> {
        started.add(spec);
        String text = spec.command().contains("version") ? version + "\n" : output;
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        sink.write(bytes, bytes.length);
        sink.end();
        if (exitCode == 0) {
            spec.command().stream().filter(a -> a.startsWith("-femit-bin=")).findFirst().ifPresent(a -> {
                try {
                    Files.writeString(Path.of(a.substring("-femit-bin=".length())), "!<arch>\n" + "fake" + started.size());
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
        return new ProcessResult(spec.command().contains("version") ? 0 : exitCode, false, Duration.ZERO);
    };

    @BeforeEach
    void setUp() throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Files.setPosixFilePermissions(Files.writeString(bin.resolve("zig"), ""), PosixFilePermissions.fromString("rwxr-xr-x"));
        tools = new Toolchains(Map.of(), new ToolLocator(bin.toString()), dir.resolve("zig-cache"));
        project = Files.createDirectories(dir.resolve("app"));
        build = project.resolve(".unikraft/build");
        Files.createDirectories(project.resolve("z"));
        Files.writeString(project.resolve("z/root.zig"), "export fn add() void {}\n");
    }

    @Test
    void theToolchainRunsOnlyWhenSourcesToolOrFlagsChanged() throws IOException {
        Path archive = build().archive();
        assertThat(archive).isEqualTo(build.resolve("native/z/libz.a")).hasContent("!<arch>\nfake2");
        assertThat(builds()).isEqualTo(1);
        assertThat(build.resolve("native/z/staging")).as("intermediate files are removed").doesNotExist();

        build();
        assertThat(builds()).as("unchanged").isEqualTo(1);

        Files.setLastModifiedTime(project.resolve("z/root.zig"), FileTime.fromMillis(1_000_000));
        build();
        assertThat(builds()).as("a source's time changed").isEqualTo(2);

        version = "0.11.1";
        build();
        assertThat(builds()).as("another zig").isEqualTo(3);

        build(library("ReleaseFast"));
        assertThat(builds()).as("other flags").isEqualTo(4);

        Files.delete(archive);
        build(library("ReleaseFast"));
        assertThat(builds()).as("the archive is gone").isEqualTo(5);

        Files.writeString(project.resolve("z/new.zig"), "\n");
        build(library("ReleaseFast"));
        assertThat(builds()).as("a new source file").isEqualTo(6);
    }

    @Test
    void aFailedBuildLeavesNoStampAndKeepsTheLogAndTheFirstError() throws IOException {
        build();
        exitCode = 1;
        output = "some progress\nroot.zig:3:5: error: expected ';'\nroot.zig:9:1: error: later\n";
        Files.writeString(project.resolve("z/root.zig"), "broken\n");

        assertThatThrownBy(this::build).isInstanceOfSatisfying(UknativeException.class, e -> {
            assertThat(e.getMessage()).isEqualTo("native.z: zig build-lib, ReleaseSafe failed (exit 1)\n  "
                    + project.resolve("z/root.zig") + ":3:5: error: expected ';'");
            assertThat(e.hint()).contains("full log: " + build.resolve("native/z/build.log"));
        });
        assertThat(build.resolve("native/z/stamp")).doesNotExist();
        assertThat(build.resolve("native/z/build.log")).content().contains("$ " + dir.resolve("bin/zig") + " build-lib")
                .contains("root.zig:9:1: error: later");

        exitCode = 0;
        int before = builds();
        build();
        assertThat(builds()).as("the failed build is redone").isEqualTo(before + 1);
    }

    @Test
    void aMissingFolderIsAnErrorAtTheEntry() {
        NativeLibrary missing = new NativeLibrary("nope", NativeLibrary.Language.ZIG, Optional.of("nope"), Optional.of("root.zig"),
                Optional.empty(), Optional.empty(), new Location(project.resolve("Kraftfile"), 4, 3));

        assertThatThrownBy(() -> build(missing)).isInstanceOfSatisfying(UknativeException.class, e -> {
            assertThat(e.describe()).isEqualTo(project.resolve("Kraftfile") + ":4:3: native.nope: the folder "
                    + project.resolve("nope") + " does not exist");
            assertThat(e.hint()).contains("path: is relative to the Kraftfile's folder (default: the library's name)");
        });
    }

    @Test
    void firstErrorsOfEachCompiler() {
        Path work = Path.of("/src/crate");
        assertThat(CompilerDiagnostics.first(List.of("warning: unused", "error[E0425]: cannot find value `x` in this scope",
                " --> src/lib.rs:4:33", "  |"), work)).contains("/src/crate/src/lib.rs:4:33: error[E0425]: cannot find value `x` in this scope");
        assertThat(CompilerDiagnostics.first(List.of("/a/b.c:3:9: fatal error: nope.h: No such file or directory"), work))
                .contains("/a/b.c:3:9: error: nope.h: No such file or directory");
        assertThat(CompilerDiagnostics.first(List.of("error: could not find `Cargo.toml`"), work)).contains("error: could not find `Cargo.toml`");
        assertThat(CompilerDiagnostics.first(List.of("ar: foo.o: No such file", "fatal: something broke"), work)).contains("fatal: something broke");
        assertThat(CompilerDiagnostics.first(List.of("all good"), work)).isEmpty();
    }

    private int builds() {
        return (int) started.stream().filter(s -> s.command().contains("build-lib")).count();
    }

    private ForeignArchive build() {
        return build(library(null));
    }

    private ForeignArchive build(NativeLibrary library) {
        return new NativeBuilder(fake, tools, Reporter.SILENT).build(library, project, build);
    }

    private NativeLibrary library(String optimize) {
        return new NativeLibrary("z", NativeLibrary.Language.ZIG, Optional.of("z"), Optional.of("root.zig"), Optional.ofNullable(optimize),
                Optional.empty(), new Location(project.resolve("Kraftfile"), 4, 3));
    }
}
