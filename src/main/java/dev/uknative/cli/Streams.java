package dev.uknative.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.util.Objects;

/**
 * Where commands write: results and the guest's console on {@code out}, everything else on
 * {@code err}. Byte streams, so that a unikernel's console passes through unchanged; tests give their
 * own.
 */
public record Streams(OutputStream out, OutputStream err) {

    public Streams {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
    }

    /** This process's standard output and error, unbuffered. */
    public static Streams system() {
        return new Streams(new FileOutputStream(FileDescriptor.out), new FileOutputStream(FileDescriptor.err));
    }
}
