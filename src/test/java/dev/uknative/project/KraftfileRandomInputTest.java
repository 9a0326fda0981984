package dev.uknative.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.uknative.core.Location;
import dev.uknative.core.UknativeException;
import dev.uknative.project.KraftfileEditor.Scope;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random and mutated Kraftfiles (a seeded {@link Random}, so a failure repeats): each is read, or
 * refused with a {@link UknativeException} that has a location, quickly; the editor, given the same
 * text, edits it or refuses it the same way. The Jazzer targets run far more inputs; this keeps the
 * property in the fast suite.
 */
class KraftfileRandomInputTest {

    private static final Path FILE = Path.of("/project/hello/Kraftfile");
    private static final long SEED = 20261202L;
    private static final int INPUTS = 400;
    /**
     * Per input, for the reader and four edits together: a real Kraftfile takes milliseconds; the
     * largest inputs here (about 100 KB) take a second on a busy machine.
     */
    private static final Duration EACH = Duration.ofSeconds(5);
    /** Characters that mean something to YAML, and some that it refuses. */
    private static final String SPECIAL = "[]{}:,-?&*!|>'\"#%@`\n\r\t =/.\\~\u0000\u0001\u0085\u00a0\u2028\ufeff\ud800";

    private final KraftfileReader reader = new KraftfileReader();
    private final KraftfileEditor editor = new KraftfileEditor(FILE);

    @Test
    void everyInputIsReadOrRefusedWithALocation(@TempDir Path temp) throws IOException, URISyntaxException {
        List<String> seeds = seeds();
        Random random = new Random(SEED);
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < INPUTS; i++) {
            String text = mutate(seeds, random);
            int n = i;
            try {
                assertTimeoutPreemptively(EACH, () -> check(n, text, temp), () -> "input " + n + " took too long");
            } catch (AssertionError e) {
                Files.createDirectories(Path.of("target/random-failures"));
                Files.write(Path.of("target/random-failures/" + n + ".yaml"), text.getBytes(StandardCharsets.UTF_8));
                failures.add("input " + n + " (" + text.length() + " chars, starting " + abbreviate(text) + "): " + e.getMessage());
            }
        }
        assertThat(failures).isEmpty();
    }

    private void check(int n, String text, Path temp) throws IOException {
        checkRefusal(() -> reader.parse(FILE, text), "parse");
        if (n % 4 == 0) {
            // Through the file: bytes that are not UTF-8 and the size bound on bytes.
            Path file = temp.resolve("Kraftfile");
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            if (n % 8 == 0 && bytes.length > 0) {
                bytes[n % bytes.length] = (byte) (0x80 | n);
            }
            Files.write(file, bytes);
            checkRefusal(() -> reader.read(file), "read", file.toAbsolutePath().normalize());
        }
        checkRefusal(() -> editor.set(text, Scope.unikraft(), "CONFIG_LIBUKDEBUG", "y"), "edit unikraft");
        checkRefusal(() -> editor.set(text, Scope.target("qemu/x86_64"), "CONFIG_X", "\"a b\""), "edit target");
        checkRefusal(() -> editor.unset(text, Scope.library("musl"), "CONFIG_X"), "unset in a library");
    }

    private static void checkRefusal(Runnable action, String what) {
        checkRefusal(action, what, FILE);
    }

    private static void checkRefusal(Runnable action, String what, Path file) {
        try {
            action.run();
        } catch (UknativeException e) {
            Location where = e.location().orElseThrow(() -> new AssertionError(what + ": no location: " + e.describe()));
            assertThat(where.file()).as(what + ": " + e.describe()).isEqualTo(file);
            if (!e.getMessage().equals("is empty")) {
                assertThat(where.line()).as(what + ": no line: " + e.describe()).isPositive();
            }
            assertThat(e.describe().length()).as(what + ": message too long").isLessThan(2_000);
        } catch (RuntimeException | StackOverflowError e) {
            throw new AssertionError(what + ": " + e, e);
        }
    }

    private static List<String> seeds() throws IOException, URISyntaxException {
        List<String> seeds = new ArrayList<>();
        for (String folder : List.of("/kraftfiles/edit", "/kraftfiles/bad", "/kraftfiles/layers")) {
            Path path = Path.of(KraftfileRandomInputTest.class.getResource(folder).toURI());
            try (Stream<Path> files = Files.list(path)) {
                for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                    seeds.add(Files.readString(f, StandardCharsets.UTF_8));
                }
            }
        }
        seeds.add("name: a\nx: &a {kconfig: &b [CONFIG_A=y]}\nunikraft: *a\nlibraries: {musl: *a, lwip: {kconfig: *b}}\n");
        seeds.add("targets: &t [qemu/x86_64, *t]\nunikraft: {kconfig: &k {A: *k}}\n");
        seeds.add("name: h\nx: &m\n  b: *m\nunikraft:\n  kconfig:\n    CONFIG_A: *m\n    CONFIG_C: y\ntargets:\n  - &t\n    plat: qemu\n"
                + "    arch: x86_64\n    kconfig:\n      - CONFIG_A=y\n      - *t\n");
        seeds.add("native: {z: {lang: zig, path: z, root: src/root.zig, target: x86_64-linux-none, optimize: ReleaseSmall}}\n");
        assertThat(seeds).hasSizeGreaterThan(50);
        return seeds;
    }

    private static String mutate(List<String> seeds, Random random) {
        StringBuilder text = new StringBuilder(seeds.get(random.nextInt(seeds.size())));
        int steps = 1 + random.nextInt(6);
        for (int s = 0; s < steps; s++) {
            int at = text.length() == 0 ? 0 : random.nextInt(text.length() + 1);
            switch (random.nextInt(10)) {
                case 0 -> text.insert(at, SPECIAL.charAt(random.nextInt(SPECIAL.length())));
                case 1 -> {
                    if (text.length() > 0) {
                        text.deleteCharAt(Math.min(at, text.length() - 1));
                    }
                }
                case 2 -> {
                    int to = Math.min(text.length(), at + random.nextInt(40));
                    text.insert(random.nextInt(text.length() + 1), text.substring(at, to));
                }
                case 3 -> {
                    int to = Math.min(text.length(), at + random.nextInt(80));
                    text.delete(at, to);
                }
                case 4 -> text.insert(at, "[".repeat(random.nextInt(200)));
                case 5 -> text.insert(at, "\n" + " ".repeat(random.nextInt(12)) + "- ".repeat(random.nextInt(100)) + "a: b\n");
                case 6 -> {
                    String other = seeds.get(random.nextInt(seeds.size()));
                    text.insert(at, other.substring(random.nextInt(other.length() + 1)));
                }
                case 7 -> text.insert(at, "*a ".repeat(random.nextInt(80)));
                case 8 -> {
                    int lineStart = text.lastIndexOf("\n", Math.max(0, at - 1)) + 1;
                    int lineEnd = text.indexOf("\n", at);
                    String line = text.substring(lineStart, lineEnd < 0 ? text.length() : lineEnd + 1);
                    text.insert(lineStart, line.repeat(random.nextInt(random.nextBoolean() ? 5 : 1_000)));
                }
                default -> text.insert(at, (char) random.nextInt(0x3000));
            }
        }
        if (random.nextInt(50) == 0) {
            text.append("x".repeat(KraftfileYaml.MAX_LINE + random.nextInt(100_000)));
        }
        return text.toString();
    }

    private static String abbreviate(String text) {
        String start = text.length() > 60 ? text.substring(0, 60) + "…" : text;
        return "\"" + start.replace("\n", "\\n") + "\"";
    }
}
