package dev.uknative.symbols;

import static org.assertj.core.api.Assertions.assertThat;

import dev.uknative.elf.ArchiveReader;
import dev.uknative.elf.ElfReader;
import dev.uknative.elf.ObjectSymbols;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The planner on objects made by the real gcc and ar, held against the real GNU ld: with stubs and
 * automatic configuration off, what it calls missing is exactly what ld reports undefined.
 */
@Tag("tool")
class LinkPlannerTest {

    @TempDir
    Path dir;

    private ProviderIndex index;
    private LinkPlanner.Foreign foreign;
    private ObjectSymbols app;

    @BeforeEach
    void objects() throws IOException {
        HostTools.assumeAvailable("gcc", "ar", "ld");
        HostTools.compile(dir, "libalways", "int puts_like(const char *s) { return 0; }\n__attribute__((weak)) int weak_thing;\n");
        HostTools.compile(dir, "libsyscall_shim", "__attribute__((weak)) long sigaction(void) { return -38; }\n");
        HostTools.compile(dir, "libenv", "char *getenv(const char *n) { return 0; }\n");
        HostTools.compile(dir, "libmmap", "void *mmap(void) { return 0; }\n");
        HostTools.compile(dir, "libproc", "long uk_syscall_r_gettid(void) { return 1; }\n");
        HostTools.compile(dir, "m_add", """
                int puts_like(const char *); char *getenv(const char *); int isatty(int); void *mmap(void);
                int sigaction(int, const void *, void *);
                extern void optional_hook(void) __attribute__((weak));
                int add(int a, int b) {
                    long tid;
                    __asm__ volatile("mov $186, %%eax\\n\\tsyscall" : "=a"(tid) : : "rcx", "r11", "memory");
                    if (optional_hook) optional_hook();
                    puts_like(getenv("X")); sigaction(0, 0, 0); mmap();
                    return a + b + isatty(0) + (int) tid;
                }
                """);
        HostTools.compile(dir, "m_dup", "int puts_like(const char *s) { return 1; } int dup_entry(void) { return 2; }\n");
        HostTools.compile(dir, "m_unused", "int nowhere_at_all(void); int never_linked(void) { return nowhere_at_all(); }\n");
        HostTools.ok(dir, "ar", "rcs", "libforeign.a", "m_add.o", "m_unused.o", "m_dup.o");
        app = new ElfReader().readSymbols(HostTools.compile(dir, "app", "int add(int, int); int main(void) { return add(1, 2); }\n"));
        ElfReader reader = new ElfReader();
        List<ProviderIndex.Library> libraries = List.of(
                new ProviderIndex.Library("libalways", Optional.empty(), reader.readSymbols(dir.resolve("libalways.o"))),
                new ProviderIndex.Library(ProviderIndex.SYSCALL_SHIM, Optional.of("LIBSYSCALL_SHIM"), reader.readSymbols(dir.resolve("libsyscall_shim.o"))),
                new ProviderIndex.Library("libenv", Optional.of("LIBENV"), reader.readSymbols(dir.resolve("libenv.o"))),
                new ProviderIndex.Library("libmmap", Optional.of("LIBMMAP"), reader.readSymbols(dir.resolve("libmmap.o"))),
                new ProviderIndex.Library("libproc", Optional.of("LIBPROC"), reader.readSymbols(dir.resolve("libproc.o"))));
        index = new ProviderIndex("test", libraries, SyscallTable.parse("#define __NR_read 0\n#define __NR_gettid 186\n"));
        foreign = new LinkPlanner.Foreign("foreign", new ArchiveReader().readWithSyscalls(dir.resolve("libforeign.a")));
    }

    private LinkPlan plan(List<ObjectSymbols> application, boolean autoConfig, boolean stubs) {
        return LinkPlanner.plan(new LinkPlanner.Input(index, List.of(foreign), application, Set.of(), autoConfig, stubs),
                new MapConfiguration(Set.of("LIBSYSCALL_SHIM"), Set.of("LIBMMAP")));
    }

    private static Map<String, LinkPlan.Need> bySymbol(LinkPlan plan) {
        return plan.needs().stream().collect(Collectors.toMap(LinkPlan.Need::symbol, Function.identity()));
    }

