package dev.uknative.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * The exit-status protocol, and the two guest-side writers that must follow it: uknative's C library
 * (whose constants come from the generated header) and the test kernel that stands in for it.
 */
class ExitStatusProtocolTest {

    @Test
    void aLineParsesBackToItsStatus() {
        for (int status : new int[] {0, 1, 7, 42, 99, 100, 255}) {
            String line = ExitStatusProtocol.line(status);
            assertThat(line).endsWith("\n");
            assertThat(ExitStatusProtocol.parseLine(line.strip())).hasValue(status);
            assertThat(ExitStatusProtocol.parse("noise\n" + line + "more noise\n")).hasValue(status);
        }
    }

    @Test
    void theLastReportCountsAndOutOfRangeOrForeignLinesDoNot() {
        assertThat(ExitStatusProtocol.parse("uknative-exit:3\nuknative-exit:4\r\n")).hasValue(4);
        assertThat(ExitStatusProtocol.parse("uknative-exit:256\n")).isEmpty();
        assertThat(ExitStatusProtocol.parse("xuknative-exit:5\nuknative-exit:5x\nuknative-exit:\n")).isEmpty();
        assertThat(ExitStatusProtocol.parseLine("uknative-exit:-1")).isEqualTo(OptionalInt.empty());
        assertThatThrownBy(() -> ExitStatusProtocol.line(256)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theHeaderDefinesThePrefixPortAndRange() {
        assertThat(ExitStatusProtocol.cHeader())
                .contains("#define UKNATIVE_STATUS_PREFIX \"uknative-exit:\"\n")
                .contains("#define UKNATIVE_STATUS_PORT 0x2f8\n")
                .contains("#define UKNATIVE_STATUS_MAX 255\n");
    }

    @Test
    void theCLibraryTakesEveryProtocolConstantFromTheGeneratedHeader() throws IOException {
        String source = resource("/dev/uknative/build/exitstatus/exitstatus.c");

        assertThat(source).contains("#include \"exitstatus.h\"")
                .contains("UKNATIVE_STATUS_PREFIX").contains("UKNATIVE_STATUS_PORT").contains("UKNATIVE_STATUS_MAX")
                .doesNotContain(ExitStatusProtocol.PREFIX)
                .doesNotContainIgnoringCase("0x" + Integer.toHexString(ExitStatusProtocol.PORT))
                .doesNotContain("0xff");
    }

    @Test
    void theTestKernelWritesTheSameLineToTheSamePort() throws IOException {
        String kernel = resource("/testkernel/testkernel.S");

        assertThat(kernel).contains("msg_status:     .asciz \"" + ExitStatusProtocol.PREFIX + "\"")
                .contains(".set COM2,          0x" + Integer.toHexString(ExitStatusProtocol.PORT));
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = ExitStatusProtocolTest.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
