package dev.uknative.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Real output of Unikraft 0.17.0's make; see src/test/resources/make-output/README.md. */
class MakeOutputParserTest {

    private static List<String> lines(String fixture) throws IOException {
        try (InputStream in = MakeOutputParserTest.class.getResourceAsStream("/make-output/" + fixture)) {
            assertThat(in).as(fixture).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }

    private static MakeOutputParser feed(String... fixtures) throws IOException {
        MakeOutputParser parser = new MakeOutputParser();
        for (String fixture : fixtures) {
            lines(fixture).forEach(parser::accept);
        }
        return parser;
    }

    @Test
    void beforeAnyOutput() {
        MakeOutputParser parser = new MakeOutputParser();

        assertThat(parser.compiled()).isZero();
        assertThat(parser.currentStep()).isEqualTo("starting make");
        assertThat(parser.firstError()).isEmpty();
    }

    @Test
    void progressLinesAreSteps() throws IOException {
        MakeOutputParser parser = new MakeOutputParser();
        List<String> steps = new ArrayList<>();
        for (String line : lines("progress.txt")) {
            if (parser.accept(line)) {
                steps.add(parser.currentStep());
            }
        }

        assertThat(steps).containsExactly(
                "LN Makefile",
                "CP config",
                "GEN libuklibid: libraries.in.new",
                "CC libkvmplat: trace.common.o",
                "AS apphello: libinfo.libuklibid.o",
                "LD libukboot.ld.o",
                "OBJCOPY libukboot.o",
                "LD hello_qemu-x86_64.dbg",
                "SCSTRIP hello_qemu-x86_64",
                "UKBI hello_qemu-x86_64.bootinfo");
        assertThat(parser.compiled()).as("only CC and AS compile").isEqualTo(2);
        assertThat(parser.currentStep()).isEqualTo("UKBI hello_qemu-x86_64.bootinfo");
        assertThat(parser.firstError()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "make: Entering directory '/work/unikraft'",
        "/work/scratch/hello/main.c: In function 'main':",
        "    5 |         printf(\"Hello, World!\\n\")",
        "      |                                  ^",
        "#",
        "# configuration written to /work/scratch/hello/.config.hello_qemu-x86_64",
        "/usr/bin/gcc -ldl -I. -c fixdep.c -o /work/scratch/hello/.unikraft/build/kconfig/fixdep.o",
    })
    void otherLinesAreNotSteps(String line) {
        MakeOutputParser parser = new MakeOutputParser();

        assertThat(parser.accept(line)).isFalse();
        assertThat(parser.currentStep()).isEqualTo("starting make");
    }

    @Test
    void compileError() throws IOException {
        MakeOutputParser parser = feed("compile-error.txt");

        assertThat(parser.firstError()).hasValueSatisfying(d -> {
            assertThat(d.describe()).isEqualTo("/work/scratch/hello/main.c:5:34: error: expected ';' before 'return'");
            assertThat(d.file()).contains("/work/scratch/hello/main.c");
            assertThat(d.line()).isEqualTo(5);
            assertThat(d.column()).isEqualTo(34);
        });
        assertThat(parser.compiled()).isEqualTo(1);
        assertThat(parser.currentStep()).isEqualTo("CC apphello: main.o");
    }

    @Test
    void linkError() throws IOException {
        MakeOutputParser parser = feed("link-error.txt");

        assertThat(parser.firstError()).hasValueSatisfying(d -> {
            assertThat(d.describe()).isEqualTo("/work/scratch/hello/main.c:8: undefined reference to `does_not_exist'");
            assertThat(d.line()).isEqualTo(8);
        });
        assertThat(parser.currentStep()).isEqualTo("LD hello_qemu-x86_64.dbg");
    }

    @Test
    void linkErrorWithTheLinkersPrefix() {
        MakeOutputParser parser = new MakeOutputParser();

        parser.accept("/usr/bin/ld: /work/scratch/hello/main.c:8: undefined reference to `does_not_exist'");

        assertThat(parser.firstError()).map(MakeOutputParser.Diagnostic::describe)
                .contains("/work/scratch/hello/main.c:8: undefined reference to `does_not_exist'");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "/usr/bin/ld: cannot find -lfoo: No such file or directory | cannot find -lfoo: No such file or directory",
        "/usr/bin/ld: x.o:(.text+0x5): undefined reference to `f' | x.o: undefined reference to `f'",
    })
    void otherLinkerErrors(String line, String expected) {
        MakeOutputParser parser = new MakeOutputParser();

        parser.accept(line);

        assertThat(parser.firstError()).map(MakeOutputParser.Diagnostic::describe).contains(expected);
    }

