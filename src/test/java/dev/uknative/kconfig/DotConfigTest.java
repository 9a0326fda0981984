package dev.uknative.kconfig;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class DotConfigTest {

    /** The shape of a .config written by Unikraft 0.17.0's kconfig (lines taken from one). */
    private static final String CONFIG = """
            #
            # Automatically generated file; DO NOT EDIT.
            # Unikraft/0.17.0~484ff209 Configuration
            #
            CONFIG_UK_NAME="hello"
            CONFIG_UK_BASE="/work/unikraft"

            #
            # Architecture Selection
            #
            CONFIG_ARCH_X86_64=y
            # CONFIG_ARCH_ARM_64 is not set
            CONFIG_LIBUKBOOT_MAXNBARGS=60
            CONFIG_LIBUKALLOC_IFMALLOC_ALIGN=0x10
            # CONFIG_LIBUKRANDOM is not set
            # end of Architecture Selection
            #CONFIG_NOT_A_SETTING is not set
            # CONFIG_LOWER is not set but this is prose
            """;

    private final DotConfig config = DotConfig.parse(CONFIG);

    @Test
    void readsSetAndNotSetLines() {
        assertThat(config.values()).containsOnly(
                entry("CONFIG_UK_NAME", "\"hello\""),
                entry("CONFIG_UK_BASE", "\"/work/unikraft\""),
                entry("CONFIG_ARCH_X86_64", "y"),
                entry("CONFIG_ARCH_ARM_64", "n"),
                entry("CONFIG_LIBUKBOOT_MAXNBARGS", "60"),
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
        assertThat(config.holds(assign("CONFIG_LIBUKBOOT_MAXNBARGS", "60"))).isTrue();
        assertThat(config.holds(assign("CONFIG_LIBUKBOOT_MAXNBARGS", "61"))).isFalse();
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
