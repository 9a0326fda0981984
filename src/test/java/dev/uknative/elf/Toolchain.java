package dev.uknative.elf;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the host toolchain (gcc, ar, nm, readelf, rustc) for the tests; skips a test when a tool is missing. */
final class Toolchain {

    private Toolchain() {
    }

    static boolean available(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return Files.isExecutable(Path.of(System.getProperty("user.home"), ".cargo/bin", tool));
    }

    static void assumeAvailable(String... tools) {
        for (String tool : tools) {
            assumeTrue(available(tool), tool + " is not installed");
        }
    }

    /** Runs {@code command} in {@code dir}; fails the test unless it exits 0. Returns stdout. */
    static String run(Path dir, String... command) {
        try {
            List<String> args = new ArrayList<>(List.of(command));
            Path cargoBin = Path.of(System.getProperty("user.home"), ".cargo/bin", args.get(0));
            if (!available(args.get(0)) || Files.isExecutable(cargoBin) && args.get(0).startsWith("rust")) {
                args.set(0, cargoBin.toString());
            }
            Path err = Files.createTempFile("toolchain", ".err");
            Process p = new ProcessBuilder(args).directory(dir.toFile()).redirectError(err.toFile()).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(String.join(" ", args) + " timed out");
            }
            String stderr = Files.readString(err);
            Files.delete(err);
            if (p.exitValue() != 0) {
                throw new AssertionError(String.join(" ", args) + " failed (" + p.exitValue() + "): " + stderr);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
