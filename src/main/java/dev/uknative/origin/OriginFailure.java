package dev.uknative.origin;

import dev.uknative.core.ExitCode;
import dev.uknative.core.AtomicFiles;
import dev.uknative.core.UknativeException;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.Properties;

/**
 * How a failed origin fetch inside make reaches the build: make runs uknative's fetch as
 * {@code $(WGET)} and only sees its exit status (Unikraft's rule then removes the file and goes on to
 * fail at unpacking), so the fetch writes its error here and the build, once make has ended, reports
 * that error with its own exit code instead of make's.
 */
public final class OriginFailure {

    private OriginFailure() {
    }

    /**
     * Writes {@code error} to {@code file}, the first failure only (later ones follow from it or repeat it).
     *
     * @param output the file make asked for, so that a later success for it ({@code fetch2}'s second URL) clears the error
     */
    public static void write(Path file, UknativeException error, String output) {
        Properties p = new Properties();
        p.setProperty("output", output);
        p.setProperty("exit", error.exitCode().name());
        p.setProperty("message", error.getMessage());
        error.hint().ifPresent(h -> p.setProperty("hint", h));
        try {
            if (Files.exists(file)) {
                return;
            }
            StringWriter text = new StringWriter();
            p.store(text, "uknative: an origin fetch failed during make");
            Files.createDirectories(file.toAbsolutePath().getParent());
            AtomicFiles.write(file, text.toString());
        } catch (IOException e) {
            // The fetch still fails with its exit status; make's own message is then all the user sees.
        }
    }

    /** Removes the error written for {@code output}, which a later fetch got after all. */
    public static void clear(Path file, String output) {
        try {
            if (Files.isRegularFile(file)) {
                Properties p = new Properties();
                p.load(new StringReader(Files.readString(file)));
                if (output.equals(p.getProperty("output"))) {
                    Files.deleteIfExists(file);
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            // A stale error is only shown if make fails anyway.
        }
    }

    /** The error a fetch during make wrote, if any. */
    public static Optional<UknativeException> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            Properties p = new Properties();
            p.load(new StringReader(Files.readString(file)));
            ExitCode code = Arrays.stream(ExitCode.values()).filter(c -> c.name().equals(p.getProperty("exit")))
                    .findFirst().orElse(ExitCode.ENVIRONMENT);
            return Optional.of(new UknativeException(code, null, p.getProperty("message", "an origin fetch failed"), p.getProperty("hint")));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
