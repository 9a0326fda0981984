package dev.uknative.kconfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.uknative.core.Location;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Unikraft's config-submenu.sh, emulated: which Config.uk files it sources, in which order and with
 * which wrapping. (The e2e tests also compare with the real script.)
 */
class ShellEmulationTest {

    @TempDir
    Path tmp;

    private Path libs;
    private Map<String, String> variables;

    @BeforeEach
    void layout() throws IOException {
        libs = tmp.resolve("lib");
        for (String lib : new String[] {"zeta", "alpha", "posix-x", "posix_y", "Upper", "noconfig", ".hidden"}) {
            Files.createDirectories(libs.resolve(lib));
            if (!lib.equals("noconfig")) {
                Files.writeString(libs.resolve(lib).resolve("Config.uk"), "config LIB_" + symbolName(lib) + "\n\tbool \""
                        + lib + "\"\n");
            }
        }
        Files.writeString(libs.resolve("Config.uk"), "config LIB_BASE_MENU\n\tbool \"base\"\n");
        Files.writeString(libs.resolve("plain-file"), "not a folder\n");
        Path external = tmp.resolve("external/lib-ext");
        Files.createDirectories(external);
        Files.writeString(external.resolve("Config.uk"), "config LIB_EXT\n\tbool \"ext\"\n");
        Files.createSymbolicLink(tmp.resolve("linked"), external);
        variables = new LinkedHashMap<>();
        variables.put("UK_BASE", tmp.toString());
        variables.put("KCONFIG_DIR", tmp.resolve("build/kconfig").toString());
        variables.put("LIBS", libs.toString());
    }

    private static String symbolName(String lib) {
        return lib.toUpperCase().replace('-', '_').replace(".", "DOT");
    }

    private KconfigTree parse(String kconfig) throws IOException {
        Files.writeString(tmp.resolve("Kconfig"), kconfig);
        return KconfigParser.parse(tmp.resolve("Kconfig"), variables);
    }

    @Test
    void listsSubfoldersInOrderThenTheBaseThenTheColonList() throws IOException {
        variables.put("ELIBS", tmp.resolve("linked") + "/::" + tmp.resolve("nowhere"));
        variables.put("EXCLUDE", libs.resolve("zeta").toString());
        KconfigTree tree = parse("""
                menu "Library Configuration"
                	source "$(shell,$(UK_BASE)/support/build/config-submenu.sh -q -o '$(KCONFIG_DIR)/libs.uk' -r '$(LIBS)/' -l '$(LIBS)' -c '$(ELIBS)' -e '$(EXCLUDE)')"
                endmenu
                """);

        Path generated = tmp.resolve("build/kconfig/libs.uk");
        assertThat(tree.generatedFiles()).containsOnlyKeys(generated);
        assertThat(tree.generatedFiles().get(generated)).isEqualTo("# Auto generated file. DO NOT EDIT\n"
                + "# Skipped excluded \"" + libs.resolve("zeta") + "\"\n"
                + "source \"" + libs.resolve("Upper/Config.uk") + "\"\n"
                + "source \"" + libs.resolve("alpha/Config.uk") + "\"\n"
                + "source \"" + libs.resolve("posix-x/Config.uk") + "\"\n"
                + "source \"" + libs.resolve("posix_y/Config.uk") + "\"\n"
                + "source \"" + libs.resolve("Config.uk") + "\"\n"
                + "source \"" + tmp.resolve("external/lib-ext/Config.uk") + "\"\n");
        assertThat(tree.symbol("LIB_EXT").orElseThrow().definitionSites().get(0).file())
                .as("readlink -f resolves the link").isEqualTo(tmp.resolve("external/lib-ext/Config.uk"));
        assertThat(tree.symbol("LIB_ZETA")).isEmpty();
        assertThat(tree.symbol("LIB_DOTHIDDEN")).isEmpty();
        assertThat(tree.symbol("LIB_ALPHA").orElseThrow().nodes().get(0).parent().orElseThrow().prompt().orElseThrow().text())
                .isEqualTo("Library Configuration");
    }

    @Test
    void wrapsInAMenuWithATitleAndSkipsAnEmptyFolder() throws IOException {
        variables.put("APPDIR", libs.resolve("alpha").toString());
        KconfigTree tree = parse("""
                source "$(shell,$(UK_BASE)/support/build/config-submenu.sh -q -o '$(KCONFIG_DIR)/app.uk' -t "Application Options" -l '$(APPDIR)' -e '$(NOTHING)')"
                source "$(shell,$(UK_BASE)/support/build/config-submenu.sh -q -o '$(KCONFIG_DIR)/none.uk' -t "Empty" -l '$(NOTHING)')"
                """);
        assertThat(tree.generatedFiles().get(tmp.resolve("build/kconfig/app.uk"))).isEqualTo(
                "# Auto generated file. DO NOT EDIT\nmenu \"Application Options\"\nsource \""
                        + libs.resolve("alpha/Config.uk") + "\"\nendmenu\n");
        assertThat(tree.generatedFiles().get(tmp.resolve("build/kconfig/none.uk")))
                .isEqualTo("# Auto generated file. DO NOT EDIT\nmenu \"Empty\"\nendmenu\n");
        MenuNode alpha = tree.symbol("LIB_ALPHA").orElseThrow().nodes().get(0);
        assertThat(alpha.parent().orElseThrow().prompt().orElseThrow().text()).isEqualTo("Application Options");
        assertThat(alpha.parent().orElseThrow().location()).isEqualTo(
                Location.of(tmp.resolve("build/kconfig/app.uk"), 2));
    }

    @Test
    void sourcesTheSameGeneratedFileTwice() throws IOException {
        KconfigTree tree = parse("""
                source "$(shell,$(UK_BASE)/support/build/config-submenu.sh -q -o '$(KCONFIG_DIR)/a.uk' -l '$(LIBS)/alpha' -l '$(LIBS)/alpha')"
                """);
        assertThat(tree.symbol("LIB_ALPHA").orElseThrow().nodes()).hasSize(2);
    }

    @Test
    void emulatesTheNoAppTest() throws IOException {
        variables.put("A", "/x");
        variables.put("B", "/x");
        KconfigTree tree = parse("config SAME\n\tdef_bool $(shell,test $(A) = $(B) && echo y || echo n)\n"
                + "config DIFFERENT\n\tdef_bool $(shell,test $(A) = $(UK_BASE) && echo y || echo n)\n");
        assertThat(tree.symbol("SAME").orElseThrow().defaults().get(0).value().render()).isEqualTo("y");
        assertThat(tree.symbol("DIFFERENT").orElseThrow().defaults().get(0).value().render()).isEqualTo("n");
    }

    @Test
    void refusesTheScriptWithoutAnOutputFile() throws IOException {
        KconfigException e = catchThrowableOfType(KconfigException.class, () -> parse(
                "source \"$(shell,$(UK_BASE)/support/build/config-submenu.sh -l '$(LIBS)')\"\n"));
        assertThat(e.describe()).startsWith(tmp.resolve("Kconfig") + ":1: config-submenu.sh without -o");
    }

    @Test
    void refusesAnEmptyApplicationTest() throws IOException {
        KconfigException e = catchThrowableOfType(KconfigException.class, () -> parse(
                "config X\n\tdef_bool $(shell,test $(UNSET) = /x && echo y || echo n)\n"));
        assertThat(e.describe()).contains("Kconfig:2: $(shell,test  = /x && echo y || echo n) cannot be emulated");
    }
}
