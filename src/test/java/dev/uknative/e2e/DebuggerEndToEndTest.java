package dev.uknative.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.uknative.cli.Main;
import dev.uknative.testing.CliRun;
import dev.uknative.testing.RequiresUnikraft;
import dev.uknative.testing.UnikraftCondition;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real gdb against a real Unikraft image in QEMU (TCG): {@code run --gdb} with gdb in batch mode, and
 * {@code uknative debug} on a terminal (tmux), Ctrl-C included.
 */
@RequiresUnikraft
@Tag("e2e")
class DebuggerEndToEndTest {

    private static final String MAIN_C = """
            #include <stdio.h>

            volatile int spinning = 1;

            int main(int argc, char *argv[])
            {
            	volatile int answer = 6 * argc + 36;

            	printf("answer %d\\n", answer);
            	while (spinning)
            		;
            	printf("spun down\\n");
            	return 0;
            }
            """;
    private static final String PROMPT = "debug-test$ ";

    @TempDir
    Path work;

    private String socket;

    @AfterEach
    void stopTmux() throws Exception {
        if (socket != null) {
            new ProcessBuilder("tmux", "-L", socket, "kill-server").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void gdbInBatchModeStopsInMainReadsALocalAndLetsTheProgramFinish() throws Exception {
        assumeTrue(onPath("gdb"), "gdb is not installed");
        Path app = app();
        int port = freePort();
        CompletableFuture<CliRun> run = CompletableFuture.supplyAsync(() -> CliRun.of("run", app.toString(), "--gdb", Integer.toString(port),
                "--timeout", "300s", "--unikraft-source", UnikraftCondition.tree().toString(), "-j2"));

        // Until the build is done and QEMU listens.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(600);
        while (qemuRunning(app).isEmpty() && !run.isDone() && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(run.isDone()).as(() -> "uknative run ended before QEMU started: " + run.join()).isFalse();
        // gdb retries a refused connection until its connect timeout: QEMU may not listen yet.
        List<String> gdb = List.of("gdb", "-q", "-batch", "-iex", "set tcp connect-timeout 240",
                app.resolve(".unikraft/build/dbg_qemu-x86_64.dbg").toString(),
                "-ex", "target remote 127.0.0.1:" + port, "-ex", "hbreak main", "-ex", "continue", "-ex", "next",
                "-ex", "print answer", "-ex", "set var spinning = 0", "-ex", "continue");
        Process p = new ProcessBuilder(gdb).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();

        CliRun ended = run.get(120, TimeUnit.SECONDS);
        assertThat(out).as(ended.toString()).contains("Breakpoint 1").contains("main (argc=1").contains("$1 = 42");
        // QEMU says goodbye (W00) as it exits on the guest's halt, unless its socket closes first.
        assertThat(out).containsAnyOf("exited normally", "Remote connection closed");
        assertThat(ended.exitCode()).as(ended.toString()).isZero();
        assertThat(ended.err()).contains("QEMU waits for gdb on 127.0.0.1:" + port)
                .contains("gdb -q " + app.resolve(".unikraft/build/dbg_qemu-x86_64.dbg") + " -ex 'target remote 127.0.0.1:" + port + "'");
        assertThat(ended.out()).contains("answer 42").contains("spun down");
        assertThat(qemuRunning(app)).as("QEMU left running").isEmpty();
    }

    @Test
    void debugHandsTheTerminalToGdbAndCtrlCStopsTheProgramNotQemu() throws Exception {
        assumeTrue(onPath("gdb") && onPath("tmux") && onPath("setsid"), "gdb, tmux and setsid are needed");
        Path app = app();
        socket = "uknative-debug-test-" + ProcessHandle.current().pid();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        tmux("new-session", "-d", "-s", "debug", "-x", "120", "-y", "40", "env", "PS1=" + PROMPT, "TERM=xterm-256color", "bash", "--norc",
                "--noprofile");
        waitForScreen("the shell's prompt", Duration.ofSeconds(15), s -> s.contains(PROMPT.strip()));
        line(quote(java) + " -cp " + quote(System.getProperty("java.class.path")) + " " + Main.class.getName() + " debug " + quote(app)
                + " --unikraft-source " + quote(UnikraftCondition.tree()) + " -j2; echo debug-exit=$?");

        waitForScreen("gdb stopped in main", Duration.ofSeconds(300), s -> s.contains("Breakpoint 1") && s.strip().endsWith("(gdb)"));
        line("continue");
        waitForScreen("the program spinning", Duration.ofSeconds(30), s -> s.contains("answer 42") && s.contains("Continuing."));
        keys("C-c");
        String stopped = waitForScreen("gdb stopped by Ctrl-C", Duration.ofSeconds(30), s -> s.contains("SIGINT") && s.strip().endsWith("(gdb)"));
        assertThat(stopped).contains("main (");
        assertThat(qemuRunning(app)).as("QEMU after Ctrl-C").hasSize(1);
        line("print answer");
        waitForScreen("the local variable", Duration.ofSeconds(15), s -> s.contains("= 42"));
        line("quit");
        waitForScreen("gdb's question", Duration.ofSeconds(15), s -> s.contains("(y or n)"));
        line("y");
        String after = waitForScreen("the shell", Duration.ofSeconds(30), s -> s.contains("debug-exit=") && s.strip().endsWith(PROMPT.strip()));
        assertThat(after).contains("debug-exit=0");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!qemuRunning(app).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(qemuRunning(app)).as("QEMU left running after gdb quit").isEmpty();
    }

    private Path app() throws IOException {
        Path app = Files.createDirectories(work.resolve("dbg"));
        // Debug level 2: the two tests' builds share their objects through the compile cache (see README).
        Files.writeString(app.resolve("Kraftfile"), "spec: v0.6\nname: dbg\nunikraft:\n  kconfig:\n    CONFIG_LIBUKRANDOM: n\n"
                + "    CONFIG_DEBUG_SYMBOLS_LVL2: y\ntargets:\n  - qemu/x86_64\n");
        Files.writeString(app.resolve("Makefile.uk"), "$(eval $(call addlib,appdbg))\nAPPDBG_SRCS-y += $(APPDBG_BASE)/main.c\n");
        Files.writeString(app.resolve("main.c"), MAIN_C);
        return app;
    }

    private static List<ProcessHandle> qemuRunning(Path app) {
        String kernel = app.resolve(".unikraft/build/dbg_qemu-x86_64").toString();
        return ProcessHandle.allProcesses().filter(ProcessHandle::isAlive)
                .filter(h -> h.info().commandLine().map(c -> c.contains("qemu-system") && c.contains(kernel)).orElse(false))
                .toList();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private void line(String text) throws Exception {
        tmux("send-keys", "-t", "debug", "-l", text);
        keys("Enter");
    }

    private void keys(String... names) throws Exception {
        List<String> args = new ArrayList<>(List.of("send-keys", "-t", "debug"));
        args.addAll(List.of(names));
        tmux(args.toArray(String[]::new));
    }

    private String waitForScreen(String what, Duration patience, Predicate<String> ready) throws Exception {
        long deadline = System.nanoTime() + patience.toNanos();
        String screen = "";
        while (System.nanoTime() < deadline) {
            screen = tmux("capture-pane", "-p", "-t", "debug");
            if (ready.test(screen)) {
                return screen;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("waited for " + what + "; the screen was:\n" + screen);
    }

    private String tmux(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("tmux", "-L", socket == null ? "unused" : socket));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        return output;
    }

    private static String quote(Object path) {
        return "'" + path.toString().replace("'", "'\\''") + "'";
    }

    private static boolean onPath(String program) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(d, program))) {
                return true;
            }
        }
        return false;
    }
}
