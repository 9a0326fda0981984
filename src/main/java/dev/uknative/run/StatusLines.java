package dev.uknative.run;

import dev.uknative.core.ExitStatusProtocol;
import dev.uknative.process.OutputSink;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.OptionalInt;

/**
 * QEMU's stderr, which also carries the guest's COM2 when a run needs no status file
 * ({@link MachineSpec.Builder#statusOnQemuStderr()}): exit-status report lines are taken out and
 * remembered, every other line goes on, whole, to QEMU's own messages. Only complete lines count as
 * reports: a QEMU killed in the middle of one reported nothing.
 */
final class StatusLines implements OutputSink {

    private static final int MAX_LINE = 64 * 1024;

    private final OutputSink messages;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);
    private volatile OptionalInt status = OptionalInt.empty();

    StatusLines(OutputSink messages) {
        this.messages = messages;
    }

    /** The status of the last report line seen. */
    OptionalInt status() {
        return status;
    }

    @Override
    public void write(byte[] buffer, int length) {
        for (int i = 0; i < length; i++) {
            line.write(buffer[i]);
            if (buffer[i] == '\n' || line.size() >= MAX_LINE) {
                emit(buffer[i] == '\n');
            }
        }
    }

    @Override
    public void end() {
        if (line.size() > 0) {
            emit(false);
        }
        messages.end();
    }

    private void emit(boolean complete) {
        byte[] bytes = line.toByteArray();
        line.reset();
        if (complete) {
            String text = new String(bytes, 0, bytes.length - 1, StandardCharsets.ISO_8859_1);
            OptionalInt reported = ExitStatusProtocol.parseLine(text);
            if (reported.isPresent()) {
                status = reported;
                return;
            }
        }
        messages.write(bytes, bytes.length);
    }
}
