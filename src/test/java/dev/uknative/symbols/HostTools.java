package dev.uknative.symbols;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The host's gcc, ar and ld for the tests: the real linker is the reference the planner is held to. */
final class HostTools {

    /** What a command did. */
    record Result(int exitCode, String output) {
    }

    private HostTools() {
    }

    static void assumeAvailable(String... tools) {
        for (String tool : tools) {
            boolean found = false;
            for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
                found |= !dir.isEmpty() && Files.isExecutable(Path.of(dir, tool));
            }
            assumeTrue(found, tool + " is not installed");
        }
    }

    /** Runs the command in {@code dir} with stdout and stderr merged. */
    static Result run(Path dir, List<String> command) {
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(command + " timed out");
            }
            return new Result(p.exitValue(), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Runs the command and fails the test unless it exits 0. */
    static String ok(Path dir, String... command) {
        Result r = run(dir, List.of(command));
        if (r.exitCode() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed (" + r.exitCode() + "): " + r.output());
        }
        return r.output();
    }

    /** Compiles {@code source} (written to NAME.c) into NAME.o with Unikraft-like flags. */
    static Path compile(Path dir, String name, String source) throws IOException {
        Files.writeString(dir.resolve(name + ".c"), source);
        ok(dir, "gcc", "-c", "-O2", "-fno-pic", "-fno-stack-protector", "-fno-builtin", "-o", name + ".o", name + ".c");
        return dir.resolve(name + ".o");
    }
}
