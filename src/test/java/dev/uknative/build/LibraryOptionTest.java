package dev.uknative.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.uknative.core.Location;
import dev.uknative.core.UknativeException;
import dev.uknative.kconfig.ConfigAssignment;
import dev.uknative.kconfig.ConfigFragment;
import dev.uknative.project.Kraftfile;
import dev.uknative.project.KraftfileReader;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LibraryOptionTest {

    private static Path fixture(String name) {
        try {
            return Path.of(LibraryOptionTest.class.getResource("/libraries/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theOptionIsTheAddlibSwitchItsConfigUkDefines() {
        Optional<LibraryOption> option = LibraryOption.of("lwip", fixture("lwip"));

        assertThat(option).contains(new LibraryOption("lwip", "CONFIG_LIBLWIP", Location.of(fixture("lwip").resolve("Config.uk"), 1)));
    }

    @Test
    void aNameWithADashIsNotUpperCased() {
        assertThat(LibraryOption.of("compiler-rt", fixture("compiler-rt")).map(LibraryOption::symbol)).contains("CONFIG_LIBCOMPILER_RT");
    }

    @Test
    void aHiddenSwitchGivesWayToThePromptedOne() {
        Optional<LibraryOption> option = LibraryOption.of("newlib", fixture("newlib"));

        assertThat(option.map(LibraryOption::symbol)).contains("CONFIG_LIBNEWLIBC");
        assertThat(option.map(o -> o.definition().line())).contains(6);
    }

    @Test
    void aLibraryRegisteredWithPlainAddlibHasNoOption() {
        assertThat(LibraryOption.of("plain", fixture("plain"))).isEmpty();
    }

    @Test
    void aSwitchItsConfigUkDoesNotDefineIsRefusedNamingTheMakefile() {
        assertThatThrownBy(() -> LibraryOption.of("undefined", fixture("undefined")))
                .isInstanceOf(UknativeException.class)
                .hasMessageContaining("CONFIG_LIBUNDEFINED")
                .hasMessageContaining("does not define")
                .satisfies(e -> assertThat(((UknativeException) e).location()).contains(Location.of(fixture("undefined").resolve("Makefile.uk"))));
    }

    @Test
    void aFolderWithoutMakefileUkIsNoLibrary() {
        assertThatThrownBy(() -> LibraryOption.of("nothing", fixture("lwip").getParent()))
                .isInstanceOf(UknativeException.class)
                .hasMessageContaining("has no Makefile.uk");
    }

    @Test
    void listedLibrariesComeFirstSoTheKraftfileCanTurnThemOff() {
        Kraftfile k = new KraftfileReader().parse(Path.of("/project/Kraftfile"), """
                spec: v0.6
                name: app
                unikraft: /unikraft
                targets:
                  - qemu/x86_64
                libraries:
                  lwip:
                    source: /lwip
                    kconfig:
                      CONFIG_LIBLWIP: 'n'
                  compiler-rt:
                    source: /compiler-rt
                """);
        List<LibraryOption> options = LibraryOption.of(List.of("lwip", "compiler-rt"), List.of(fixture("lwip"), fixture("compiler-rt")));

        List<ConfigAssignment> all = KconfigLayers.inOrder(k, k.targets().get(0), options);
        ConfigFragment merged = ConfigFragment.merge(all);

        assertThat(all.subList(0, 2)).extracting(ConfigAssignment::symbol).containsExactly("CONFIG_LIBLWIP", "CONFIG_LIBCOMPILER_RT");
        assertThat(all.get(0).origin()).isEqualTo("library lwip (listed under libraries:)");
        assertThat(merged.assignments()).filteredOn(a -> a.symbol().equals("CONFIG_LIBLWIP"))
                .extracting(ConfigAssignment::value).containsExactly("n");
        assertThat(merged.assignments()).filteredOn(a -> a.symbol().equals("CONFIG_LIBCOMPILER_RT"))
                .extracting(ConfigAssignment::value).containsExactly("y");
    }
}
