package dev.uknative.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.uknative.cli.Main;
import dev.uknative.testing.CliRun;
import dev.uknative.testing.Examples;
import dev.uknative.testing.RequiresUnikraft;
import dev.uknative.testing.UnikraftCondition;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILL of a {@code uknative build} JVM at several points of a real Unikraft build — inside the
 * final link (ld writing the {@code .dbg}), the strip, the bootinfo step, and at random — then the next
 * build: it must succeed, and its image must be the multiboot ELF32 QEMU loads, and boot.
 */
@Tag("e2e")
@RequiresUnikraft
class BuildKillEndToEndTest {

    private static final String IMAGE = "helloworld_qemu-x86_64";

    @TempDir
    Path work;

    @Test
    void theNextBuildAfterAKilledOneMakesABootableImage() throws Exception {
        Path app = Examples.copy(Path.of("examples/helloworld-c"), work);
        CliRun first = uknative("build", app.toString());
        assertThat(first.exitCode()).as(first.toString()).isZero();
        Path dir = app.resolve(".unikraft/build");
        long seed = System.nanoTime();
        Random random = new Random(seed);

        List<String> points = List.of(".dbg.cmd", ".cmd", ".bootinfo.cmd", "random", "random");
        for (int round = 0; round < points.size(); round++) {
            String point = points.get(round);
            String greeting = "Hello after kill " + round + "!";
            Files.writeString(app.resolve("main.c"), Files.readString(app.resolve("main.c")).replaceAll("Hello[^\\\\\"]*", greeting));
            FileTime since = FileTime.fromMillis(System.currentTimeMillis() - 1000);
            long start = System.nanoTime();
            long delay = 2000 + random.nextInt(15000);
            Predicate<Path> when = point.equals("random")
                    ? d -> System.nanoTime() - start > delay * 1_000_000
                    : d -> newerThan(d.resolve(IMAGE + point), since);
            String context = "round " + round + " (kill at " + (point.equals("random") ? delay + " ms, seed " + seed : point) + ")";
            System.out.println("kill test: " + context);

            killBuildWhen(app, when);

            CliRun next = uknative("build", app.toString());
            assertThat(next.exitCode()).as(context + "\n" + next).isZero();
            byte[] header = new byte[5];
            try (InputStream in = Files.newInputStream(dir.resolve(IMAGE))) {
                assertThat(in.readNBytes(header, 0, 5)).isEqualTo(5);
            }
            assertThat(header[4]).as(context + ": ELF class of the image (1 = ELF32, the multiboot conversion)").isEqualTo((byte) 1);
            CliRun run = uknative("run", app.toString(), "--timeout", "120s");
            assertThat(run.exitCode()).as(context + "\n" + run).isZero();
            assertThat(run.out()).as(context).contains(greeting);
        }
    }

    private static boolean newerThan(Path file, FileTime since) {
        try {
            return Files.isRegularFile(file) && Files.getLastModifiedTime(file).compareTo(since) > 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** Starts the build in its own JVM, SIGKILLs the JVM alone when {@code when} holds, waits until what it started has ended. */
    private static void killBuildWhen(Path app, Predicate<Path> when) throws Exception {
        Path javaBinary = Path.of(System.getProperty("java.home"), "bin", "java");
        Process uknative = new ProcessBuilder(javaBinary.toString(), "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "build", app.toString(), "--unikraft-source", UnikraftCondition.tree().toString(), "-j2")
                .redirectErrorStream(true).start();
        Thread reader = new Thread(() -> {
            try {
                uknative.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            } catch (IOException e) {
                // Killed.
            }
        });
        reader.setDaemon(true);
        reader.start();
        Path dir = app.resolve(".unikraft/build");
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (!when.test(dir) && uknative.isAlive()) {
            assertThat(System.nanoTime()).as("the kill point came").isLessThan(deadline);
            Thread.sleep(2);
        }
        List<ProcessHandle> children = uknative.descendants().toList();
        uknative.destroyForcibly();
        assertThat(uknative.waitFor(10, TimeUnit.SECONDS)).isTrue();
        uknative.getInputStream().close();
        for (ProcessHandle child : children) {
            child.onExit().get(120, TimeUnit.SECONDS);
        }
    }

    private static CliRun uknative(String... args) {
        String[] all = new String[args.length + 3];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--unikraft-source";
        all[args.length + 1] = UnikraftCondition.tree().toString();
        all[args.length + 2] = "-j2";
        return CliRun.of(all);
    }
}
