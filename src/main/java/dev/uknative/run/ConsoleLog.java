package dev.uknative.run;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Reads a detached machine's {@code console.log}, whole or as it grows (like {@code tail -f}). */
public final class ConsoleLog {

    private final Path file;

    public ConsoleLog(Path file) {
        this.file = file;
    }

    /**
     * Copies what the file holds from {@code offset} on to {@code out}.
     *
     * @return the offset after what was copied; {@code offset} when the file does not exist (yet)
     */
    public long copy(long offset, OutputStream out) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long position = offset > channel.size() ? 0 : offset; // truncated: start again
            ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
            int n;
            while ((n = channel.read(buffer, position)) > 0) {
                out.write(buffer.array(), 0, n);
                position += n;
                buffer.clear();
            }
            out.flush();
            return position;
        } catch (NoSuchFileException e) {
            return offset;
        }
    }

    /**
     * Copies the file and then what is appended to it, until {@code ended} says the machine ended;
     * what was written before the end is copied too.
     */
    public void follow(OutputStream out, BooleanSupplier ended, Duration poll) throws IOException {
        long offset = 0;
        while (true) {
            // Asked before the copy: the supervisor writes the whole console before it records the end.
            boolean last = ended.getAsBoolean();
            offset = copy(offset, out);
            if (last) {
                return;
            }
            try {
                Thread.sleep(poll.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
