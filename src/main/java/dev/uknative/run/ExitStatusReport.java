package dev.uknative.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what uknative's exit-status library wrote on the guest's COM2: one line
 * {@code uknative-exit:N} when {@code main} returned N or the application called {@code exit(N)}.
 * The last such line counts.
 */
public final class ExitStatusReport {

    private static final Pattern LINE = Pattern.compile("^uknative-exit:(\\d{1,3})\\r?$", Pattern.MULTILINE);

    private ExitStatusReport() {
    }

    public static OptionalInt parse(String text) {
        Matcher m = LINE.matcher(text);
        OptionalInt status = OptionalInt.empty();
        while (m.find()) {
            int value = Integer.parseInt(m.group(1));
            if (value <= 255) {
                status = OptionalInt.of(value);
            }
        }
        return status;
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
