package dev.uknative.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.uknative.testing.CliRun;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code config set/unset} on a Kraftfile that cannot be written: exit 4 naming the file, the file
 * unchanged; not "internal error". Starts git and gcc through the configurator, hence the tag.
 */
@Tag("tool")
class ConfigSetErrorsTest {

    private static final String KRAFTFILE = """
            spec: v0.6
            name: hello
            unikraft:
              kconfig:
                CONFIG_LIBUKDEBUG: y
            targets:
              - qemu/x86_64
            """;

    @TempDir
    Path app;

    @Test
    void aReadOnlyKraftfileIsExitFourNamingTheFileAndStaysAsItWas() throws IOException, URISyntaxException {
        Path kraftfile = app.resolve("Kraftfile");
        Files.writeString(kraftfile, KRAFTFILE);
        Files.writeString(app.resolve("Makefile.uk"), "$(eval $(call addlib,apphello))\n");
        Files.setPosixFilePermissions(kraftfile, PosixFilePermissions.fromString("r--r--r--"));
        String unikraft = Path.of(ConfigSetErrorsTest.class.getResource("/fake-unikraft/Config.uk").toURI()).getParent().toString();

        CliRun set = CliRun.of("config", "set", "LIBUKDEBUG_PRINTD=y", "-P", app.toString(), "--unikraft-source", unikraft);
        CliRun unset = CliRun.of("config", "unset", "CONFIG_LIBUKDEBUG", "-P", app.toString(), "--unikraft-source", unikraft);

        for (CliRun run : new CliRun[] {set, unset}) {
            assertThat(run.exitCode()).as(run.toString()).isEqualTo(4);
            assertThat(run.err()).as(run.toString()).contains(kraftfile.toString()).contains("read-only").doesNotContain("internal error");
        }
        assertThat(kraftfile).hasContent(KRAFTFILE);
    }
}