    @Test
    void ldWarningsAndStepLinesInterleavedWithLdAreNotTheErrorTheLaterUndefinedReferenceIs() {
        MakeOutputParser parser = new MakeOutputParser();

        parser.accept("/usr/bin/ld: /w/.unikraft/build/libziggy.a(root.o): warning: missing .note.GNU-stack section implies executable stack");
        parser.accept("/usr/bin/ld:   LD      libuksched.ld.o");
        parser.accept("/usr/bin/ld: /w/.unikraft/build/libziggy.a(root.o): in function `add':");
        parser.accept("/usr/bin/ld: root.zig:(.text+0x42): undefined reference to `isatty'");

        assertThat(parser.firstError()).map(MakeOutputParser.Diagnostic::describe).contains("root.zig: undefined reference to `isatty'");
    }

    @Test
    void warningsAreNotErrors() throws IOException {
        MakeOutputParser parser = feed("warnings.txt");

        assertThat(parser.firstError()).isEmpty();
    }

    @Test
    void warningsBeforeAnErrorAreSkipped() throws IOException {
        MakeOutputParser parser = feed("warnings.txt", "compile-error.txt");

        assertThat(parser.firstError()).map(MakeOutputParser.Diagnostic::describe)
                .contains("/work/scratch/hello/main.c:5:34: error: expected ';' before 'return'");
    }

    @Test
    void successfulBuildHasNoError() throws IOException {
        MakeOutputParser parser = feed("successful-build.txt");

        assertThat(parser.firstError()).isEmpty();
        assertThat(parser.compiled()).isEqualTo(1);
        assertThat(parser.currentStep()).isEqualTo("UKBI helloworld_qemu-x86_64.bootinfo");
    }

    @Test
    void linkerNotesBeforeACompileErrorAreSkipped() throws IOException {
        MakeOutputParser parser = feed("ld-notes.txt", "compile-error.txt");

        assertThat(parser.firstError()).map(MakeOutputParser.Diagnostic::describe)
                .contains("/work/scratch/hello/main.c:5:34: error: expected ';' before 'return'");
    }

    @Test
    void makeOnlyError() throws IOException {
        MakeOutputParser parser = feed("no-rule.txt");

        assertThat(parser.firstError()).hasValueSatisfying(d -> {
            assertThat(d.message()).isEqualTo("No rule to make target 'x'.  Stop.");
            assertThat(d.file()).isEmpty();
            assertThat(d.describe()).isEqualTo("No rule to make target 'x'.  Stop.");
        });
    }

    @Test
    void makefileErrorKeepsItsPosition() {
        MakeOutputParser parser = new MakeOutputParser();

        parser.accept("/work/app/Makefile.uk:3: *** missing separator.  Stop.");

        assertThat(parser.firstError()).map(MakeOutputParser.Diagnostic::describe)
                .contains("/work/app/Makefile.uk:3: missing separator.  Stop.");
    }

    @Test
    void aCompilerErrorWinsOverMakesOwnMessages() {
        MakeOutputParser parser = new MakeOutputParser();

        parser.accept("make[1]: *** [/work/unikraft/support/build/Makefile.build:27: main.o] Error 1");
        parser.accept("/work/app/main.c:1:1: fatal error: missing.h: No such file or directory");

        assertThat(parser.firstError()).map(MakeOutputParser.Diagnostic::describe)
                .contains("/work/app/main.c:1:1: error: missing.h: No such file or directory");
    }

    @Test
    void onlyTheFirstErrorIsKept() {
        MakeOutputParser parser = new MakeOutputParser();

        parser.accept("/work/app/a.c:1:2: error: first");
        parser.accept("/work/app/b.c:3:4: error: second");

        assertThat(parser.firstError()).map(MakeOutputParser.Diagnostic::describe).contains("/work/app/a.c:1:2: error: first");
    }
}
