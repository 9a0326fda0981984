package dev.uknative.kconfig;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class DotConfigTest {

    /**
     * Lines of the .config Unikraft 0.17.0's kconfig wrote for a hello app; the last five are written
     * by hand (a string, a hex value, a symbol not set, and two comments that only look like one).
     */
    private static final String CONFIG = """
            #
            # Automatically generated file; DO NOT EDIT.
            # Unikraft/0.17.0~484ff209 Configuration
            #
            CONFIG_UK_CODENAME="Calypso"
            CONFIG_UK_BASE="/work/unikraft"

            #
            # Architecture Selection
            #
            CONFIG_ARCH_X86_64=y
            # CONFIG_ARCH_ARM_64 is not set
            CONFIG_STACK_SIZE_PAGE_ORDER=4
            # end of Architecture Selection
            CONFIG_UK_NAME="hello"
            CONFIG_LIBUKALLOC_IFMALLOC_ALIGN=0x10
            # CONFIG_LIBUKRANDOM is not set
            #CONFIG_NOT_A_SETTING is not set
            # CONFIG_LOWER is not set but this is prose
            """;

    private final DotConfig config = DotConfig.parse(CONFIG);

    @Test
    void readsSetAndNotSetLines() {
        assertThat(config.values()).containsOnly(
                entry("CONFIG_UK_CODENAME", "\"Calypso\""),
                entry("CONFIG_UK_BASE", "\"/work/unikraft\""),
                entry("CONFIG_ARCH_X86_64", "y"),
                entry("CONFIG_ARCH_ARM_64", "n"),
                entry("CONFIG_STACK_SIZE_PAGE_ORDER", "4"),
                entry("CONFIG_UK_NAME", "\"hello\""),
                entry("CONFIG_LIBUKALLOC_IFMALLOC_ALIGN", "0x10"),
                entry("CONFIG_LIBUKRANDOM", "n"));
    }

    @Test
    void value() {
        assertThat(config.value("CONFIG_UK_NAME")).contains("\"hello\"");
        assertThat(config.value("CONFIG_ARCH_ARM_64")).contains("n");
        assertThat(config.value("CONFIG_ABSENT")).isEmpty();
    }

    @Test
    void holdsComparesTheWrittenValue() {
        assertThat(config.holds(assign("CONFIG_ARCH_X86_64", "y"))).isTrue();
        assertThat(config.holds(assign("CONFIG_ARCH_X86_64", "n"))).isFalse();
        assertThat(config.holds(assign("CONFIG_STACK_SIZE_PAGE_ORDER", "4"))).isTrue();
        assertThat(config.holds(assign("CONFIG_STACK_SIZE_PAGE_ORDER", "5"))).isFalse();
        assertThat(config.holds(assign("CONFIG_UK_NAME", "\"hello\""))).isTrue();
        assertThat(config.holds(assign("CONFIG_UK_NAME", "hello"))).isFalse();
    }

    @Test
    void notSetHoldsN() {
        assertThat(config.holds(assign("CONFIG_LIBUKRANDOM", "n"))).isTrue();
        assertThat(config.holds(assign("CONFIG_LIBUKRANDOM", "y"))).isFalse();
    }

    @Test
    void absentHoldsOnlyN() {
        assertThat(config.holds(assign("CONFIG_ABSENT", "n"))).isTrue();
        assertThat(config.holds(assign("CONFIG_ABSENT", "y"))).isFalse();
        assertThat(config.holds(assign("CONFIG_ABSENT", "0"))).isFalse();
    }

    @Test
    void emptyText() {
        assertThat(DotConfig.parse("").values()).isEmpty();
    }

    private static ConfigAssignment assign(String symbol, String value) {
        return new ConfigAssignment(symbol, value, "test", Optional.empty());
    }
}
