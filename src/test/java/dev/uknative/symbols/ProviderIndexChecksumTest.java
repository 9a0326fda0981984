package dev.uknative.symbols;

import static org.assertj.core.api.Assertions.assertThat;

import dev.uknative.elf.ElfSymbol;
import dev.uknative.elf.ObjectSymbols;
import dev.uknative.elf.SymbolBinding;
import dev.uknative.elf.SymbolType;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A provider index file cut short at a line boundary still looks like an index line by line: its
 * closing checksum is what tells it apart. Before it, an index cut before posix-environ's line
 * made {@code getenv} look unimplemented (stubbed) with exit 0.
 */
class ProviderIndexChecksumTest {

    private static ElfSymbol defined(String name) {
        return new ElfSymbol(name, SymbolBinding.GLOBAL, SymbolType.FUNC, ".text", 0);
    }

    private static ElfSymbol weak(String name) {
        return new ElfSymbol(name, SymbolBinding.WEAK, SymbolType.FUNC, ".text", 0);
    }

    private static ProviderIndex index() {
        return new ProviderIndex("0123456789ab", List.of(
                new ProviderIndex.Library(ProviderIndex.SYSCALL_SHIM, Optional.empty(),
                        new ObjectSymbols("shim.o", List.of(weak("getenv"), weak("open")), List.of())),
                new ProviderIndex.Library("libposix_environ", Optional.of("LIBPOSIX_ENVIRON"),
                        new ObjectSymbols("environ.o", List.of(defined("getenv"), defined("setenv")), List.of(defined("malloc"))))),
                new SyscallTable(Map.of(2, "open")));
    }

    @Test
    void anIndexReadsBackWhole() {
        ProviderIndex read = ProviderIndex.parse(index().render()).orElseThrow();

        assertThat(read.render()).isEqualTo(index().render());
        assertThat(read.definitions("getenv")).extracting(e -> e.getKey().name()).containsExactly(ProviderIndex.SYSCALL_SHIM, "libposix_environ");
    }

    @Test
    void anIndexCutAtAnyLineBoundaryIsRefused() {
        String text = index().render();
        String[] lines = text.split("\n");

        for (int keep = 1; keep < lines.length; keep++) {
            String cut = String.join("\n", Arrays.copyOf(lines, keep)) + "\n";
            assertThat(ProviderIndex.parse(cut)).as("cut to %d of %d lines", keep, lines.length).isEmpty();
        }
        assertThat(ProviderIndex.parse(text.replace("D\tG\tF\tsetenv", "D\tG\tF\tsetenV"))).as("edited").isEmpty();
    }
}
