package dev.uknative.process;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** Keeps the last {@code capacity} lines it is given; safe to read from another thread. */
public final class TailLines {

    private final int capacity;
    private final Deque<String> lines;

    public TailLines(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.capacity = capacity;
        this.lines = new ArrayDeque<>(capacity);
    }

    public synchronized void add(String line) {
        if (lines.size() == capacity) {
            lines.removeFirst();
        }
        lines.addLast(line);
    }

    public synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    /** A sink that feeds this tail, line by line. */
    public LineSink sink() {
        return new LineSink(this::add);
    }
}
