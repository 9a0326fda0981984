package dev.uknative.symbols;

import static org.assertj.core.api.Assertions.assertThat;

import dev.uknative.kconfig.ConfigAssignment;
import dev.uknative.kconfig.KconfigParser;
import dev.uknative.kconfig.KconfigTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Turning library options on through the Kconfig engine, dependencies included, as the link plan does. */
class KconfigConfigurationTest {

    @TempDir
    Path dir;

    private KconfigTree tree;

    @BeforeEach
    void tree() throws IOException {
        Files.writeString(dir.resolve("Config.uk"), """
                config LIBMMAP
                	bool "mmap"
                	depends on LIBVMEM && LIBFALLOC
                	select LIBHELPER
                config LIBVMEM
                	bool "vmem"
                config LIBFALLOC
                	bool "falloc"
                config LIBHELPER
                	bool
                config LIBOLDMMAP
                	bool "old mmap"
                	depends on !LIBMMAP
                config HIDDEN
                	bool
                config LIBNEEDSHIDDEN
                	bool "needs hidden"
                	depends on HIDDEN
                config LIBOFF
                	bool "off by the Kraftfile"
                choice
                	prompt "architecture"
                config ARCH_A
                	bool "a"
                config ARCH_B
                	bool "b"
                endchoice
                config LIBONLYONB
                	bool "only on b"
                	depends on ARCH_B
                """);
        tree = KconfigParser.parse(dir.resolve("Config.uk"), Map.of());
    }

    private static TreeMap<String, String> ask(String... options) {
        TreeMap<String, String> map = new TreeMap<>();
        for (String o : options) {
            map.put(o, "test");
        }
        return map;
    }

    @Test
    void anOptionWhoseDependenciesAreOffGetsThemTurnedOnFirst() {
        KconfigConfiguration start = new KconfigConfiguration(tree, List.of());

        Configuration.Change change = start.enable(ask("LIBMMAP"));

        assertThat(change.refused()).isEmpty();
        assertThat(change.result().isEnabled("LIBMMAP")).isTrue();
        assertThat(change.result().isEnabled("LIBVMEM")).isTrue();
        assertThat(change.result().isEnabled("LIBFALLOC")).isTrue();
        assertThat(change.result().isEnabled("LIBHELPER")).as("selected").isTrue();
        assertThat(((KconfigConfiguration) change.result()).assignments()).extracting(ConfigAssignment::symbol)
                .containsExactly("CONFIG_LIBVMEM", "CONFIG_LIBFALLOC", "CONFIG_LIBMMAP");
        assertThat(start.selects("LIBMMAP")).containsExactly("LIBHELPER");
    }

    @Test
    void whatCannotHoldIsRefusedWithTheEnginesReasonAndChangesNothing() {
        KconfigConfiguration start = new KconfigConfiguration(tree, List.of(ConfigAssignment.of("CONFIG_LIBMMAP=y", "kraftfile"),
                ConfigAssignment.of("CONFIG_LIBVMEM=y", "kraftfile"), ConfigAssignment.of("CONFIG_LIBFALLOC=y", "kraftfile")));

        Configuration.Change change = start.enable(ask("LIBOLDMMAP", "LIBNEEDSHIDDEN", "LIBONLYONB"));

        assertThat(change.refused()).as("a choice is never switched to satisfy a dependency")
                .containsOnlyKeys("LIBOLDMMAP", "LIBNEEDSHIDDEN", "LIBONLYONB");
        assertThat(change.result().isEnabled("ARCH_A")).isTrue();
        assertThat(change.refused().get("LIBOLDMMAP")).contains("CONFIG_LIBOLDMMAP=y cannot hold").contains("LIBMMAP");
        assertThat(change.result().isEnabled("LIBOLDMMAP")).isFalse();
        assertThat(((KconfigConfiguration) change.result()).assignments()).hasSize(3);
    }
}
