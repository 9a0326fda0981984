package dev.uknative.origin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Libraries whose {@code Makefile.uk} calls Unikraft's {@code clone} rule: make runs
 * {@code git clone} itself for them, which the origin cache does not serve. Found so that the user
 * is told (an offline build cannot keep that git from the network).
 */
public final class CloneOrigins {

    private static final Pattern CLONE = Pattern.compile("\\$\\(call\\s+clone\\s*,\\s*([^,\\s)]+)\\s*,\\s*((?:\\$\\([^)]*\\)|[^,)\\s])+)");

    /** One {@code $(call clone,lib,url,ref)} as written (the URL may be a make variable). */
    public record Clone(Path makefile, int line, String library, String url) {
    }

    private CloneOrigins() {
    }

    public static List<Clone> find(List<Path> libraries) {
        List<Clone> found = new ArrayList<>();
        for (Path library : libraries) {
            Path makefile = library.resolve("Makefile.uk");
            if (!Files.isRegularFile(makefile)) {
                continue;
            }
            try {
                List<String> lines = Files.readAllLines(makefile);
                for (int i = 0; i < lines.size(); i++) {
                    String text = lines.get(i).strip();
                    if (text.startsWith("#")) {
                        continue;
                    }
                    Matcher m = CLONE.matcher(text);
                    if (m.find()) {
                        found.add(new Clone(makefile, i + 1, m.group(1), m.group(2).strip()));
                    }
                }
            } catch (IOException | java.io.UncheckedIOException e) {
                // An unreadable Makefile.uk fails in make with a better message.
            }
        }
        return found;
    }
}
