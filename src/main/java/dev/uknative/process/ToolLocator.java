package dev.uknative.process;

import dev.uknative.core.UknativeException;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds host programs on a search path, and says how to install the ones that are missing. */
public final class ToolLocator {

    private final String searchPath;

    public ToolLocator(String searchPath) {
        this.searchPath = searchPath == null ? "" : searchPath;
    }

    /** A locator over this process's {@code PATH}. */
    public static ToolLocator fromEnvironment() {
        return new ToolLocator(System.getenv("PATH"));
    }

    public Optional<Path> find(String program) {
        if (program.contains(File.separator)) {
            Path p = Path.of(program);
            return Files.isExecutable(p) ? Optional.of(p.toAbsolutePath()) : Optional.empty();
        }
        for (String dir : searchPath.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * The program's path, or an environment error naming the Debian package that provides it.
     */
    public Path require(String program, String debianPackage) {
        return find(program).orElseThrow(() -> UknativeException.environment(
                program + " was not found on PATH",
                "install it, for example: sudo apt-get install " + debianPackage));
    }
}
