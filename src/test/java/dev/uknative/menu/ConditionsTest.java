package dev.uknative.menu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.uknative.kconfig.ConfigAssignment;
import dev.uknative.kconfig.DotConfigWriter;
import dev.uknative.kconfig.KconfigParser;
import dev.uknative.kconfig.KconfigSolver;
import dev.uknative.kconfig.KconfigTree;
import dev.uknative.kconfig.MenuNode;
import dev.uknative.kconfig.SolvedConfig;
import dev.uknative.kconfig.Symbol;
import dev.uknative.kconfig.SymbolStatus;
import dev.uknative.kconfig.UnikraftKconfigVariables;
import dev.uknative.testing.RequiresUnikraft;
import dev.uknative.testing.UnikraftCondition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The menu's own evaluation of prompt conditions, checked against the engine's: a symbol's prompt is
 * visible exactly when {@link SymbolStatus#visible()} says so, and a menu exactly when the .config the
 * engine writes has the menu's comment block (DotConfigWriter writes it for visible menus only).
 */
class ConditionsTest {

    @TempDir
    Path work;

    @Test
    void agreesWithTheEngineOnTheMenuTestsTree() {
        KconfigTree tree = KconfigParser.parse(InMemoryChanger.resource("/menu/Config.uk"), Map.of());
        for (List<String> fragment : List.of(List.<String>of(), List.of("CONFIG_SELECTOR=y"), List.of("CONFIG_BASE=n"),
                List.of("CONFIG_NET=y", "CONFIG_SCHED_PREEMPT=y"))) {
            assertAgrees(tree, fragment);
        }
    }

    @Test
    void aSelectForcesABoolOn() {
        KconfigTree tree = KconfigParser.parse(InMemoryChanger.resource("/menu/Config.uk"), Map.of());
        Symbol alloc = tree.symbol("ALLOC").orElseThrow();

        assertThat(new Conditions(solve(tree, List.of())).forcedOn(alloc)).isFalse();
        assertThat(new Conditions(solve(tree, List.of("CONFIG_SELECTOR=y"))).forcedOn(alloc)).isTrue();
        assertThat(new Conditions(solve(tree, List.of("CONFIG_ALLOC=y"))).forcedOn(alloc)).isFalse();
    }

    @Tag("e2e")
    @Test
    @RequiresUnikraft
    void agreesWithTheEngineOnUnikraft() throws Exception {
        Path unikraft = UnikraftCondition.tree().toRealPath();
        Path root = work.toRealPath();
        Files.createDirectories(root.resolve("build/kconfig"));
        String versionMk = Files.readString(unikraft.resolve("version.mk"));
        UnikraftKconfigVariables variables = UnikraftKconfigVariables.of(unikraft, Files.createDirectories(root.resolve("app")), List.of(),
                root.resolve("build"), root.resolve(".config"), "hello", UnikraftKconfigVariables.fullVersion(versionMk, "~test"),
                UnikraftKconfigVariables.codename(versionMk).orElse(""), "x86_64");
        KconfigTree tree = KconfigParser.parse(variables.rootKconfig(), variables.variables());

        List<String> qemu = List.of("CONFIG_ARCH_X86_64=y", "CONFIG_PLAT_KVM=y", "CONFIG_KVM_VMM_QEMU=y");
        assertAgrees(tree, qemu);
        List<String> posix = new ArrayList<>(qemu);
        posix.addAll(List.of("CONFIG_LIBVFSCORE=y", "CONFIG_LIBPOSIX_PROCESS=y", "CONFIG_LIBPOSIX_ENVIRON=y", "CONFIG_LIBSYSCALL_SHIM=y",
                "CONFIG_LIBUKDEBUG_PRINTD=y", "CONFIG_LIBPOSIX_FDTAB=y", "CONFIG_LIBRAMFS=y", "CONFIG_LIBUKVMEM=y", "CONFIG_PAGING=y"));
        assertAgrees(tree, posix);
        List<String> arm = List.of("CONFIG_ARCH_ARM_64=y", "CONFIG_PLAT_KVM=y", "CONFIG_KVM_VMM_FIRECRACKER=y");
        assertAgrees(tree, arm);
    }

    private static void assertAgrees(KconfigTree tree, List<String> fragment) {
        SolvedConfig solved = solve(tree, fragment);
        Conditions conditions = new Conditions(solved);
        for (Symbol s : tree.definedSymbols()) {
            boolean shown = s.nodes().stream().anyMatch(conditions::visible);
            assertThat(shown).as("%s with %s", s.configName(), fragment).isEqualTo(solved.status(s.configName()).orElseThrow().visible());
        }
        String config = DotConfigWriter.body(solved);
        for (MenuNode node : tree.menuNodes()) {
            if (node.kind() == MenuNode.Kind.MENU) {
                String title = node.prompt().orElseThrow().text();
                boolean written = config.contains("\n#\n# " + title + "\n#\n");
                if (conditions.visible(node)) {
                    assertThat(written).as("visible menu %s (%s) with %s", title, node.location(), fragment).isTrue();
                } else if (!sameTitleVisible(tree, conditions, title)) {
                    // (a block is also written for another visible menu or comment of the same title)
                    assertThat(written).as("hidden menu %s (%s) with %s", title, node.location(), fragment).isFalse();
                }
            }
        }
    }

    private static boolean sameTitleVisible(KconfigTree tree, Conditions conditions, String title) {
        return tree.menuNodes().stream().anyMatch(n -> (n.kind() == MenuNode.Kind.MENU || n.kind() == MenuNode.Kind.COMMENT)
                && n.prompt().map(p -> p.text().equals(title)).orElse(false) && conditions.visible(n));
    }

    private static SolvedConfig solve(KconfigTree tree, List<String> fragment) {
        List<ConfigAssignment> assignments = new ArrayList<>();
        for (String line : fragment) {
            assignments.add(ConfigAssignment.of(line, "test"));
        }
        return KconfigSolver.solve(tree, assignments);
    }
}
