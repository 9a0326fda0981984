package dev.uknative.process;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Optional;

/**
 * Copies a child's output to a log; a failed write is kept for the caller (see {@link #failure()})
 * instead of killing the thread that drains the stream. Safe when both of a child's streams write to it.
 */
public final class LogSink implements OutputSink {

    private final OutputStream log;
    private volatile IOException failure;

    public LogSink(OutputStream log) {
        this.log = log;
    }

    @Override
    public void write(byte[] buffer, int length) {
        if (failure != null) {
            return;
        }
        try {
            synchronized (log) {
                log.write(buffer, 0, length);
            }
        } catch (IOException e) {
            failure = e;
        }
    }

    /** The first write that failed, if any. */
    public Optional<IOException> failure() {
        return Optional.ofNullable(failure);
    }
}
