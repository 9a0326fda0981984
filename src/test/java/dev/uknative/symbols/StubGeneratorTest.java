package dev.uknative.symbols;

import static org.assertj.core.api.Assertions.assertThat;

import dev.uknative.elf.ElfReader;
import dev.uknative.elf.ElfSymbol;
import dev.uknative.elf.ObjectSymbols;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generated stubs, compiled and linked by the real gcc and ld. */
@Tag("tool")
class StubGeneratorTest {

    @TempDir
    Path dir;

    private static LinkPlan planStubbing(LinkPlan.Need... needs) {
        return new LinkPlan(List.of(needs), List.of(), new java.util.TreeMap<>(), LinkPlan.SyscallReport.none(), List.of(), new java.util.TreeMap<>(),
                new MapConfiguration(Set.of(), Set.of()));
    }

    private static LinkPlan.Need stubbed(String symbol, boolean data) {
        return new LinkPlan.Need(symbol, LinkPlan.Status.STUBBED, "native.x(x.o)", Optional.empty(), Optional.empty(), data);
    }

    @Test
    void everyStubIsWeakWithItsSignatureAndVariablesAreData() throws IOException {
        HostTools.assumeAvailable("gcc");
        String source = StubGenerator.source(planStubbing(stubbed("isatty", false), stubbed("dl_iterate_phdr", false),
                stubbed("my_odd_function", false), stubbed("environ", true), stubbed("some_table", true),
                stubbed("_ZN4core3fmt5write17h0123456789abcdefE.llvm.42", false)));

        assertThat(source).contains("int isatty(int fd)").contains("long my_odd_function(void)")
                .contains("uknative_unsupported(\"isatty\")").doesNotContain("#include");
        Files.writeString(dir.resolve("stubs.c"), source);
        HostTools.ok(dir, "gcc", "-c", "-Wall", "-Werror", "-fno-builtin", "-o", "stubs.o", "stubs.c");

        ObjectSymbols symbols = new ElfReader().readSymbols(dir.resolve("stubs.o"));
        assertThat(symbols.defined()).extracting(ElfSymbol::name).contains("isatty", "dl_iterate_phdr", "my_odd_function", "environ",
                "some_table", "_ZN4core3fmt5write17h0123456789abcdefE.llvm.42");
        assertThat(symbols.defined()).allSatisfy(s -> assertThat(s.isWeak()).as(s.name()).isTrue());
        assertThat(symbols.definedData()).extracting(ElfSymbol::name).contains("environ", "some_table");
        assertThat(symbols.undefined()).extracting(ElfSymbol::name).contains(StubGenerator.CRASH_FUNCTION);
    }

    @Test
    void aRealDefinitionWinsOverAStubWithoutADuplicateSymbolError() throws IOException {
        HostTools.assumeAvailable("gcc");
        Files.writeString(dir.resolve("stubs.c"), StubGenerator.source(planStubbing(stubbed("answer", false), stubbed("missing_one", false))));
        // The real one, linked as an object beside the stubs (as an enabled Unikraft library is).
        HostTools.compile(dir, "real", "long answer(void) { return 42; }\n");
        HostTools.compile(dir, "crash", "#include <stdio.h>\n#include <stdlib.h>\n"
                + "void uknative_unsupported(const char *name) { printf(\"unsupported function %s called\\n\", name); exit(99); }\n");
        HostTools.compile(dir, "main", "#include <stdlib.h>\nlong answer(void); long missing_one(void);\n"
                + "int main(int argc, char **argv) { return argc > 1 ? (int) missing_one() : (int) answer(); }\n");
        HostTools.ok(dir, "gcc", "-c", "-o", "stubs.o", "stubs.c");
        HostTools.ok(dir, "gcc", "-no-pie", "-o", "program", "stubs.o", "real.o", "crash.o", "main.o");

        assertThat(HostTools.run(dir, List.of("./program")).exitCode()).as("the real answer").isEqualTo(42);
        HostTools.Result stubCall = HostTools.run(dir, List.of("./program", "call-the-stub"));
        assertThat(stubCall.exitCode()).isEqualTo(99);
        assertThat(stubCall.output()).contains("unsupported function missing_one called");
    }

    @Test
    void nothingStubbedIsAnEmptyButValidFile() throws IOException {
        HostTools.assumeAvailable("gcc");
        Files.writeString(dir.resolve("stubs.c"), StubGenerator.source(planStubbing()));
        HostTools.ok(dir, "gcc", "-c", "-Wall", "-Werror", "-o", "stubs.o", "stubs.c");
        assertThat(new ElfReader().readSymbols(dir.resolve("stubs.o")).defined()).isEmpty();
    }
}
