package dev.uknative.process;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Splits a byte stream into lines (without their terminator, {@code \r\n} or {@code \n}) for a
 * consumer. A last line without a terminator is delivered at the end of the stream. Bytes are decoded
 * as UTF-8, malformed input replaced.
 */
public final class LineSink implements OutputSink {

    private static final int MAX_LINE = 64 * 1024;

    private final Consumer<String> consumer;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);

    public LineSink(Consumer<String> consumer) {
        this.consumer = consumer;
    }

    @Override
    public void write(byte[] buffer, int length) {
        for (int i = 0; i < length; i++) {
            byte b = buffer[i];
            if (b == '\n') {
                emit();
            } else if (line.size() < MAX_LINE) {
                line.write(b);
            }
        }
    }

    @Override
    public void end() {
        if (line.size() > 0) {
            emit();
        }
    }

    private void emit() {
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        if (text.endsWith("\r")) {
            text = text.substring(0, text.length() - 1);
        }
        consumer.accept(text);
    }
}
