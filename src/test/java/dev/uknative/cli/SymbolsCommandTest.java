package dev.uknative.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.uknative.testing.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code uknative symbols} as a command, against the stand-in Unikraft tree (which has no libraries,
 * so nothing is provided): its forms, its JSON, and its errors. The real plans are tested in
 * symbols.LinkPlannerTest and, with a real Unikraft, in e2e.SymbolDoctorEndToEndTest.
 */
@Tag("tool")
class SymbolsCommandTest {

    @TempDir
    Path dir;

    private Path fakeUnikraft;
    private Path archive;

    @BeforeEach
    void archive() throws Exception {
        fakeUnikraft = Path.of(SymbolsCommandTest.class.getResource("/fake-unikraft/Makefile").toURI()).getParent();
        Files.writeString(dir.resolve("foo.c"), "int isatty(int); extern char **environ;\n"
                + "int foo(void) { return isatty(0) + (environ != 0); }\n");
        run("gcc", "-c", "-O2", "-fno-pic", "-o", "foo.o", "foo.c");
        Files.writeString(dir.resolve("README.txt"), "not an object\n");
        run("ar", "rcs", "libfoo.a", "foo.o", "README.txt");
        archive = dir.resolve("libfoo.a");
    }

    @Test
    void anArchiveIsPlannedAloneAsATableAndAsJson() {
        CliRun table = CliRun.of("symbols", archive.toString(), "--unikraft-source", fakeUnikraft.toString());
        assertThat(table.exitCode()).as(table.toString()).isZero();
        assertThat(table.out()).startsWith("SYMBOL").containsPattern("isatty +stubbed +- +- +native.foo\\(foo.o\\)")
                .containsPattern("environ \\(data\\) +stubbed").contains("2 stubbed");
        assertThat(table.err()).contains("warning: native.foo: member README.txt skipped (not an ELF object");

        CliRun json = CliRun.of("symbols", archive.toString(), "--json", "--no-stubs", "--unikraft-source", fakeUnikraft.toString());
        assertThat(json.exitCode()).as(json.toString()).isZero();
        assertThat(json.out()).startsWith("{\n  \"needs\": [")
                .contains("{\"symbol\": \"environ\", \"status\": \"missing\", \"provider\": null, \"option\": null, "
                        + "\"neededBy\": \"native.foo(foo.o)\", \"data\": true}")
                .contains("\"syscalls\": {\"sites\": 0");
    }

    @Test
    void withoutAUnikraftOrNativeLibrariesItSaysWhatToDo() throws Exception {
        CliRun noTree = CliRun.of("symbols", archive.toString());
        if (System.getenv("UKNATIVE_UNIKRAFT_SOURCE") == null) {
            assertThat(noTree.exitCode()).isEqualTo(2);
            assertThat(noTree.err()).contains("--unikraft-source");
        }

        Files.writeString(dir.resolve("Kraftfile"), "spec: v0.6\nname: plain\ntargets:\n  - qemu/x86_64\n");
        Files.writeString(dir.resolve("Makefile.uk"), "$(eval $(call addlib,appplain))\n");
        CliRun plain = CliRun.of("symbols", dir.toString(), "--unikraft-source", fakeUnikraft.toString());
        assertThat(plain.exitCode()).as(plain.toString()).isEqualTo(3);
        assertThat(plain.err()).contains("the Kraftfile has no native: libraries").contains("hint:");
    }

    private void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(String.join(" ", command) + "\n" + output).isZero();
    }
}
