package dev.uknative.foreign;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the first error in a toolchain's output, with its position: gcc, clang and zig print
 * {@code file:line:col: error: message}; rustc (also under cargo) prints {@code error[E0425]: message}
 * and, a line or two below, {@code --> file:line:col}. Relative file names are resolved against the
 * folder the tool ran in, so that the user can open them.
 */
final class CompilerDiagnostics {

    private static final Pattern GNU = Pattern.compile("^(.+?):(\\d+):(?:(\\d+):)? (?:fatal error|error): (.*)$");
    private static final Pattern RUST_ERROR = Pattern.compile("^error(\\[E\\d+\\])?: (.*)$");
    private static final Pattern RUST_AT = Pattern.compile("^\\s*--> (.+?):(\\d+):(\\d+)$");
    private static final Pattern ANY_ERROR = Pattern.compile("(?i)^(?:.*\\s)?(?:error|fatal):? .*");
    /** How far below rustc's error line its position may be. */
    private static final int RUST_LOOKAHEAD = 4;

    private CompilerDiagnostics() {
    }

    /** {@code file:line[:col]: error: message} for the first error, or the first line that says error. */
    static Optional<String> first(List<String> lines, Path workingDirectory) {
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Matcher gnu = GNU.matcher(line);
            if (gnu.matches()) {
                return Optional.of(position(workingDirectory, gnu.group(1), gnu.group(2), gnu.group(3)) + ": error: " + gnu.group(4));
            }
            Matcher rust = RUST_ERROR.matcher(line);
            if (rust.matches()) {
                String message = "error" + (rust.group(1) == null ? "" : rust.group(1)) + ": " + rust.group(2);
                for (int j = i + 1; j < Math.min(lines.size(), i + 1 + RUST_LOOKAHEAD); j++) {
                    Matcher at = RUST_AT.matcher(lines.get(j));
                    if (at.matches()) {
                        return Optional.of(position(workingDirectory, at.group(1), at.group(2), at.group(3)) + ": " + message);
                    }
                }
                return Optional.of(message);
            }
        }
        return lines.stream().filter(l -> ANY_ERROR.matcher(l).matches()).findFirst().map(String::strip);
    }

    private static String position(Path workingDirectory, String file, String line, String column) {
        Path path = Path.of(file);
        String shown = (path.isAbsolute() ? path : workingDirectory.resolve(path)).normalize().toString();
        return shown + ":" + line + (column == null ? "" : ":" + column);
    }
}
