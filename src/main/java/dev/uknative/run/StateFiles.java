package dev.uknative.run;

import dev.uknative.core.AtomicFiles;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Small state files, written atomically: another process reading one while it is written sees the
 * old file or the new one, never half of it (a temporary file in the same folder, then a rename).
 */
final class StateFiles {

    private StateFiles() {
    }

    /** Writes {@code values} in their order, in the {@link Properties} format (without its date comment). */
    static void write(Path file, Map<String, String> values) {
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, String> entry : values.entrySet()) {
            // Properties escapes one entry exactly as load() reads it back; its first line is the date.
            Properties one = new Properties();
            one.setProperty(entry.getKey(), entry.getValue());
            StringWriter line = new StringWriter();
            try {
                one.store(line, null);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            String stored = line.toString();
            text.append(stored, stored.indexOf('\n') + 1, stored.length());
        }
        write(file, text.toString());
    }

    static void write(Path file, String text) {
        try {
            AtomicFiles.write(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** The file's properties; empty when the file does not exist. */
    static Optional<Properties> read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        Properties values = new Properties();
        try (Reader reader = new StringReader(text)) {
            values.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
        return Optional.of(values);
    }
}
