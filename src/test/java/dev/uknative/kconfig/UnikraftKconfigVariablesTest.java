package dev.uknative.kconfig;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** COMMON_CONFIG_ENV of Unikraft's Makefile, computed as the Makefile computes it. */
class UnikraftKconfigVariablesTest {

    private static final Path UK = Path.of("/src/unikraft");
    private static final Path APP = Path.of("/home/me/app");
    private static final Path BUILD = Path.of("/home/me/app/.unikraft/build");

    @Test
    void computesEveryVariableLikeTheMakefile() {
        UnikraftKconfigVariables v = UnikraftKconfigVariables.of(UK, APP,
                List.of(Path.of("/libs/lib-a"), Path.of("/libs/lib-b")), BUILD, APP.resolve(".config.hello"), "hello",
                "0.17.0~484ff209", "Calypso", "x86_64");
        Map<String, String> m = v.variables();
        assertThat(m).containsEntry("CONFIG_", "CONFIG_")
                .containsEntry("KCONFIG_CONFIG", "/home/me/app/.config.hello")
                .containsEntry("KCONFIG_AUTOCONFIG", "/home/me/app/.unikraft/build/kconfig/auto.conf")
                .containsEntry("KCONFIG_AUTOHEADER", "/home/me/app/.unikraft/build/include/uk/bits/config.h")
                .containsEntry("KCONFIG_TRISTATE", "/home/me/app/.unikraft/build/kconfig/tristate.config")
                .containsEntry("HOST_ARCH", "x86_64")
                .containsEntry("BUILD_DIR", "/home/me/app/.unikraft/build")
                .containsEntry("UK_BASE", "/src/unikraft")
                .containsEntry("UK_APP", "/home/me/app")
                .containsEntry("UK_CONFIG", "/home/me/app/.config.hello")
                .containsEntry("UK_FULLVERSION", "0.17.0~484ff209")
                .containsEntry("UK_CODENAME", "Calypso")
                .containsEntry("UK_ARCH", "x86_64")
                .containsEntry("KCONFIG_DIR", "/home/me/app/.unikraft/build/kconfig")
                .containsEntry("KCONFIG_LIB_BASE", "/src/unikraft/lib")
                .containsEntry("KCONFIG_ELIB_DIRS", "/libs/lib-a:/libs/lib-b")
                .containsEntry("KCONFIG_PLAT_BASE", "/src/unikraft/plat")
                .containsEntry("KCONFIG_EPLAT_DIRS", "")
                .containsEntry("KCONFIG_DRIV_BASE", "/src/unikraft/drivers")
                .containsEntry("KCONFIG_EAPP_DIR", "/home/me/app")
                .containsEntry("KCONFIG_EXCLUDEDIRS", "")
                .containsEntry("UK_NAME", "hello");
        assertThat(m).as("all of COMMON_CONFIG_ENV").hasSize(22);
        assertThat(v.rootKconfig()).isEqualTo(Path.of("/src/unikraft/Config.uk"));
        assertThat(v.autoConf()).isEqualTo(BUILD.resolve("kconfig/auto.conf"));
        assertThat(v.autoHeader()).isEqualTo(BUILD.resolve("include/uk/bits/config.h"));
    }

    @Test
    void withoutAnApplicationAndWithExclusionsAndPlatforms() {
        UnikraftKconfigVariables v = new UnikraftKconfigVariables(UK, UK, List.of(), List.of(Path.of("/p/plat-x")),
                List.of(Path.of("/x/one"), Path.of("/x/two")), BUILD, UK.resolve(".config"), "unikraft", "0.17.0",
                "Calypso", "arm64", "x86_64");
        Map<String, String> m = v.variables();
        assertThat(m).containsEntry("KCONFIG_EAPP_DIR", "").containsEntry("UK_APP", "/src/unikraft")
                .containsEntry("KCONFIG_EPLAT_DIRS", "/p/plat-x").containsEntry("UK_ARCH", "arm64")
                .containsEntry("HOST_ARCH", "x86_64");
        assertThat(m.get("KCONFIG_EXCLUDEDIRS")).as("the Makefile's $(colon) is never defined").isEqualTo("/x/one/x/two");
    }

    @Test
    void readsTheVersionFromVersionMk() {
        String versionMk = "UK_VERSION = 0\nUK_SUBVERSION = 17\nUK_EXTRAVERSION = 0\nUK_CODENAME = Calypso\n"
                + "# https://en.wikipedia.org/wiki/Moons_of_Saturn (by discovery year)\n";
        assertThat(UnikraftKconfigVariables.fullVersion(versionMk, "~484ff209\n")).isEqualTo("0.17.0~484ff209");
        assertThat(UnikraftKconfigVariables.fullVersion(versionMk, "")).isEqualTo("0.17.0");
        assertThat(UnikraftKconfigVariables.fullVersion("UK_VERSION = 0\nUK_SUBVERSION = 18\nUK_EXTRAVERSION =\n",
                "~abc-custom")).isEqualTo("0.18~abc-custom");
        assertThat(UnikraftKconfigVariables.codename(versionMk)).contains("Calypso");
    }

    @Test
    void normalizesTheHostArchitectureLikeTheMakefile() {
        assertThat(UnikraftKconfigVariables.hostArchitecture("Using built-in specs.\nTarget: x86_64-linux-gnu\n"))
                .contains("x86_64");
        assertThat(UnikraftKconfigVariables.hostArchitecture("Target: aarch64-linux-gnu")).contains("arm64");
        assertThat(UnikraftKconfigVariables.hostArchitecture("Target: i686-linux-gnu")).contains("x86");
        assertThat(UnikraftKconfigVariables.hostArchitecture("Target: armv7l-unknown-linux-gnueabihf")).contains("arm");
        assertThat(UnikraftKconfigVariables.hostArchitecture("gcc version 12")).isEmpty();
    }
}