    @Test
    void everyNeedGetsOneStatusAndProvidersAreTurnedOn() {
        LinkPlan plan = plan(List.of(app), true, true);
        Map<String, LinkPlan.Need> needs = bySymbol(plan);

        assertThat(needs.get("puts_like").status()).isEqualTo(LinkPlan.Status.PROVIDED);
        assertThat(needs.get("puts_like").provider()).contains("libalways");
        assertThat(needs.get("add").status()).isEqualTo(LinkPlan.Status.PROVIDED);
        assertThat(needs.get("add").provider()).contains("native.foreign(m_add.o)");
        assertThat(needs.get("add").neededBy()).isEqualTo("app.o");
        assertThat(needs.get("getenv").status()).isEqualTo(LinkPlan.Status.ENABLED);
        assertThat(needs.get("getenv").option()).contains("LIBENV");
        assertThat(needs.get("sigaction").status()).as("only the shim's weak -ENOSYS stub").isEqualTo(LinkPlan.Status.ENOSYS);
        assertThat(needs.get("isatty").status()).isEqualTo(LinkPlan.Status.STUBBED);
        assertThat(needs.get("mmap").status()).as("its library cannot be turned on").isEqualTo(LinkPlan.Status.STUBBED);
        assertThat(needs.get("mmap").provider()).contains("libmmap");
        assertThat(needs.get("optional_hook").status()).isEqualTo(LinkPlan.Status.WEAK_UNRESOLVED);
        assertThat(needs).as("a member nothing references is not linked").doesNotContainKey("nowhere_at_all");
        assertThat(plan.refused()).containsOnlyKeys("LIBMMAP");

        assertThat(plan.enabled()).extracting(LinkPlan.Enablement::option)
                .containsExactlyInAnyOrder("LIBENV", "LIBPROC", "LIBSYSCALL_SHIM_HANDLER");
        assertThat(plan.syscalls().sites()).isEqualTo(1);
        assertThat(plan.syscalls().byName()).containsEntry("gettid", 186);
        assertThat(plan.syscalls().notImplemented()).isEmpty();
    }

    @Test
    void withoutTheApplicationsObjectsEveryMemberCounts() {
        Map<String, LinkPlan.Need> needs = bySymbol(plan(List.of(), true, true));

        assertThat(needs.get("nowhere_at_all").status()).isEqualTo(LinkPlan.Status.STUBBED);
        assertThat(needs.get("nowhere_at_all").neededBy()).isEqualTo("native.foreign(m_unused.o)");
    }

    @Test
    void noAutoConfigAndNoStubsLeaveWhatIsMissingAndSayWhy() {
        LinkPlan plan = plan(List.of(app), false, false);

        assertThat(plan.enabled()).isEmpty();
        assertThat(plan.refused()).containsKeys("LIBENV", "LIBPROC", "LIBSYSCALL_SHIM_HANDLER");
        assertThat(plan.refused().get("LIBENV")).contains("--no-auto-config").contains("getenv");
        assertThat(plan.withStatus(LinkPlan.Status.MISSING)).extracting(LinkPlan.Need::symbol)
                .containsExactlyInAnyOrder("getenv", "isatty", "mmap");
    }

    @Test
    void theMissingSetIsExactlyWhatGnuLdReportsUndefined() {
        LinkPlan plan = plan(List.of(app), false, false);
        Set<String> missing = plan.withStatus(LinkPlan.Status.MISSING).stream().map(LinkPlan.Need::symbol)
                .collect(Collectors.toCollection(TreeSet::new));

        // The libraries that are on are linked whole, the archive inside a group: as Unikraft's final link.
        HostTools.Result link = HostTools.run(dir, List.of("ld", "-static", "-e", "main", "-o", "image",
                "app.o", "libalways.o", "libsyscall_shim.o", "--start-group", "libforeign.a", "--end-group"));

        assertThat(link.exitCode()).isNotZero();
        assertThat(undefinedReferences(link.output())).isEqualTo(missing);
    }

    @Test
    void aLinkedMemberThatRedefinesWhatALibraryDefinesIsAConflictAsLdSaysToo() throws IOException {
        ObjectSymbols callsDup = new ElfReader().readSymbols(HostTools.compile(dir, "app2",
                "int add(int, int); int dup_entry(void); int main(void) { return add(1, 2) + dup_entry(); }\n"));

        LinkPlan plan = plan(List.of(callsDup), false, true);

        assertThat(plan.conflicts()).singleElement().satisfies(c -> {
            assertThat(c.symbol()).isEqualTo("puts_like");
            assertThat(c.first()).isEqualTo("libalways");
            assertThat(c.second()).isEqualTo("native.foreign(m_dup.o)");
        });
        assertThat(plan(List.of(app), false, true).conflicts()).as("m_dup.o is not linked when nothing needs it").isEmpty();
        HostTools.Result link = HostTools.run(dir, List.of("ld", "-static", "-e", "main", "-o", "image2",
                "app2.o", "libalways.o", "libsyscall_shim.o", "--start-group", "libforeign.a", "--end-group"));
        assertThat(link.output()).contains("multiple definition of `puts_like'");
    }

    @Test
    void theFixedOptionsOfTheKraftfileAreNeverChanged() {
        LinkPlan plan = LinkPlanner.plan(new LinkPlanner.Input(index, List.of(foreign), List.of(app), Set.of("LIBENV"), true, true),
                new MapConfiguration(Set.of("LIBSYSCALL_SHIM"), Set.of()));

        assertThat(plan.enabled()).extracting(LinkPlan.Enablement::option).doesNotContain("LIBENV").contains("LIBMMAP");
        assertThat(plan.refused().get("LIBENV")).contains("the Kraftfile sets CONFIG_LIBENV itself");
        assertThat(bySymbol(plan).get("getenv").status()).isEqualTo(LinkPlan.Status.STUBBED);
    }

    static Set<String> undefinedReferences(String linkerOutput) {
        Set<String> names = new TreeSet<>();
        Matcher m = Pattern.compile("undefined reference to `([^']+)'").matcher(linkerOutput);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }
}
