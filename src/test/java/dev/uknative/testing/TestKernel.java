package dev.uknative.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The project's own multiboot test kernel (src/test/resources/testkernel), assembled and linked with
 * the system binutils. Its command line decides what it does: {@code exit=N} leaves through
 * isa-debug-exit with N, {@code triple} triple-faults, {@code hang} never stops.
 */
public final class TestKernel {

    private TestKernel() {
    }

    /** Builds the kernel in {@code directory} and returns its path. */
    public static Path build(Path directory) throws IOException, InterruptedException {
        Path source = copy("testkernel.S", directory);
        Path script = copy("testkernel.ld", directory);
        Path object = directory.resolve("testkernel.o");
        Path kernel = directory.resolve("testkernel");
        run(directory, List.of("as", "--32", "-o", object.toString(), source.toString()));
        run(directory, List.of("ld", "-m", "elf_i386", "-T", script.toString(), "-o", kernel.toString(), object.toString()));
        return kernel;
    }

    private static Path copy(String name, Path directory) throws IOException {
        Path target = directory.resolve(name);
        try (InputStream in = TestKernel.class.getResourceAsStream("/testkernel/" + name)) {
            if (in == null) {
                throw new IOException("test resource /testkernel/" + name + " is missing");
            }
            Files.copy(in, target);
        }
        return target;
    }

    private static void run(Path directory, List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed:\n" + output);
        }
    }
}
