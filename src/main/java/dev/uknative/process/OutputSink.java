package dev.uknative.process;

/** Receives a child's output as it arrives, chunk by chunk, on the thread that drains the stream. */
@FunctionalInterface
public interface OutputSink {

    void write(byte[] buffer, int length);

    /** The stream ended; flush whatever is held back. */
    default void end() {
    }

    OutputSink DISCARD = (buffer, length) -> {
    };

    /** Sends every chunk to both sinks, this one first. */
    default OutputSink andThen(OutputSink other) {
        OutputSink first = this;
        return new OutputSink() {
            @Override
            public void write(byte[] buffer, int length) {
                first.write(buffer, length);
                other.write(buffer, length);
            }

            @Override
            public void end() {
                first.end();
                other.end();
            }
        };
    }
}
