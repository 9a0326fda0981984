package dev.uknative.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.uknative.cli.Main;
import dev.uknative.testing.CliRun;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code uknative build} JVM killed with SIGKILL (an OOM killer, a CI job's timeout, {@code kill -9})
 * while make runs: make and its children outlive it with their output pipe gone, and die half-way at
 * their next write. The next build must still produce the image the sources ask for. Runs on the
 * stand-in Unikraft tree (src/test/resources/fake-unikraft), whose link and conversion pause when
 * {@code FAKE_LINK_SECONDS} is set so that the kill lands inside them.
 */
@Tag("tool")
class BuildKillTest {

    private static final String CONVERTED = "converted for multiboot\n";

    @TempDir
    Path app;

    Path fakeUnikraft;

    @BeforeEach
    void writeApp() throws IOException, URISyntaxException {
        fakeUnikraft = Path.of(BuildKillTest.class.getResource("/fake-unikraft/Makefile").toURI()).getParent();
        Files.writeString(app.resolve("Kraftfile"), """
                spec: v0.6
                name: hello
                unikraft:
                  version: 0.17.0
                targets:
                  - qemu/x86_64
                """);
        Files.writeString(app.resolve("Makefile.uk"), "$(eval $(call addlib,apphello))\n");
        Files.writeString(app.resolve("main.c"), "int main(void) { return 0; }\n");
        CliRun first = build();
        assertThat(first.exitCode()).as(first.toString()).isZero();
    }

    @Test
    void aKillDuringTheLinkLeavesNoEmptyDebugImageTheNextBuildTrusts() throws Exception {
        editSource(1);

        killWhen(2, dir -> isEmptyFile(dir.resolve("hello_qemu-x86_64.dbg")), true);

        assertNextBuildMakesTheRightImage();
    }

    @Test
    void aKillDuringTheConversionLeavesNoUnconvertedImageTheNextBuildTrusts() throws Exception {
        editSource(2);

        killWhen(2, dir -> unconverted(dir.resolve("hello_qemu-x86_64")), true);

        assertNextBuildMakesTheRightImage();
        CliRun again = build();
        assertThat(again.err()).as(again.toString()).contains("up to date");
    }

    @Test
    void aMakeStillRunningFromAKilledBuildIsStoppedBeforeTheNextBuild() throws Exception {
        editSource(3);

        // Killed inside a 30 s link: its make still runs when the next build starts at once.
        List<ProcessHandle> orphans = killWhen(30, dir -> isEmptyFile(dir.resolve("hello_qemu-x86_64.dbg")), false);
        assertThat(orphans).as("make and its children outlive the killed JVM").anyMatch(ProcessHandle::isAlive);

        assertNextBuildMakesTheRightImage();
        assertThat(orphans).as("left running").noneMatch(ProcessHandle::isAlive);
    }

    @Test
    void killsAtRandomPointsNeverBreakTheNextBuild() throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        for (int round = 0; round < 4; round++) {
            editSource(10 + round);
            long after = 300 + random.nextInt(2500);
            long start = System.nanoTime();
            killWhen(1, dir -> System.nanoTime() - start > after * 1_000_000, true);
            CliRun next = build();
            assertThat(next.exitCode()).as("seed " + seed + ", round " + round + ", killed after " + after + " ms\n" + next).isZero();
            assertRightImage("seed " + seed + ", round " + round + ", killed after " + after + " ms");
        }
    }

    private void assertNextBuildMakesTheRightImage() throws IOException {
        CliRun next = build();
        assertThat(next.exitCode()).as(next.toString()).isZero();
        assertRightImage("");
        CliRun forced = build("--force");
        assertThat(forced.exitCode()).as(forced.toString()).isZero();
        assertRightImage("after --force");
    }

    /** The image is the object of the current main.c, "linked" and converted exactly once. */
    private void assertRightImage(String context) throws IOException {
        Path dir = app.resolve(".unikraft/build");
        byte[] object = Files.readAllBytes(dir.resolve("apphello/main.o"));
        assertThat(describe(dir.resolve("hello_qemu-x86_64.dbg"), object)).as("debug image " + context).isEqualTo("the object");
        assertThat(describe(dir.resolve("hello_qemu-x86_64"), object)).as("image " + context).isEqualTo("the object, converted");
    }

    /** What a fake image holds, in words (a failure message full of bytes helps nobody). */
    private static String describe(Path file, byte[] object) throws IOException {
        byte[] content = Files.readAllBytes(file);
        byte[] converted = CONVERTED.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        if (content.length == 0) {
            return "empty";
        } else if (java.util.Arrays.equals(content, object)) {
            return "the object";
        } else if (content.length == object.length + converted.length
                && java.util.Arrays.equals(content, 0, object.length, object, 0, object.length)
                && java.util.Arrays.equals(content, object.length, content.length, converted, 0, converted.length)) {
            return "the object, converted";
        }
        return content.length + " other bytes" + (new String(content, java.nio.charset.StandardCharsets.ISO_8859_1).endsWith(CONVERTED) ? ", converted" : "");
    }

    /**
     * Starts {@code uknative build} in its own JVM, SIGKILLs it as soon as {@code when} holds for the
     * build folder, and returns the processes it had started (taken just before the kill); with
     * {@code waitForThem} waits until they are gone, as a user who builds again later would.
     */
    private List<ProcessHandle> killWhen(int linkSeconds, Predicate<Path> when, boolean waitForThem) throws Exception {
        Path javaBinary = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(javaBinary.toString(), "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "build", app.toString(), "--unikraft-source", fakeUnikraft.toString())
                .redirectErrorStream(true);
        builder.environment().put("FAKE_LINK_SECONDS", Integer.toString(linkSeconds));
        Process uknative = builder.start();
        // Read as a terminal would; it is closed with the kill, as the JVM's own pipe to make is.
        Thread reader = new Thread(() -> {
            try {
                uknative.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            } catch (IOException e) {
                // The JVM was killed.
            }
        });
        reader.setDaemon(true);
        reader.start();
        Path dir = app.resolve(".unikraft/build");
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!when.test(dir) && uknative.isAlive()) {
            assertThat(System.nanoTime()).as("the kill point came").isLessThan(deadline);
            Thread.sleep(5);
        }
        List<ProcessHandle> children = uknative.descendants().toList();
        uknative.destroyForcibly();
        assertThat(uknative.waitFor(10, TimeUnit.SECONDS)).isTrue();
        uknative.getInputStream().close();
        if (waitForThem) {
            for (ProcessHandle child : children) {
                child.onExit().get(60, TimeUnit.SECONDS);
            }
        }
        return children;
    }

    private void editSource(int value) throws IOException {
        Files.writeString(app.resolve("main.c"), "int main(void) { return " + value + "; }\n");
    }

    private static boolean isEmptyFile(Path file) {
        try {
            return Files.isRegularFile(file) && Files.size(file) == 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean unconverted(Path image) {
        try {
            return Files.isRegularFile(image) && Files.size(image) > 0 && !Files.readString(image, java.nio.charset.StandardCharsets.ISO_8859_1).endsWith(CONVERTED);
        } catch (IOException e) {
            return false;
        }
    }

    private CliRun build(String... extra) {
        String[] args = new String[extra.length + 4];
        args[0] = "build";
        args[1] = app.toString();
        args[2] = "--unikraft-source";
        args[3] = fakeUnikraft.toString();
        System.arraycopy(extra, 0, args, 4, extra.length);
        return CliRun.of(args);
    }
}
