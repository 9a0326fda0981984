package dev.uknative.run;

import dev.uknative.core.ExitStatusProtocol;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;

/**
 * Reads what uknative's exit-status library wrote on the guest's COM2 ({@link ExitStatusProtocol}):
 * one line {@code uknative-exit:N} when {@code main} returned N or the application called
 * {@code exit(N)}. The last such line counts.
 */
public final class ExitStatusReport {

    private ExitStatusReport() {
    }

    public static OptionalInt parse(String text) {
        return ExitStatusProtocol.parse(text);
    }

    /** The status in {@code file}; empty when the file is missing or holds none. */
    public static OptionalInt read(Path file) {
        try {
            if (!Files.isRegularFile(file) || Files.size(file) > 1 << 20) {
                return OptionalInt.empty();
            }
            return parse(Files.readString(file, StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            return OptionalInt.empty();
        }
    }
}
