package dev.uknative.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.uknative.testing.CliRun;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code uknative config …} on the stand-in Unikraft tree (src/test/resources/fake-unikraft/Config.uk). */
class ConfigCommandTest {

    private static final String KRAFTFILE = """
            spec: v0.6
            name: hello
            # the core
            unikraft:
              kconfig:
                CONFIG_LIBUKDEBUG: y   # on by default anyway
            targets:
              - name: debug
                plat: qemu
                arch: x86_64
            """;

    @TempDir
    Path app;

    Path fakeUnikraft;

    @BeforeEach
    void writeApp() throws IOException, URISyntaxException {
        fakeUnikraft = Path.of(ConfigCommandTest.class.getResource("/fake-unikraft/Config.uk").toURI()).getParent();
        Files.writeString(app.resolve("Kraftfile"), KRAFTFILE);
        Files.writeString(app.resolve("Makefile.uk"), "$(eval $(call addlib,apphello))\n");
    }

    @Test
    void getPrintsTheSolvedValue() {
        assertThat(config("get", "CONFIG_KVM_VMM_QEMU").out()).isEqualTo("y\n");
        assertThat(config("get", "LIBUKDEBUG_PRINTD").out()).isEqualTo("n\n");
        assertThat(config("get", "UK_NAME").out()).isEqualTo("\"debug\"\n");
    }

    @Test
    void anUnknownSymbolIsAUsageErrorNamingTheNearestOnes() {
        CliRun run = config("get", "CONFIG_LIBUKDEBUG_PRINT");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("no Kconfig file of this Unikraft tree defines CONFIG_LIBUKDEBUG_PRINT")
                .contains("did you mean CONFIG_LIBUKDEBUG_PRINTD");
    }

    @Test
    void listShowsTheConfigurationAndChangedOnlyWhatDiffersFromDefaults() {
        CliRun all = config("list");
        assertThat(all.out()).contains("CONFIG_LIBUKDEBUG=y\n").contains("# CONFIG_LIBUKDEBUG_PRINTD is not set\n");

        CliRun changed = config("list", "--changed");
        assertThat(changed.out()).contains("CONFIG_PLAT_KVM=y").doesNotContain("CONFIG_LIBUKDEBUG=y");

        CliRun matching = config("list", "debug");
        assertThat(matching.out().lines()).allMatch(l -> l.toLowerCase().contains("debug") || l.contains("is not set"));
    }

    @Test
    void setWritesTheKraftfileKeepingItsCommentsAndSaysWhatElseChanged() throws IOException {
        CliRun run = config("set", "LIBUKDEBUG_PRINTD=y");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(app.resolve("Kraftfile")).hasContent(KRAFTFILE.replace(
                "    CONFIG_LIBUKDEBUG: y   # on by default anyway\n",
                "    CONFIG_LIBUKDEBUG: y   # on by default anyway\n    CONFIG_LIBUKDEBUG_PRINTD: y\n"));
        assertThat(config("get", "CONFIG_LIBUKDEBUG_PRINTD").out()).isEqualTo("y\n");

        CliRun off = config("set", "CONFIG_LIBUKDEBUG=n");
        assertThat(off.err()).contains("Also changes: CONFIG_LIBUKDEBUG_PRINTD y→n");
    }

    @Test
    void setForATargetWritesTheTargetsKconfigAndStringsNeedNoQuotes() throws IOException {
        CliRun run = config("set", "CONFIG_APP_GREETING=hi there", "--target", "debug");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(Files.readString(app.resolve("Kraftfile"))).contains("    arch: x86_64\n    kconfig:\n      CONFIG_APP_GREETING:");
        assertThat(config("get", "APP_GREETING", "--target", "debug").out()).isEqualTo("\"hi there\"\n");
        assertThat(config("set", "CONFIG_UK_NAME=x").err()).contains("CONFIG_UK_NAME has no prompt");
    }

    @Test
    void aValueThatCannotHoldIsRefusedAndTheKraftfileIsUntouched() throws IOException {
        CliRun run = config("set", "CONFIG_FAKE_DEPS_OFF=y");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("not written to the Kraftfile").contains("CONFIG_FAKE_DEPS_OFF=y cannot hold").contains("FAKE_MISSING");
        assertThat(app.resolve("Kraftfile")).hasContent(KRAFTFILE);
    }

    @Test
    void unsetRemovesTheEntryAndOnlyIt() throws IOException {
        CliRun run = config("unset", "CONFIG_LIBUKDEBUG");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(app.resolve("Kraftfile")).hasContent(KRAFTFILE.replace("    CONFIG_LIBUKDEBUG: y   # on by default anyway\n", ""));
        assertThat(config("unset", "CONFIG_LIBUKDEBUG").err()).contains("Nothing to remove");
    }

    @Test
    void explainSaysWhereASymbolIsDefinedAndWhyItHasItsValue() {
        CliRun run = config("explain", "CONFIG_KVM_VMM_QEMU");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("CONFIG_KVM_VMM_QEMU=y").contains("depends on").contains("PLAT_KVM")
                .contains(fakeUnikraft.resolve("Config.uk") + ":");
    }

    private CliRun config(String... args) {
        String[] all = new String[args.length + 5];
        all[0] = "config";
        System.arraycopy(args, 0, all, 1, args.length);
        all[args.length + 1] = "--project";
        all[args.length + 2] = app.toString();
        all[args.length + 3] = "--unikraft-source";
        all[args.length + 4] = fakeUnikraft.toString();
        return CliRun.of(all);
    }
}
