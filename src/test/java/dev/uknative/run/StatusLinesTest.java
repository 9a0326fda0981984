package dev.uknative.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The guest's status report picked out of QEMU's stderr, the rest passed on untouched. */
class StatusLinesTest {

    private final ByteArrayOutputStream passed = new ByteArrayOutputStream();
    private final StatusLines lines = new StatusLines((buffer, length) -> passed.write(buffer, 0, length));

    private void feed(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        // One byte at a time, as the guest writes COM2.
        for (byte b : bytes) {
            lines.write(new byte[] {b}, 1);
        }
    }

    @Test
    void aReportIsTakenOutAndQemusMessagesGoOn() {
        feed("qemu-system-x86_64: warning: one\nuknative-exit:7\nqemu-system-x86_64: two\n");
        lines.end();

        assertThat(lines.status()).hasValue(7);
        assertThat(passed.toString(StandardCharsets.UTF_8)).isEqualTo("qemu-system-x86_64: warning: one\nqemu-system-x86_64: two\n");
    }

    @Test
    void theLastReportCounts() {
        feed("uknative-exit:1\nuknative-exit:200\n");

        assertThat(lines.status()).hasValue(200);
        assertThat(passed.size()).isZero();
    }

    @Test
    void aReportCutOffBeforeItsNewlineCountsForNothingAndIsShown() {
        feed("uknative-exit:12");
        lines.end();

        assertThat(lines.status()).isEmpty();
        assertThat(passed.toString(StandardCharsets.UTF_8)).isEqualTo("uknative-exit:12");
    }

    @Test
    void aMessageWithoutNewlineIsPassedOnAtTheEnd() {
        feed("qemu-system-x86_64: -kernel x: No such file or directory");
        assertThat(passed.size()).isZero();
        lines.end();

        assertThat(passed.toString(StandardCharsets.UTF_8)).isEqualTo("qemu-system-x86_64: -kernel x: No such file or directory");
        assertThat(lines.status()).isEmpty();
    }
}
