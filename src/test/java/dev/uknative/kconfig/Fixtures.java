package dev.uknative.kconfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The Kconfig trees under src/test/resources/kconfig/trees, and small trees written by a test. */
final class Fixtures {

    private Fixtures() {
    }

    /** A fixture tree's folder (resources are copied to target/test-classes, where Kconfiglib reads them too). */
    static Path tree(String name) {
        try {
            return Path.of(Fixtures.class.getResource("/kconfig/trees/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path resource(String path) {
        try {
            return Path.of(Fixtures.class.getResource("/kconfig/" + path).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The variables the fixture tree expects (it plays Unikraft's Makefile). */
    static Map<String, String> variables(Path tree) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("BASE", tree.toString());
        v.put("APP", "/nonexistent/app");
        v.put("VERSION", "1.2.3");
        v.put("HOST", "b");
        v.put("NAME", "fix");
        return v;
    }

    static KconfigTree fixture() {
        Path tree = tree("fixture");
        return KconfigParser.parse(tree.resolve("Kconfig"), variables(tree));
    }

    /** Writes {@code text} as {@code dir/Kconfig} and parses it without variables. */
    static KconfigTree inline(Path dir, String text) {
        try {
            Path file = dir.resolve("Kconfig");
            Files.writeString(file, text);
            return KconfigParser.parse(file, Map.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code CONFIG_X=v} lines (or {@code X=v}) as assignments from "test". */
    static List<ConfigAssignment> assignments(String... lines) {
        List<ConfigAssignment> out = new ArrayList<>();
        for (String line : lines) {
            out.add(ConfigAssignment.of(line.startsWith("CONFIG_") ? line : "CONFIG_" + line, "test"));
        }
        return out;
    }

    /** The assignments as a .config fragment, every one in order (duplicates kept: later wins). */
    static String fragment(List<ConfigAssignment> assignments) {
        StringBuilder b = new StringBuilder();
        for (ConfigAssignment a : assignments) {
            if (a.disables()) {
                b.append("# ").append(a.symbol()).append(" is not set\n");
            } else {
                b.append(a.symbol()).append('=').append(a.value()).append('\n');
            }
        }
        return b.toString();
    }
}
