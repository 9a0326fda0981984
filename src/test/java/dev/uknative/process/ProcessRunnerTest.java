package dev.uknative.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.uknative.core.ExitCode;
import dev.uknative.core.UknativeException;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The process runner with real child processes (sh and coreutils as test subjects). */
@Tag("tool")
class ProcessRunnerTest {

    @TempDir
    Path work;

    private final ProcessRunner runner = new ProcessRunner(Duration.ofSeconds(2));

    @Test
    void drainsBothStreamsTogether() {
        // 1 MiB on stderr before anything on stdout: a runner that reads stdout to its end first
        // blocks forever once the stderr pipe (64 KiB) is full.
        ProcessSpec spec = ProcessSpec.of(List.of("sh", "-c", "head -c 1048576 /dev/zero >&2; echo done"), work)
                .withTimeout(Duration.ofSeconds(30));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long[] errBytes = {0};

        ProcessResult result = runner.run(spec, sink(out), (b, n) -> errBytes[0] += n);

        assertThat(result.succeeded()).isTrue();
        assertThat(out.toString()).isEqualTo("done\n");
        assertThat(errBytes[0]).isEqualTo(1048576);
    }

    @Test
    void mergedStreamsKeepTheirOrder() {
        ProcessSpec spec = ProcessSpec.of(List.of("sh", "-c", "echo one; echo two >&2; echo three"), work).withMergedStderr();
        List<String> lines = Collections.synchronizedList(new ArrayList<>());

        runner.run(spec, new LineSink(lines::add), OutputSink.DISCARD);

        assertThat(lines).containsExactly("one", "two", "three");
    }

    @Test
    void reportsTheExitStatus() {
        ProcessResult result = runner.run(ProcessSpec.of(List.of("sh", "-c", "exit 7"), work), OutputSink.DISCARD, OutputSink.DISCARD);

        assertThat(result.exitCode()).isEqualTo(7);
        assertThat(result.timedOut()).isFalse();
        assertThat(result.succeeded()).isFalse();
    }

    @Test
    void passesArgumentsWithoutAShell() {
        List<String> lines = new ArrayList<>();
        runner.run(ProcessSpec.of(List.of("printf", "%s|", "a b", "$HOME", "; rm -rf x"), work), new LineSink(lines::add), OutputSink.DISCARD);

        assertThat(lines).containsExactly("a b|$HOME|; rm -rf x|");
    }

    @Test
    void addsEnvironmentVariablesAndRunsInTheWorkingDirectory() {
        List<String> lines = new ArrayList<>();
        ProcessSpec spec = ProcessSpec.of(List.of("sh", "-c", "echo \"$GREETING\"; pwd"), work).withEnvironment(Map.of("GREETING", "hi"));

        runner.run(spec, new LineSink(lines::add), OutputSink.DISCARD);

        assertThat(lines).containsExactly("hi", work.toString());
    }

    @Test
    void killsTheChildAndItsChildrenAtTheTimeout() throws Exception {
        Path pidFile = work.resolve("grandchild.pid");
        ProcessSpec spec = ProcessSpec.of(List.of("sh", "-c", "sleep 60 & echo $! > " + pidFile + "; wait"), work)
                .withTimeout(Duration.ofMillis(500));
        long start = System.nanoTime();

        ProcessResult result = runner.run(spec, OutputSink.DISCARD, OutputSink.DISCARD);

        assertThat(result.timedOut()).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        long grandchild = Long.parseLong(java.nio.file.Files.readString(pidFile).trim());
        assertThat(gone(grandchild)).as("grandchild gone").isTrue();
    }

    @Test
    void aMissingProgramIsAnEnvironmentError() {
        assertThatThrownBy(() -> runner.run(ProcessSpec.of(List.of("uknative-no-such-program"), work), OutputSink.DISCARD, OutputSink.DISCARD))
                .isInstanceOfSatisfying(UknativeException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(ExitCode.ENVIRONMENT);
                    assertThat(e.getMessage()).contains("cannot start uknative-no-such-program");
                });
    }

    @Test
    void interruptingTheCallerStopsTheChild() throws Exception {
        Path pidFile = work.resolve("child.pid");
        ProcessSpec spec = ProcessSpec.of(List.of("sh", "-c", "echo $$ > " + pidFile + "; exec sleep 60"), work);
        Thread caller = Thread.currentThread();
        Thread interrupter = new Thread(() -> {
            try {
                while (!java.nio.file.Files.exists(pidFile)) {
                    Thread.sleep(20);
                }
                Thread.sleep(100);
                caller.interrupt();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        interrupter.start();

        assertThatThrownBy(() -> runner.run(spec, OutputSink.DISCARD, OutputSink.DISCARD))
                .isInstanceOfSatisfying(UknativeException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.INTERRUPTED));
        assertThat(Thread.interrupted()).as("interrupt flag restored").isTrue();
        interrupter.join();
        long pid = Long.parseLong(java.nio.file.Files.readString(pidFile).trim());
        assertThat(gone(pid)).as("child gone").isTrue();
    }

    @Test
    void lineSinkSplitsAcrossChunksAndStripsCarriageReturns() {
        List<String> lines = new ArrayList<>();
        LineSink sink = new LineSink(lines::add);
        byte[] a = "Hello, Wo".getBytes();
        byte[] b = "rld!\r\nsecond\nlast".getBytes();

        sink.write(a, a.length);
        sink.write(b, b.length);
        sink.end();

        assertThat(lines).containsExactly("Hello, World!", "second", "last");
    }

    @Test
    void tailKeepsTheLastLines() {
        TailLines tail = new TailLines(2);
        tail.add("a");
        tail.add("b");
        tail.add("c");

        assertThat(tail.lines()).containsExactly("b", "c");
    }

    @Test
    void toolLocatorFindsProgramsOnThePathAndNamesThePackageOfMissingOnes(@TempDir Path bin) throws Exception {
        Path tool = bin.resolve("mytool");
        java.nio.file.Files.writeString(tool, "#!/bin/sh\n");
        tool.toFile().setExecutable(true);
        ToolLocator locator = new ToolLocator("/nonexistent:" + bin);

        assertThat(locator.find("mytool")).contains(tool);
        assertThatThrownBy(() -> locator.require("qemu-system-x86_64", "qemu-system-x86"))
                .isInstanceOf(UknativeException.class)
                .hasMessageContaining("qemu-system-x86_64 was not found")
                .satisfies(e -> assertThat(((UknativeException) e).hint()).contains("install it, for example: sudo apt-get install qemu-system-x86"));
    }

    /**
     * Whether the process has ended within a few seconds: gone from the process table, or a zombie
     * (dead, waiting for a parent that may be a container's init that never reaps).
     */
    private static boolean gone(long pid) throws Exception {
        for (int i = 0; i < 100; i++) {
            Optional<ProcessHandle> handle = ProcessHandle.of(pid);
            Path stat = Path.of("/proc/" + pid + "/stat");
            boolean zombie = java.nio.file.Files.exists(stat) && java.nio.file.Files.readString(stat).replaceFirst("^.*\\) ", "").startsWith("Z");
            if (handle.isEmpty() || !handle.get().isAlive() || zombie) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    private static OutputSink sink(ByteArrayOutputStream out) {
        return (buffer, length) -> out.write(buffer, 0, length);
    }
}
