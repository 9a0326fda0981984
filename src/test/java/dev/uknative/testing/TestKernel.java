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

    /**
     * Builds the AArch64 test kernel (src/test/resources/testkernel-arm64) in {@code directory} with the
     * cross binutils ({@code aarch64-linux-gnu-as}, {@code -ld}) and returns its path. Its command line
     * words: {@code status=N} (semihosting line), {@code crash}, {@code halt} (PSCI SYSTEM_OFF), else it hangs.
     */
    public static Path buildArm64(Path directory) throws IOException, InterruptedException {
        Path source = copy("testkernel-arm64", "testkernel.S", directory);
        Path script = copy("testkernel-arm64", "testkernel.ld", directory);
        Path object = directory.resolve("testkernel.o");
        Path kernel = directory.resolve("testkernel");
        run(directory, List.of("aarch64-linux-gnu-as", "-o", object.toString(), source.toString()));
        run(directory, List.of("aarch64-linux-gnu-ld", "-T", script.toString(), "-o", kernel.toString(), object.toString()));
        return kernel;
    }

    private static Path copy(String name, Path directory) throws IOException {
        return copy("testkernel", name, directory);
    }

    private static Path copy(String folder, String name, Path directory) throws IOException {
        Path target = directory.resolve(name);
        try (InputStream in = TestKernel.class.getResourceAsStream("/" + folder + "/" + name)) {
            if (in == null) {
                throw new IOException("test resource /" + folder + "/" + name + " is missing");
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
