package dev.uknative.kconfig;

import static org.assertj.core.api.Assertions.assertThat;

import dev.uknative.core.Location;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The parser and the finalization pass on the fixture tree and on small trees. */
class KconfigParserTest {

    private final Path dir = Fixtures.tree("fixture");
    private final KconfigTree tree = Fixtures.fixture();

    private Symbol symbol(String name) {
        return tree.symbol(name).orElseThrow(() -> new AssertionError("no symbol " + name));
    }

    private Location at(String file, String text) throws IOException {
        List<String> lines = Files.readAllLines(dir.resolve(file));
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).equals(text)) {
                return Location.of(dir.resolve(file), i + 1);
            }
        }
        throw new AssertionError(text + " not in " + file);
    }

    @Test
    void readsTheMainMenuTypesAndFiles() {
        assertThat(tree.mainMenuText()).isEqualTo("Fixture/1.2.3 Configuration");
        assertThat(symbol("CPU_COUNT").type()).isEqualTo(SymbolType.INT);
        assertThat(symbol("BASE_ADDRESS").type()).isEqualTo(SymbolType.HEX);
        assertThat(symbol("GREETING").type()).isEqualTo(SymbolType.STRING);
        assertThat(symbol("CONFIG_ARCH_64BIT").type()).isEqualTo(SymbolType.BOOL);
        assertThat(tree.files()).containsExactly(dir.resolve("Kconfig"), dir.resolve("core.kconfig"),
                dir.resolve("shared.kconfig"), dir.resolve("drivers/Kconfig"), dir.resolve("libs/alpha/Config.uk"),
                dir.resolve("libs/beta/Config.uk"));
        assertThat(tree.symbol("HIDDEN_LIB")).as("globs skip dot folders").isEmpty();
        assertThat(tree.warnings()).anyMatch(w -> w.contains("LEVEL defined with multiple prompts in single location"));
    }

    @Test
    void keepsOneMenuNodePerDefinitionSite() throws IOException {
        Symbol shared = symbol("SHARED_FEATURE");
        assertThat(shared.definitionSites()).containsExactly(at("shared.kconfig", "config SHARED_FEATURE"),
                at("shared.kconfig", "config SHARED_FEATURE"));
        assertThat(shared.nodes().get(1).dependency().render()).isEqualTo("ARCH_B");
        assertThat(shared.directDependency().render()).as("y || ARCH_B is simplified to y").isEqualTo("y");

        Symbol debug = symbol("DEBUG");
        assertThat(debug.nodes()).hasSize(2);
        assertThat(debug.nodes().get(0).prompt().orElseThrow().text()).isEqualTo("Debugging");
        assertThat(debug.nodes().get(1).prompt().orElseThrow().text()).isEqualTo("Debugging, second definition");
        assertThat(debug.defaults()).extracting(d -> d.written().render()).containsExactly("EXPERIMENTAL", "NET");
    }

    @Test
    void propagatesDependenciesIntoEveryProperty() throws IOException {
        assertThat(symbol("NET_BUFFERS").directDependency().render()).isEqualTo("NET_IPV6 && NET");
        assertThat(symbol("NET_BUFFERS").defaults().get(0).condition().render()).isEqualTo("NET_IPV6 && NET");
        assertThat(symbol("DRIVER_NAME").directDependency().render()).isEqualTo("DRIVER_NET");
        assertThat(symbol("ARCH_64BIT").directDependency().render()).isEqualTo("ARCH_A || ARCH_B");
        assertThat(symbol("HIDDEN_OPTION").nodes().get(0).prompt().orElseThrow().condition().render())
                .as("visible if goes into prompts only").isEqualTo("EXPERIMENTAL");
        assertThat(symbol("HIDDEN_OPTION").defaults().get(0).condition().render()).isEqualTo("y");
        assertThat(symbol("ARCH_C").nodes().get(0).prompt().orElseThrow().condition().render())
                .as("a choice symbol depends on its choice").isEqualTo("EXPERIMENTAL && <choice>");

        assertThat(symbol("HAVE_SMP").reverseDependency().render()).isEqualTo("SMP");
        assertThat(symbol("PRINTK").reverseDependency().render()).isEqualTo("DEBUG && DEBUG_PRINT");
        assertThat(symbol("PRINTK").weakReverseDependency().render()).isEqualTo("LIB_ALPHA");
        assertThat(symbol("SMP_STATS").weakReverseDependency().render()).isEqualTo("SMP && EXPERIMENTAL");
        Reverse select = symbol("PRINTK").selectedBy().get(0);
        assertThat(select.symbol().name()).isEqualTo("DEBUG");
        assertThat(select.written().render()).isEqualTo("DEBUG_PRINT");
        assertThat(select.location()).isEqualTo(at("core.kconfig", "\tselect PRINTK if DEBUG_PRINT"));
    }

    @Test
    void formsImplicitSubmenusAndRemovesIfs() {
        MenuNode net = symbol("NET").nodes().get(0);
        assertThat(net.children()).extracting(n -> n.symbol().orElseThrow().name()).containsExactly("NET_IPV6", "NET_AFTER");
        assertThat(symbol("NET_IPV6").nodes().get(0).children()).extracting(n -> n.symbol().orElseThrow().name())
                .containsExactly("NET_BUFFERS");
        assertThat(tree.menuNodes()).noneMatch(n -> n.kind() == MenuNode.Kind.IF);

        Choice mode = symbol("MODE_X").choice().orElseThrow();
        assertThat(mode.symbols()).extracting(Symbol::name).containsExactly("MODE_X", "MODE_Y");
        assertThat(symbol("MODE_X_EXTRA").choice()).as("it depends on MODE_X, so it is MODE_X's child").isEmpty();
    }

    @Test
    void readsChoices() {
        Choice log = symbol("LOG_ERR").choice().orElseThrow();
        assertThat(log.name()).contains("LOGLEVEL");
        assertThat(log.nodes()).hasSize(2);
        assertThat(log.symbols()).extracting(Symbol::name).containsExactly("LOG_ERR", "LOG_INFO", "LOG_DEBUG");
        assertThat(log.type()).isEqualTo(SymbolType.BOOL);
        assertThat(log.title()).isEqualTo("Log level");
        assertThat(symbol("OPT_ONE").choice().orElseThrow().isOptional()).isTrue();
        assertThat(tree.choices()).as("LOGLEVEL counts once").hasSize(4);
    }

    @Test
    void readsHelpTextsByIndentation() throws IOException {
        assertThat(symbol("EXPERIMENTAL").nodes().get(0).help())
                .contains("Shows options that are not finished.\n\nEnable only for testing.");
        assertThat(symbol("LIB_BETA").nodes().get(0).help())
                .contains("The beta library.\n  Indented more.\n      With a tab.\n\nLast paragraph.");
        assertThat(symbol("LIB_BETA_AFTER_HELP").nodes().get(0).location())
                .isEqualTo(at("libs/beta/Config.uk", "config LIB_BETA_AFTER_HELP"));
        assertThat(symbol("EXPERIMENTAL").nodes().get(0).location()).as("line numbers stay right after a line continuation")
                .isEqualTo(at("Kconfig", "config EXPERIMENTAL"));
    }

    @Test
    void expandsVariablesMacrosAndTheShellTest() {
        Default greeting = symbol("GREETING").defaults().get(0);
        assertThat(((Symbol) greeting.value()).name()).isEqualTo("hello, \"fix\" \\ world");
        assertThat(((Symbol) symbol("UNSET_VARIABLE").defaults().get(0).value()).name()).isEqualTo("[]");
        assertThat(symbol("NO_APP").defaults().get(0).value().render()).isEqualTo("n");

        Map<String, String> noApp = new HashMap<>(Fixtures.variables(dir));
        noApp.put("APP", dir.toString());
        KconfigTree other = KconfigParser.parse(dir.resolve("Kconfig"), noApp);
        assertThat(other.symbol("NO_APP").orElseThrow().defaults().get(0).value().render()).isEqualTo("y");
    }

    @Test
    void sourcesRelativeOptionalAndGlobbedFiles(@TempDir Path tmp) throws IOException {
        Files.createDirectories(tmp.resolve("sub/deeper"));
        Files.writeString(tmp.resolve("sub/Kconfig"), "config IN_SUB\n\tbool \"in sub\"\nrsource \"deeper/Kconfig\"\n");
        Files.writeString(tmp.resolve("sub/deeper/Kconfig"), "config IN_DEEPER\n\tbool \"in deeper\"\n");
        Files.writeString(tmp.resolve("Kconfig"), """
                osource "$(DIR)/missing/*.kconfig"
                osource "$(DIR)/absent.kconfig"
                source "sub/Kconfig"
                source "$(DIR)/s*/Kconfig"
                """);
        KconfigTree t = KconfigParser.parse(tmp.resolve("Kconfig"), Map.of("DIR", tmp.toString()));
        assertThat(t.symbol("IN_SUB").orElseThrow().nodes()).hasSize(2);
        assertThat(t.symbol("IN_DEEPER").orElseThrow().definitionSites())
                .containsOnly(Location.of(tmp.resolve("sub/deeper/Kconfig"), 1));
    }

    @Test
    void keepsKconfigVariablesAndFunctions(@TempDir Path tmp) {
        KconfigTree t = Fixtures.inline(tmp, """
                prefix := uk
                twice = $(1)$(1)
                name = $(prefix)-$(twice,ab)
                prefix += more
                config A
                	string "a"
                	default "$(name)|$(prefix)|$(filename)|$(lineno)"
                config B
                	bool "b" \\
                	  if A = "x"
                $(info,hello)
                """);
        Symbol a = t.symbol("A").orElseThrow();
        assertThat(((Symbol) a.defaults().get(0).value()).name())
                .isEqualTo("uk more-abab|uk more|" + tmp.resolve("Kconfig") + "|7");
        assertThat(t.symbol("B").orElseThrow().nodes().get(0).prompt().orElseThrow().condition().render())
                .isEqualTo("A = \"x\"");
        assertThat(t.warnings()).anyMatch(w -> w.endsWith("info: hello"));
    }

    @Test
    void treatsAPlainMAsModulesWhichUnikraftLacks(@TempDir Path tmp) {
        KconfigTree t = Fixtures.inline(tmp, "config A\n\tbool \"a\"\n\tdepends on m\n");
        assertThat(t.symbol("A").orElseThrow().directDependency().render()).isEqualTo("m && MODULES");
    }
}
