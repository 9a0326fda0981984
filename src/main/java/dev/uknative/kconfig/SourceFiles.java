package dev.uknative.kconfig;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.PatternSyntaxException;

/**
 * Which files a {@code source} statement reads: a file written by an emulated {@code $(shell,…)}, an
 * existing file, or the sorted matches of a glob (Kconfiglib globs, and so does Unikraft's conf, patch
 * 09-support-glob-in-kconfig). Relative paths are taken from {@code base}.
 */
final class SourceFiles {

    private final Path base;
    private final Map<String, String> generated;
    private final ParseContext context;

    SourceFiles(Path base, Map<String, String> generated, ParseContext context) {
        this.base = base;
        this.generated = generated;
        this.context = context;
    }

    /** The files a source statement names: one, several when it is a glob, none when optional. */
    List<String> resolve(String pattern, boolean optional, String line) {
        if (generated.containsKey(pattern)) {
            return List.of(pattern);
        }
        List<String> found = new ArrayList<>();
        try {
            Path path = base.resolve(pattern);
            if (hasGlob(pattern)) {
                glob(path.getRoot() == null ? Path.of("") : path.getRoot(), path, 0, found);
                found.sort(null);
            } else if (Files.exists(path)) {
                found.add(Path.of(pattern).isAbsolute() ? pattern : path.toString());
            }
        } catch (InvalidPathException | PatternSyntaxException e) {
            // A NUL byte, or a glob like "[*" that glob(3) would not match either: no file can have that name.
            String reason = e instanceof InvalidPathException p ? p.getReason() : ((PatternSyntaxException) e).getDescription();
            throw KconfigException.invalid(context.location(), "'" + printable(pattern) + "' cannot name a file: " + reason
                    + " (in '" + printable(Lexer.strip(line)) + "')", null);
        }
        if (found.isEmpty() && !optional) {
            throw KconfigException.invalid(context.location(), "'" + pattern + "' not found (in '" + Lexer.strip(line) + "')",
                    "check that the variables are set correctly; an unset variable expands to nothing");
        }
        return found;
    }

    private static String printable(String s) {
        return s.replaceAll("\\p{Cntrl}", "?");
    }

    private static boolean hasGlob(String s) {
        return s.indexOf('*') >= 0 || s.indexOf('?') >= 0 || s.indexOf('[') >= 0;
    }

    /** glob(3) over the components of {@code pattern}; like it, wildcards do not match a leading dot. */
    private void glob(Path dir, Path pattern, int component, List<String> found) {
        if (component == pattern.getNameCount()) {
            if (Files.exists(dir)) {
                found.add(dir.toString());
            }
            return;
        }
        String name = pattern.getName(component).toString();
        if (!hasGlob(name)) {
            Path next = dir.resolve(name);
            if (component + 1 == pattern.getNameCount() || Files.isDirectory(next)) {
                glob(next, pattern, component + 1, found);
            }
            return;
        }
        if (!Files.isDirectory(dir)) {
            return;
        }
        PathMatcher matcher = dir.getFileSystem().getPathMatcher("glob:" + name);
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                Path entryName = entry.getFileName();
                if (entryName.toString().startsWith(".") && !name.startsWith(".")) {
                    continue;
                }
                if (matcher.matches(entryName)) {
                    glob(entry, pattern, component + 1, found);
                }
            }
        } catch (IOException e) {
            throw KconfigException.unreadable(context.location(), "cannot list " + dir + ": " + e.getMessage(), null, e);
        }
    }
}
