package dev.uknative.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/** Copies of the project's examples for tests that build them, without their build outputs. */
public final class Examples {

    private Examples() {
    }

    /**
     * Copies {@code source} into {@code into}/its name, leaving out what builds leave behind:
     * {@code .unikraft/}, {@code .config*} files and cargo's {@code target/}.
     */
    public static Path copy(Path source, Path into) throws IOException {
        Path target = into.resolve(source.getFileName());
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.filter(p -> keep(source.relativize(p))).toList()) {
                Path copy = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return target;
    }

    private static boolean keep(Path relative) {
        String first = relative.getNameCount() == 0 ? "" : relative.getName(0).toString();
        return !first.equals(".unikraft") && !relative.getFileName().toString().startsWith(".config")
                && java.util.stream.StreamSupport.stream(relative.spliterator(), false).noneMatch(n -> n.toString().equals("target"));
    }
}
