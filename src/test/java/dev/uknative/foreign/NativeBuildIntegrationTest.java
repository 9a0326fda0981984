package dev.uknative.foreign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.uknative.core.ExitCode;
import dev.uknative.core.Reporter;
import dev.uknative.core.UknativeException;
import dev.uknative.elf.ArchiveReader;
import dev.uknative.elf.ArchiveSymbols;
import dev.uknative.process.ProcessRunner;
import dev.uknative.project.Kraftfile;
import dev.uknative.project.KraftfileReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The adapters with the real zig, rustc, cargo, gcc and ar: archives with the expected symbols, stamps, errors. */
@Tag("tool")
class NativeBuildIntegrationTest {

    @TempDir
    Path project;

    /** The commands that were started, to see whether a toolchain ran at all. */
    private final List<List<String>> started = new ArrayList<>();
    private final ToolRunner counting = (spec, output) -> {
        synchronized (started) {
            started.add(spec.command());
        }
        return ToolRunner.of(new ProcessRunner()).run(spec, output);
    };

    @Test
    void zigBuildsAStaticLibraryInTheBuildFolderAndSkipsItWhenNothingChanged() throws IOException {
        Toolchains tools = HostToolchains.requiring("zig");
        write("ziggy/src/root.zig", """
                const std = @import("std");

                export fn add(a: i32, b: i32) i32 {
                    std.log.info("add({d}, {d}) on thread {d}", .{ a, b, std.Thread.getCurrentId() });
                    return a + b;
                }
                """);
        Kraftfile kraftfile = kraftfile("native:\n  ziggy: {lang: zig, path: ziggy, root: src/root.zig}\n");

        List<ForeignArchive> built = build(kraftfile, tools);

        Path archive = project.resolve(".unikraft/build/native/ziggy/libziggy.a");
        assertThat(built).containsExactly(new ForeignArchive("ziggy", archive));
        ArchiveSymbols symbols = new ArchiveReader().read(archive);
        assertThat(symbols.defined()).containsKey("add");
        assertThat(symbols.defined().get("add").symbol().isFunction()).isTrue();
        assertThat(symbols.undefined()).as("libc, left to Unikraft (musl + -lc)").containsKeys("write", "mmap");
        assertThat(symbols.undefined()).as("compiler_rt is inside").doesNotContainKeys("__zig_probe_stack", "memcpy");
        assertThat(project.resolve("ziggy")).isDirectoryNotContaining(p -> p.getFileName().toString().startsWith("zig-"));
        assertThat(archive.resolveSibling("build.log")).content().contains("build-lib");
        assertThat(archive.resolveSibling("stamp")).isRegularFile();

        started.clear();
        build(kraftfile, tools);
        assertThat(buildCommands()).as("nothing changed: zig is not started").isEmpty();

        write("ziggy/src/root.zig", Files.readString(project.resolve("ziggy/src/root.zig")) + "// edited\n");
        build(kraftfile, tools);
        assertThat(buildCommands()).hasSize(1);
    }

