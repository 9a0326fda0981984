package dev.uknative.origin;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** This test JVM's class path with absolute entries, for child JVMs started in other folders. */
final class TestClassPath {

    private TestClassPath() {
    }

    static String absolute() {
        List<String> entries = new ArrayList<>();
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!e.isEmpty()) {
                entries.add(Path.of(e).toAbsolutePath().toString());
            }
        }
        return String.join(File.pathSeparator, entries);
    }
}
