package dev.uknative.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code uknative menu} on a real terminal: a detached tmux session of fixed size runs a shell, the shell
 * runs uknative in its own JVM; keys go in with {@code tmux send-keys}, the screen comes back with
 * {@code tmux capture-pane}. A toggle must reach the Kraftfile, and after q the shell's prompt must be
 * back on the normal screen with the terminal's settings as they were. Skipped, with the reason
 * printed, when tmux is not installed (scripts/test installs it).
 */
@Tag("tool")
class MenuTerminalTest {

    private static final String PROMPT = "menu-test$ ";
    private static final Duration STARTUP = Duration.ofSeconds(60);
    private static final Duration STEP = Duration.ofSeconds(15);

    @TempDir
    Path app;

    private String socket;

    @BeforeEach
    void needsTmux() {
        boolean present = false;
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            present |= !dir.isEmpty() && Files.isExecutable(Path.of(dir, "tmux"));
        }
        if (!present) {
            System.out.println("MenuTerminalTest skipped: tmux is not installed (apt-get install tmux; scripts/test does)");
        }
        Assumptions.assumeTrue(present, "tmux is not installed");
        socket = "uknative-menu-test-" + ProcessHandle.current().pid();
    }

    @AfterEach
    void stopTmux() throws Exception {
        if (socket != null) {
            tmux("kill-server");
        }
    }

    @Test
    void aToggleReachesTheKraftfileAndQuitGivesTheShellBack() throws Exception {
        Path fakeUnikraft = Path.of(MenuTerminalTest.class.getResource("/fake-unikraft/Config.uk").toURI()).getParent();
        Path kraftfile = app.resolve("Kraftfile");
        Files.writeString(kraftfile, "spec: v0.6\nname: hello\ntargets:\n  - qemu/x86_64\n");
        Files.writeString(app.resolve("Makefile.uk"), "$(eval $(call addlib,apphello))\n");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");

        run("tmux", "-L", socket, "-f", "/dev/null", "new-session", "-d", "-s", "menu", "-x", "100", "-y", "30",
                "env", "PS1=" + PROMPT, "TERM=xterm-256color", "bash", "--norc", "--noprofile");
        waitForScreen("the shell's prompt", s -> s.contains(PROMPT.strip()));
        line("stty -g > " + app.resolve("stty.before"));
        line(quote(java) + " -cp " + quote(System.getProperty("java.class.path")) + " " + Main.class.getName()
                + " menu -P " + quote(app) + " --unikraft-source " + quote(fakeUnikraft)
                + "; echo menu-exit=$?; stty -g > " + app.resolve("stty.after"));

        String top = waitForScreen("the menu", STARTUP, s -> s.contains("Libraries  --->"));
        assertThat(top).contains("Fake Unikraft/").contains("Architecture and platform  --->").contains("q quit");

        keys("Down", "Enter");
        waitForScreen("the Libraries menu", s -> s.contains("Main menu > Libraries"));
        keys("Down", "Space");
        String toggled = waitForScreen("the toggle", s -> s.contains("[*]   Debug messages"));
        assertThat(toggled).contains("Set CONFIG_LIBUKDEBUG_PRINTD=y in Kraftfile unikraft.kconfig.");
        assertThat(Files.readString(kraftfile)).contains("CONFIG_LIBUKDEBUG_PRINTD: y");

        keys("q");
        String after = waitForScreen("the shell after q", s -> s.contains("menu-exit=") && s.strip().endsWith(PROMPT.strip()));
        assertThat(after).contains("menu-exit=0").doesNotContain("Debug messages").doesNotContain("q quit");
        assertThat(app.resolve("stty.after")).hasSameTextualContentAs(app.resolve("stty.before"));
    }

    /** Types a line into the shell. */
    private void line(String text) throws Exception {
        run("tmux", "-L", socket, "send-keys", "-t", "menu", "-l", text);
        keys("Enter");
    }

    private void keys(String... names) throws Exception {
        List<String> command = new ArrayList<>(List.of("tmux", "-L", socket, "send-keys", "-t", "menu"));
        command.addAll(List.of(names));
        run(command.toArray(String[]::new));
    }

    /** The screen once {@code ready} holds for it; fails with the last screen after a while. */
    private String waitForScreen(String what, Predicate<String> ready) throws Exception {
        return waitForScreen(what, STEP, ready);
    }

    private String waitForScreen(String what, Duration patience, Predicate<String> ready) throws Exception {
        long deadline = System.nanoTime() + patience.toNanos();
        String screen = "";
        while (System.nanoTime() < deadline) {
            screen = run("tmux", "-L", socket, "capture-pane", "-p", "-t", "menu");
            if (ready.test(screen)) {
                return screen;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("waited for " + what + "; the screen was:\n" + screen);
    }

    private void tmux(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("tmux", "-L", socket));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        p.waitFor(10, TimeUnit.SECONDS);
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed: " + output);
        }
        return output;
    }

    private static String quote(Object path) {
        return "'" + path.toString().replace("'", "'\\''") + "'";
    }
}
