package dev.uknative.kconfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.uknative.core.Location;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConfigFragmentTest {

    private static final Location KRAFTFILE_3_5 = new Location(Path.of("/p/Kraftfile"), 3, 5);

    private static ConfigAssignment assign(String symbol, String value, String origin) {
        return new ConfigAssignment(symbol, value, origin, Optional.empty());
    }

    @Test
    void laterAssignmentWinsAtTheFirstPosition() {
        ConfigFragment f = ConfigFragment.merge(List.of(
                assign("CONFIG_A", "y", "first"),
                assign("CONFIG_B", "y", "first"),
                assign("CONFIG_C", "42", "first"),
                assign("CONFIG_A", "n", "second"),
                assign("CONFIG_D", "y", "second"),
                assign("CONFIG_C", "43", "third")));

        assertThat(f.assignments()).extracting(a -> a.symbol() + "=" + a.value() + " from " + a.origin())
                .containsExactly("CONFIG_A=n from second", "CONFIG_B=y from first", "CONFIG_C=43 from third",
                        "CONFIG_D=y from second");
    }

    @Test
    void emptyRendersOnlyTheHeader() {
        assertThat(ConfigFragment.merge(List.of()).render())
                .isEqualTo("# Written by uknative from the Kraftfile; do not edit.\n");
    }

    @Test
    void renderWritesOriginsAndNotSetLines() {
        ConfigFragment f = ConfigFragment.merge(List.of(
                new ConfigAssignment("CONFIG_LIBUKRANDOM", "n", "Kraftfile unikraft.kconfig", Optional.of(KRAFTFILE_3_5)),
                ConfigAssignment.of("CONFIG_PLAT_KVM=y", "platform qemu"),
                assign("CONFIG_UK_NAME", "\"hello\"", "test")));

        assertThat(f.render()).isEqualTo("""
                # Written by uknative from the Kraftfile; do not edit.
                # Kraftfile unikraft.kconfig (/p/Kraftfile:3:5)
                # CONFIG_LIBUKRANDOM is not set
                # platform qemu
                CONFIG_PLAT_KVM=y
                # test
                CONFIG_UK_NAME="hello"
                """);
    }

    @Test
    void ofSplitsAtTheFirstEquals() {
        ConfigAssignment a = ConfigAssignment.of("CONFIG_X=\"a=b\"", "test");

        assertThat(a.symbol()).isEqualTo("CONFIG_X");
        assertThat(a.value()).isEqualTo("\"a=b\"");
        assertThat(a.location()).isEmpty();
    }

    @Test
    void ofRefusesALineWithoutSymbol() {
        assertThatThrownBy(() -> ConfigAssignment.of("=y", "test")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ConfigAssignment.of("CONFIG_X", "test")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void onlyNDisables() {
        assertThat(assign("CONFIG_A", "n", "t").disables()).isTrue();
        assertThat(assign("CONFIG_A", "y", "t").disables()).isFalse();
        assertThat(assign("CONFIG_A", "\"n\"", "t").disables()).isFalse();
        assertThat(assign("CONFIG_A", "0", "t").disables()).isFalse();
    }

    @Test
    void describeOrigin() {
        assertThat(new ConfigAssignment("CONFIG_A", "y", "Kraftfile unikraft.kconfig", Optional.of(KRAFTFILE_3_5))
                .describeOrigin()).isEqualTo("Kraftfile unikraft.kconfig (/p/Kraftfile:3:5)");
        assertThat(assign("CONFIG_A", "y", "platform qemu").describeOrigin()).isEqualTo("platform qemu");
    }
}
