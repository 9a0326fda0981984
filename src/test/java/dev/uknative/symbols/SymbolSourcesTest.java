package dev.uknative.symbols;

import static org.assertj.core.api.Assertions.assertThat;

import dev.uknative.elf.ArchiveReader;
import dev.uknative.elf.ElfReader;
import dev.uknative.elf.ObjectSymbols;
import dev.uknative.elf.SyscallSite;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the planner's facts come from: Makefile.uk registrations, syscall numbers, raw syscall sites, the index file. */
class SymbolSourcesTest {

    @TempDir
    Path dir;

    @Test
    void libraryOptionsComeFromTheAddlibCalls() {
        String makefile = """
                $(eval $(call addlib_s,libposix_fdio,$(CONFIG_LIBPOSIX_FDIO)))
                # $(eval $(call addlib_s,libcommented,$(CONFIG_NO)))
                $(eval $(call addlib,libcontext))
                $(eval $(call addplatlib,kvm,libkvmplat))
                $(eval $(call addplatlib_s,xen,libxenpvcalls,$(CONFIG_XEN_PVCALLS)))
                LIBPOSIX_FDIO_SRCS-y += $(LIBPOSIX_FDIO_BASE)/fdio.c
                """;

        assertThat(LibraryOptions.parse(makefile)).containsExactly(
                java.util.Map.entry("libposix_fdio", Optional.of("LIBPOSIX_FDIO")),
                java.util.Map.entry("libcontext", Optional.empty()),
                java.util.Map.entry("libkvmplat", Optional.of("PLAT_KVM")),
                java.util.Map.entry("libxenpvcalls", Optional.of("XEN_PVCALLS")));
    }

    @Test
    void syscallNumbersAreReadFromTheShimsTable() {
        SyscallTable table = SyscallTable.parse("/* x */\n#define __NR_read\t\t\t\t0\n#define __NR_gettid   186\n#define NOT_A_SYSCALL 3\n");

        assertThat(table.name(186)).contains("gettid");
        assertThat(table.name(0)).contains("read");
        assertThat(table.name(3)).isEmpty();
        assertThat(SyscallTable.implementationSymbol("gettid")).isEqualTo("uk_syscall_r_gettid");
    }

    @Tag("tool")
    @Test
    void rawSyscallsAreFoundWithTheirNumberWhenAnImmediateGivesItAway() throws IOException {
        HostTools.assumeAvailable("gcc", "ar");
        HostTools.compile(dir, "sys", """
                long constant(void) { long r; __asm__ volatile("mov $186, %%eax\\n\\tsyscall" : "=a"(r) : : "rcx", "r11", "memory"); return r; }
                long wide(void) { long r; __asm__ volatile("mov $39, %%rax\\n\\tsyscall" : "=a"(r) : : "rcx", "r11", "memory"); return r; }
                long dynamic(long n) { long r; __asm__ volatile("syscall" : "=a"(r) : "a"(n) : "rcx", "r11", "memory"); return r; }
                long plain(long x) { return x * 3; }
                """);
        HostTools.ok(dir, "ar", "rcs", "libsys.a", "sys.o");

        ObjectSymbols object = new ElfReader().readSymbolsWithSyscalls(dir.resolve("sys.o"));
        List<SyscallSite> fromArchive = new ArchiveReader().readWithSyscalls(dir.resolve("libsys.a")).members().get(0).syscalls();

        assertThat(object.syscalls()).hasSize(3);
        assertThat(object.syscalls()).extracting(SyscallSite::number)
                .containsExactlyInAnyOrder(OptionalInt.of(186), OptionalInt.of(39), OptionalInt.empty());
        assertThat(fromArchive).isEqualTo(object.syscalls());
        assertThat(new ArchiveReader().read(dir.resolve("libsys.a")).members().get(0).syscalls())
                .as("only looked for when asked").isEmpty();
    }

    @Tag("tool")
    @Test
    void rawArm64SvcsAreFoundWithTheNumberLoadedIntoX8() throws IOException {
        HostTools.assumeAvailable("aarch64-linux-gnu-as");
        java.nio.file.Files.writeString(dir.resolve("svc.S"), """
                        .text
                        .globl gettid_raw, dynamic, wide
                gettid_raw:
                        mov     w8, #178
                        mov     w1, #1
                        svc     #0
                        ret
                dynamic:
                        mov     x8, x0
                        svc     #0
                        ret
                wide:
                        movz    x8, #98
                        svc     #0
                        ret
                """);
        HostTools.ok(dir, "aarch64-linux-gnu-as", "-o", "svc.o", "svc.S");

        ObjectSymbols object = new ElfReader().readSymbolsWithSyscalls(dir.resolve("svc.o"));

        assertThat(object.syscalls()).extracting(SyscallSite::number)
                .containsExactly(OptionalInt.of(178), OptionalInt.empty(), OptionalInt.of(98));
        assertThat(object.syscalls()).extracting(SyscallSite::offset).containsExactly(8L, 20L, 32L);
    }

    @Tag("tool")
    @Test
    void theIndexSurvivesItsTextFormAndRefusesAnythingElse() throws IOException {
        HostTools.assumeAvailable("gcc");
        ObjectSymbols symbols = new ElfReader().readSymbols(HostTools.compile(dir, "libx",
                "int used(void); __attribute__((weak)) int maybe(void) { return 1; } int table[4]; int f(void) { return used() + table[0]; }\n"));
        ProviderIndex index = new ProviderIndex("k1", List.of(new ProviderIndex.Library("libx", Optional.of("LIBX"), symbols),
                new ProviderIndex.Library("libcontext", Optional.empty(), new ObjectSymbols("libcontext.o", List.of(), List.of()))),
                SyscallTable.parse("#define __NR_gettid 186\n"));

        ProviderIndex back = ProviderIndex.parse(index.render()).orElseThrow();

        assertThat(back.key()).isEqualTo("k1");
        assertThat(back.render()).isEqualTo(index.render());
        assertThat(back.definitions("maybe")).singleElement().satisfies(e -> assertThat(e.getValue().isWeak()).isTrue());
        assertThat(back.definitions("table")).singleElement().satisfies(e -> assertThat(e.getValue().isData()).isTrue());
        assertThat(back.library("libx").orElseThrow().symbols().undefined()).extracting(s -> s.name()).containsExactly("used");
        assertThat(back.library("libcontext").orElseThrow().option()).isEmpty();
        assertThat(back.syscalls().name(186)).contains("gettid");
        assertThat(ProviderIndex.parse("# uknative provider index 0\nkey\tk\n")).isEmpty();
        assertThat(ProviderIndex.parse(index.render().replace("\nD\t", "\nQ\t"))).isEmpty();
        assertThat(ProviderIndex.parse("")).isEmpty();
    }
}
