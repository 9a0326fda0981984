package dev.uknative.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.uknative.testing.CliRun;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code config get} and {@code config list} refuse a kconfig value that build refuses (the symbol's
 * type cannot take it) at its line in the Kraftfile, instead of showing the default.
 */
class ConfigReadsRefuseMalformedValuesTest {

    @TempDir
    Path app;

    Path fakeUnikraft;

    @BeforeEach
    void writeApp() throws IOException, URISyntaxException {
        fakeUnikraft = Path.of(ConfigReadsRefuseMalformedValuesTest.class.getResource("/fake-unikraft/Config.uk").toURI()).getParent();
        Files.writeString(app.resolve("Kraftfile"), """
                spec: v0.6
                name: hello
                unikraft:
                  kconfig:
                    CONFIG_LIBUKDEBUG: y
                    CONFIG_LIBUKDEBUG_PRINTD: abc
                targets:
                  - qemu/x86_64
                """);
        Files.writeString(app.resolve("Makefile.uk"), "$(eval $(call addlib,apphello))\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"get CONFIG_LIBUKDEBUG", "list"})
    void aValueBuildRefusesIsRefusedWithItsLine(String command) {
        CliRun run = CliRun.of(arguments(command.split(" ")));

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
        assertThat(run.err()).contains(app.resolve("Kraftfile").toAbsolutePath().normalize() + ":6:5")
                .contains("CONFIG_LIBUKDEBUG_PRINTD is a bool symbol");
        assertThat(run.out()).isEmpty();
    }

    private String[] arguments(String... command) {
        String[] args = new String[command.length + 5];
        args[0] = "config";
        System.arraycopy(command, 0, args, 1, command.length);
        args[command.length + 1] = "-P";
        args[command.length + 2] = app.toString();
        args[command.length + 3] = "--unikraft-source";
        args[command.length + 4] = fakeUnikraft.toString();
        return args;
    }
}