    @Test
    void aZigCompileErrorNamesFileAndLineAndTheLogAndLeavesNoStamp() throws IOException {
        Toolchains tools = HostToolchains.requiring("zig");
        write("ziggy/root.zig", "export fn add(a: i32, b: i32) i32 {\n    return a + c;\n}\n");
        Kraftfile kraftfile = kraftfile("native:\n  ziggy: {lang: zig, path: ziggy, root: root.zig, optimize: Debug}\n");

        assertThatThrownBy(() -> build(kraftfile, tools))
                .isInstanceOfSatisfying(UknativeException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(ExitCode.TOOL_FAILED);
                    assertThat(e.getMessage()).contains("native.ziggy: zig build-lib, Debug failed (exit 1)")
                            .contains(project.resolve("ziggy/root.zig") + ":2:").contains("error: use of undeclared identifier 'c'");
                    assertThat(e.hint()).contains("full log: " + project.resolve(".unikraft/build/native/ziggy/build.log"));
                });
        assertThat(project.resolve(".unikraft/build/native/ziggy/stamp")).doesNotExist();
        assertThat(project.resolve(".unikraft/build/native/ziggy/libziggy.a")).doesNotExist();
    }

    @Test
    void rustcBuildsANoStdFileAndCargoACrate() throws IOException {
        Toolchains tools = HostToolchains.requiring("cargo");
        write("single/lib.rs", NO_STD.replace("NAME", "single_add"));
        write("crate/Cargo.toml", """
                [package]
                name = "my-crate"
                version = "0.1.0"
                edition = "2021"

                [lib]
                crate-type = ["rlib"]
                """);
        write("crate/src/lib.rs", NO_STD.replace("NAME", "crate_add"));
        Kraftfile kraftfile = kraftfile("native:\n  single: {lang: rust, path: single}\n  crate: {lang: rust, path: crate}\n");

        List<ForeignArchive> built = build(kraftfile, tools);

        ArchiveSymbols single = new ArchiveReader().read(built.get(0).archive());
        assertThat(single.defined()).containsKey("single_add");
        assertThat(single.undefined()).containsKey("printf");
        ArchiveSymbols crate = new ArchiveReader().read(built.get(1).archive());
        assertThat(built.get(1).archive()).isEqualTo(project.resolve(".unikraft/build/native/crate/libcrate.a"));
        assertThat(crate.defined()).containsKey("crate_add");
        assertThat(project.resolve("crate/target")).doesNotExist();

        started.clear();
        build(kraftfile, tools);
        assertThat(buildCommands()).isEmpty();
    }

    @Test
    void aRustErrorNamesFileAndLine() throws IOException {
        Toolchains tools = HostToolchains.requiring("rustc");
        write("r/lib.rs", "#![no_std]\n\n#[no_mangle]\npub extern \"C\" fn f() -> i32 { undefined_name }\n");
        Kraftfile kraftfile = kraftfile("native:\n  r: {lang: rust, path: r}\n");

        assertThatThrownBy(() -> build(kraftfile, tools))
                .isInstanceOfSatisfying(UknativeException.class, e -> assertThat(e.getMessage())
                        .contains(project.resolve("r/lib.rs") + ":4:").contains("error[E0425]: cannot find value `undefined_name`"));
    }

    @Test
    void cCompilesEveryFileWithUnikraftsFlagsIntoOneArchive() throws IOException {
        Toolchains tools = HostToolchains.requiring("cc");
        write("clib/a.c", "int helper(int x);\nint c_add(int a, int b) { return helper(a) + b; }\n");
        write("clib/sub/a.c", "int helper(int x) { return x; }\n");
        Kraftfile kraftfile = kraftfile("native:\n  clib: {lang: c}\n");

        ArchiveSymbols symbols = new ArchiveReader().read(build(kraftfile, tools).get(0).archive());

        assertThat(symbols.members()).hasSize(2);
        assertThat(symbols.defined()).containsKeys("c_add", "helper");
        assertThat(symbols.undefined()).isEmpty();
    }

    @Test
    void aCCompileErrorNamesFileAndLine() throws IOException {
        Toolchains tools = HostToolchains.requiring("cc");
        write("clib/ok.c", "int fine(void) { return 1; }\n");
        write("clib/bad.c", "int broken(void)\n{\n\treturn 1\n}\n");
        Kraftfile kraftfile = kraftfile("native:\n  clib: {lang: c}\n");

        assertThatThrownBy(() -> build(kraftfile, tools))
                .isInstanceOfSatisfying(UknativeException.class, e -> {
                    assertThat(e.getMessage()).contains("native.clib: cc, 2 files failed (exit 1)")
                            .contains(project.resolve("clib/bad.c") + ":3:").contains("error: expected ';'");
                    assertThat(e.hint()).hasValueSatisfying(h -> assertThat(h).endsWith("/clib/build.log"));
                });
    }

    private static final String NO_STD = """
            #![no_std]

            extern "C" {
                fn printf(format: *const u8, ...) -> i32;
                fn abort() -> !;
            }

            #[no_mangle]
            pub extern "C" fn NAME(a: i32, b: i32) -> i32 {
                unsafe { printf(b"%d\\n\\0".as_ptr(), a + b) };
                a + b
            }

            #[panic_handler]
            fn panic(_info: &core::panic::PanicInfo) -> ! {
                unsafe { abort() }
            }
            """;

    private List<ForeignArchive> build(Kraftfile kraftfile, Toolchains tools) {
        return ForeignLibraries.build(kraftfile, tools, project.resolve(".unikraft/build"), Reporter.SILENT, counting);
    }

    private List<List<String>> buildCommands() {
        synchronized (started) {
            return started.stream().filter(c -> !c.contains("version") && !c.contains("--version")).toList();
        }
    }

    private Kraftfile kraftfile(String extra) throws IOException {
        Path file = project.resolve("Kraftfile");
        Files.writeString(file, "spec: v0.6\nname: app\n" + extra + "targets:\n  - qemu/x86_64\n");
        return new KraftfileReader().read(file);
    }

    private void write(String relative, String text) throws IOException {
        Path file = project.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
