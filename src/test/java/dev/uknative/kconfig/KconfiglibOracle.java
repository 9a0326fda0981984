package dev.uknative.kconfig;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The independent implementation the differential tests compare with: Debian's python3-kconfiglib
 * (run with /usr/bin/python3, never a pyenv one), through kconfiglib_olddefconfig.py. It gets the same
 * tree, the same variables (as its environment, nothing else) and the same fragment, and writes the
 * .config that {@code make olddefconfig} would (without conf's heading). Kconfiglib runs
 * {@code $(shell,…)} for real, so KCONFIG_DIR must name a writable folder.
 */
public final class KconfiglibOracle {

    public static final Path PYTHON = Path.of("/usr/bin/python3");

    private KconfiglibOracle() {
    }

    public static String olddefconfig(Path kconfig, Map<String, String> variables, List<ConfigAssignment> fragment, Path scratch)
            throws IOException, InterruptedException {
        return run("kconfiglib_olddefconfig.py", kconfig, variables, fragment, scratch);
    }

    /**
     * The selects and implies in effect of symbols no Kconfig file defines, after olddefconfig with
     * {@code fragment}: one line each, {@code SELECTING select|imply TARGET} (kconfiglib_undefined_selects.py).
     */
    public static String undefinedSelects(Path kconfig, Map<String, String> variables, List<ConfigAssignment> fragment, Path scratch)
            throws IOException, InterruptedException {
        return run("kconfiglib_undefined_selects.py", kconfig, variables, fragment, scratch);
    }

    private static String run(String scriptName, Path kconfig, Map<String, String> variables, List<ConfigAssignment> fragment,
            Path scratch) throws IOException, InterruptedException {
        Path script = Fixtures.resource(scriptName);
        Path input = Files.createTempFile(scratch, "fragment", ".config");
        Path output = Files.createTempFile(scratch, "kconfiglib", ".config");
        Path stderr = Files.createTempFile(scratch, "kconfiglib", ".err");
        Files.writeString(input, Fixtures.fragment(fragment));
        ProcessBuilder pb = new ProcessBuilder(PYTHON.toString(), script.toString(), kconfig.toString(),
                input.toString(), output.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(stderr.toFile());
        Map<String, String> env = pb.environment();
        env.clear();
        env.put("PATH", "/usr/bin:/bin");
        env.putAll(variables);
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("Kconfiglib did not finish within 120 s");
        }
        if (p.exitValue() != 0) {
            String err = Files.readString(stderr);
            if (err.contains("No module named 'kconfiglib'") || err.contains("No module named kconfiglib")) {
                fail("the differential tests need Debian's python3-kconfiglib (apt-get install python3-kconfiglib)");
            }
            fail("Kconfiglib failed (exit " + p.exitValue() + "):\n" + err);
        }
        return Files.readString(output);
    }

    /** Fails with the first differing line when uknative's text differs from Kconfiglib's. */
    public static void assertSameLines(String kconfiglib, String engine, String what) {
        assertSameLines("Kconfiglib", kconfiglib, engine, what);
    }

    /** Fails with the first differing line, and the lines before it, when the two texts differ. */
    public static void assertSameLines(String oracle, String expectedText, String engine, String what) {
        if (expectedText.equals(engine)) {
            return;
        }
        String[] expected = expectedText.split("\n", -1);
        String[] actual = engine.split("\n", -1);
        for (int i = 0; i < Math.max(expected.length, actual.length); i++) {
            String e = i < expected.length ? expected[i] : "<end of file>";
            String a = i < actual.length ? actual[i] : "<end of file>";
            if (!e.equals(a)) {
                StringBuilder context = new StringBuilder();
                for (int k = Math.max(0, i - 3); k < i; k++) {
                    context.append("    ").append(expected[k]).append('\n');
                }
                fail(what + ": first difference at line " + (i + 1) + "\n  " + oracle + ": " + e + "\n  uknative: " + a
                        + "\n  after:\n" + context);
            }
        }
        fail(what + ": the texts differ only in line endings");
    }
}
