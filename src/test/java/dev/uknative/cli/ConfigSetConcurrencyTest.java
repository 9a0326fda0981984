package dev.uknative.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.uknative.testing.CliRun;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code uknative config set} at once on one Kraftfile: both changes land, every time (each one
 * reads, edits and writes the Kraftfile under the project's Kraftfile lock). Before that lock, 3 rounds
 * in 20 lost one change while both printed "Set …" and exited 0. Starts git and gcc (through the
 * configurator) and, once, two more JVMs.
 */
@Tag("tool")
class ConfigSetConcurrencyTest {

    private static final String KRAFTFILE = """
            spec: v0.6
            name: hello
            unikraft:
              kconfig:
                CONFIG_LIBUKDEBUG: y
            targets:
              - name: debug
                plat: qemu
                arch: x86_64
            """;

    @TempDir
    Path app;

    Path fakeUnikraft;

    @BeforeEach
    void findTree() throws URISyntaxException, IOException {
        fakeUnikraft = Path.of(ConfigSetConcurrencyTest.class.getResource("/fake-unikraft/Config.uk").toURI()).getParent();
        Files.writeString(app.resolve("Makefile.uk"), "$(eval $(call addlib,apphello))\n");
    }

    @Test
    void twoConfigSetAtOnceInOneProcessBothLandInTwentyRoundsOfTwenty() throws Exception {
        for (int round = 0; round < 20; round++) {
            Files.writeString(app.resolve("Kraftfile"), KRAFTFILE);
            CyclicBarrier start = new CyclicBarrier(2);
            CompletableFuture<CliRun> first = CompletableFuture.supplyAsync(() -> awaitThen(start, () -> set("LIBUKDEBUG_PRINTD=y")));
            CompletableFuture<CliRun> second = CompletableFuture.supplyAsync(() -> awaitThen(start, () -> set("CONFIG_APP_GREETING=round")));

            assertBothLanded(round, first.get(60, TimeUnit.SECONDS).exitCode(), second.get(60, TimeUnit.SECONDS).exitCode());
        }
    }

    @Test
    void twoConfigSetAtOnceInTwoProcessesBothLand() throws Exception {
        Files.writeString(app.resolve("Kraftfile"), KRAFTFILE);
        Process first = java("LIBUKDEBUG_PRINTD=y");
        Process second = java("CONFIG_APP_GREETING=round");

        assertThat(first.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(second.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertBothLanded(0, first.exitValue(), second.exitValue());
    }

    private void assertBothLanded(int round, int firstStatus, int secondStatus) throws IOException {
        String kraftfile = Files.readString(app.resolve("Kraftfile"));
        assertThat(List.of(firstStatus, secondStatus)).as("round %d", round).containsExactly(0, 0);
        assertThat(kraftfile).as("round %d", round).contains("CONFIG_LIBUKDEBUG_PRINTD: y").contains("CONFIG_APP_GREETING: \"round\"");
    }

    private CliRun set(String assignment) {
        return CliRun.of("config", "set", assignment, "--project", app.toString(), "--unikraft-source", fakeUnikraft.toString());
    }

    private Process java(String assignment) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "config", "set", assignment, "--project", app.toString(), "--unikraft-source", fakeUnikraft.toString()));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    private static <T> T awaitThen(CyclicBarrier barrier, java.util.function.Supplier<T> work) {
        try {
            barrier.await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return work.get();
    }
}
