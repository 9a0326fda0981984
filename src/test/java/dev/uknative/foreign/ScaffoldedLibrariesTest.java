package dev.uknative.foreign;

import static org.assertj.core.api.Assertions.assertThat;

import dev.uknative.core.Reporter;
import dev.uknative.elf.ArchiveReader;
import dev.uknative.elf.ArchiveSymbols;
import dev.uknative.project.Kraftfile;
import dev.uknative.project.KraftfileReader;
import dev.uknative.project.ProjectScaffold;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code uknative init --lang zig|rust} writes builds with the real toolchains, and defines main's add. */
@Tag("tool")
class ScaffoldedLibrariesTest {

    @TempDir
    Path dir;

    @Test
    void theZigProjectsLibraryBuildsAndDefinesAdd() {
        Toolchains tools = HostToolchains.requiring("zig");
        ArchiveSymbols symbols = buildOnly(ProjectScaffold.create(dir.resolve("z"), ProjectScaffold.Language.ZIG), tools);
        assertThat(symbols.defined()).containsKey("add");
    }

    @Test
    void theRustProjectsLibraryBuildsAndDefinesAdd() {
        Toolchains tools = HostToolchains.requiring("cargo");
        ArchiveSymbols symbols = buildOnly(ProjectScaffold.create(dir.resolve("r"), ProjectScaffold.Language.RUST), tools);
        assertThat(symbols.defined()).containsKey("add");
        assertThat(symbols.undefined()).containsKeys("printf", "abort");
    }

    /**
     * The Zig example's library leaves exactly these libc symbols to Unikraft (zig 0.11, musl, -lc,
     * ReleaseSafe; the same in Debug): what the symbol doctor has to provide or stub.
     */
    @Test
    void theZigExamplesLibraryDefinesAddAndNeedsTheseLibcSymbols() throws java.io.IOException {
        Toolchains tools = HostToolchains.requiring("zig");
        Path example = dir.resolve("helloworld-zig");
        Path source = Path.of("examples/helloworld-zig");
        for (String file : List.of("Kraftfile", "ziggy/src/root.zig")) {
            java.nio.file.Files.createDirectories(example.resolve(file).getParent());
            java.nio.file.Files.copy(source.resolve(file), example.resolve(file));
        }

        ArchiveSymbols symbols = buildOnly(example, tools);

        assertThat(symbols.defined()).containsKey("add");
        assertThat(symbols.undefined().keySet()).containsExactly("__errno_location", "abort", "close", "dl_iterate_phdr", "environ",
                "flock", "fstat", "getenv", "isatty", "mmap", "msync", "munmap", "openat", "read", "readlink", "sigaction", "write");
    }

    private static ArchiveSymbols buildOnly(Path project, Toolchains tools) {
        Kraftfile kraftfile = new KraftfileReader().read(project.resolve("Kraftfile"));
        List<ForeignArchive> archives = ForeignLibraries.build(kraftfile, tools, project.resolve(".unikraft/build"), Reporter.SILENT,
                ToolRunner.of(new dev.uknative.process.ProcessRunner()));
        assertThat(archives).hasSize(1);
        return new ArchiveReader().read(archives.get(0).archive());
    }
}
