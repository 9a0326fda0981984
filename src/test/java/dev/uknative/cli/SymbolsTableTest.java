package dev.uknative.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.uknative.symbols.Configuration;
import dev.uknative.symbols.LinkPlan;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The symbols table as a person reads it: archive members by name, within 100 columns. */
class SymbolsTableTest {

    private static final String ZIG_MEMBER = "native.ziggy(/home/me/.cache/uknative/zig/o/de860414afa9684a91dcb1f0fd4393b3/compiler_rt.o)";
    private static final String ROOT = "native.ziggy(/home/me/app/.unikraft/build/native/ziggy/staging/libziggy.a.o)";

    @Test
    void archiveMembersAreShownByTheirFileName() {
        assertThat(SymbolsCommand.member(ZIG_MEMBER)).isEqualTo("native.ziggy(compiler_rt.o)");
        assertThat(SymbolsCommand.member("native.foo(foo.o)")).isEqualTo("native.foo(foo.o)");
        assertThat(SymbolsCommand.member("/home/me/app/.unikraft/build/apphello/main.o")).isEqualTo("main.o");
        assertThat(SymbolsCommand.member("libnolibc")).isEqualTo("libnolibc");
    }

    @Test
    void longNotesAreWrappedAtSpaces() {
        String line = "CONFIG_LIBVFSCORE selects " + String.join(", ", java.util.Collections.nCopies(20, "LIBPOSIX_FDTAB"));
        String wrapped = SymbolsCommand.wrap(line, 100, "    ");

        assertThat(wrapped.lines()).allMatch(l -> l.length() <= 100).hasSizeGreaterThan(1);
        assertThat(wrapped.lines().skip(1)).allMatch(l -> l.startsWith("    "));
        assertThat(wrapped.replace("\n    ", " ").strip()).isEqualTo(line);
    }

    /** A configuration with nothing on; the table does not look at it. */
    private static final class NothingEnabled implements Configuration {
        @Override
        public boolean isEnabled(String option) {
            return false;
        }

        @Override
        public Change enable(java.util.SortedMap<String, String> options) {
            return new Change(this, java.util.Map.of());
        }
    }

    @Test
    void theZigExamplesTableFits100ColumnsAndTheJsonKeepsThePaths() {
        List<LinkPlan.Need> needs = List.of(
                new LinkPlan.Need("__zig_probe_stack", LinkPlan.Status.PROVIDED, ROOT, Optional.of(ZIG_MEMBER), Optional.empty(), false),
                new LinkPlan.Need("getenv", LinkPlan.Status.ENABLED, ROOT, Optional.of("libposix_environ"),
                        Optional.of("LIBPOSIX_ENVIRON"), false),
                new LinkPlan.Need("environ", LinkPlan.Status.ENABLED, ROOT, Optional.of("libposix_environ"),
                        Optional.of("LIBPOSIX_ENVIRON"), true));
        LinkPlan plan = new LinkPlan(needs, List.of(), new TreeMap<>(), new LinkPlan.SyscallReport(0, new TreeMap<>(), 0, List.of()),
                List.of(), new TreeMap<>(), new NothingEnabled());

        String table = SymbolsCommand.table(plan);

        assertThat(table.lines()).allMatch(l -> l.length() <= 100);
        assertThat(table).contains("native.ziggy(compiler_rt.o)").contains("native.ziggy(libziggy.a.o)").doesNotContain("/home/me");
        assertThat(SymbolsCommand.json(plan)).contains(ZIG_MEMBER).contains(ROOT);
    }
}
