package dev.uknative.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.uknative.testing.CliRun;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code uknative build} and {@code clean} with the real make and gcc, on a stand-in Unikraft tree
 * (src/test/resources/fake-unikraft) that behaves like Unikraft's Makefile: defconfig, progress
 * lines, gcc diagnostics, the image name.
 */
@Tag("tool")
class BuildCommandTest {

    @TempDir
    Path app;

    Path fakeUnikraft;

    @BeforeEach
    void writeApp() throws IOException, URISyntaxException {
        fakeUnikraft = Path.of(BuildCommandTest.class.getResource("/fake-unikraft/Makefile").toURI()).getParent();
        kraftfile("""
                spec: v0.6
                name: hello
                unikraft:
                  version: 0.17.0
                  kconfig:
                    CONFIG_LIBUKDEBUG: y
                targets:
                  - qemu/x86_64
                """);
        Files.writeString(app.resolve("Makefile.uk"), "$(eval $(call addlib,apphello))\n");
        mainC("int main(void) { return 0; }\n");
    }

    @Test
    void buildsConfiguresOnceAndPrintsTheImage() throws IOException {
        CliRun first = build();

        Path image = app.resolve(".unikraft/build/hello_qemu-x86_64");
        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(first.out().strip()).isEqualTo(image.toString());
        assertThat(image).isRegularFile();
        assertThat(first.err()).contains("Configuring hello_qemu-x86_64").contains("Built hello_qemu-x86_64").contains("1 object compiled");
        assertThat(app.resolve(".config.hello_qemu-x86_64")).content()
                .contains("CONFIG_LIBUKDEBUG=y", "CONFIG_ARCH_X86_64=y", "CONFIG_PLAT_KVM=y", "CONFIG_KVM_VMM_QEMU=y");
        assertThat(app.resolve(".unikraft/build/make.log")).content().contains("  CC      apphello: main.o");

        CliRun second = build();

        assertThat(second.exitCode()).as(second.toString()).isZero();
        assertThat(second.err()).contains("hello_qemu-x86_64 is up to date").doesNotContain("Configuring");
        assertThat(second.out().strip()).isEqualTo(image.toString());
    }

    @Test
    void aChangedSourceIsRebuiltAndAChangedKconfigReconfigures() throws IOException {
        assertThat(build().exitCode()).isZero();

        mainC("int main(void) { return 1; }\n");
        CliRun afterEdit = build();
        assertThat(afterEdit.err()).contains("1 object compiled").doesNotContain("Configuring");

        kraftfile(Files.readString(app.resolve("Kraftfile")).replace("CONFIG_LIBUKDEBUG: y", "CONFIG_LIBUKDEBUG: n"));
        CliRun afterKconfig = build();
        assertThat(afterKconfig.exitCode()).as(afterKconfig.toString()).isZero();
        assertThat(afterKconfig.err()).contains("Configuring");
        assertThat(app.resolve(".config.hello_qemu-x86_64")).content().contains("# CONFIG_LIBUKDEBUG is not set");
    }

    @Test
    void forceRunsMakeEvenWhenNothingChanged() throws IOException {
        assertThat(build().exitCode()).isZero();
        Path log = app.resolve(".unikraft/build/make.log");
        Files.setLastModifiedTime(log, FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));

        CliRun forced = build("--force");

        assertThat(forced.err()).contains("nothing to compile");
        assertThat(Files.getLastModifiedTime(log).toInstant()).isAfter(Instant.parse("2020-01-01T00:00:00Z"));
    }

    @Test
    void aCompileErrorNamesFileLineAndLogAndLeavesNoStamp() throws IOException {
        assertThat(build().exitCode()).isZero();
        mainC("int main(void)\n{\n  return 0\n}\n");

        CliRun broken = build();

        assertThat(broken.exitCode()).as(broken.toString()).isEqualTo(5);
        assertThat(broken.err()).contains("error: make failed (exit 2) building hello_qemu-x86_64")
                .contains(app.resolve("main.c") + ":3:")
                .contains("hint: full log: " + app.resolve(".unikraft/build/make.log"));
        assertThat(broken.err().lines().filter(l -> l.contains("at dev.uknative"))).as("no stack trace").isEmpty();

        mainC("int main(void) { return 0; }\n");
        CliRun fixed = build();
        assertThat(fixed.exitCode()).as(fixed.toString()).isZero();
        assertThat(fixed.err()).contains("1 object compiled");
    }

    @Test
    void aRequestThatCannotHoldIsAnErrorWithItsOriginAndNothingIsBuilt() throws IOException {
        kraftfile(Files.readString(app.resolve("Kraftfile")).replace("CONFIG_LIBUKDEBUG: y", "CONFIG_LIBUKDEBUG: y\n    CONFIG_FAKE_DEPS_OFF: y"));

        CliRun run = build();

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
        assertThat(run.err()).contains("error: " + app.resolve("Kraftfile") + ":7:5: a kconfig request cannot hold")
                .contains("CONFIG_FAKE_DEPS_OFF=y cannot hold").contains("FAKE_MISSING").contains("fix:");
        assertThat(app.resolve(".unikraft/build/hello_qemu-x86_64")).doesNotExist();
        assertThat(app.resolve(".config.hello_qemu-x86_64")).doesNotExist();
    }

    @Test
    void theConfigurationIsWrittenWhereMakeReadsItWithoutKconfigTools() throws IOException {
        assertThat(build().exitCode()).isZero();

        Path buildDir = app.resolve(".unikraft/build");
        String dotConfig = Files.readString(app.resolve(".config.hello_qemu-x86_64"));
        assertThat(buildDir.resolve("config")).hasContent(dotConfig);
        assertThat(buildDir.resolve("include/uk/bits/config.h")).content().contains("#define CONFIG_LIBUKDEBUG 1");
        assertThat(buildDir.resolve("kconfig/auto.conf")).content().contains("CONFIG_LIBUKDEBUG=y");
        // make must never find conf missing (it would compile it with flex and bison) or newer than config.h.
        assertThat(Files.getLastModifiedTime(buildDir.resolve("kconfig/conf")))
                .isLessThan(Files.getLastModifiedTime(buildDir.resolve("include/uk/bits/config.h")));
        assertThat(dotConfig).contains("# CONFIG_LIBUKDEBUG_PRINTD is not set").contains("CONFIG_UK_NAME=\"hello\"");
        // As conf does for fixdep: one touched file per symbol that changed (here: all set ones, first build).
        assertThat(buildDir.resolve("include/config/libukdebug.h")).exists();
    }

    @Test
    void aYamlErrorIsOneLineWithFileLineAndColumn() throws IOException {
        kraftfile("spec: v0.6\nname: hello\ntargets:\n  - qemu/x86_64\n   - bad: [\n");

        CliRun run = build();

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err().lines().filter(l -> l.startsWith("error: ")).toList()).singleElement().asString()
                .startsWith("error: " + app.resolve("Kraftfile") + ":5:").contains("YAML error");
    }

    @Test
    void unknownKeysAreWarningsNotErrors() throws IOException {
        kraftfile(Files.readString(app.resolve("Kraftfile")) + "colour: blue\n");

        CliRun run = build();

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.err()).contains("warning: " + app.resolve("Kraftfile") + ":9:1: unknown key 'colour'");
    }

    @Test
    void aVersionTheTreeDoesNotHaveIsAWarning() throws IOException {
        kraftfile(Files.readString(app.resolve("Kraftfile")).replace("version: 0.17.0", "version: 0.18.0"));

        CliRun run = build();

        assertThat(run.err()).contains("unikraft version '0.18.0' differs from the tree at " + fakeUnikraft);
    }

    @Test
    void withoutAUnikraftTreeTheHintSaysHowToGiveOne() throws IOException {
        // With no version either: a version would be looked up in the manifest and fetched.
        kraftfile(Files.readString(app.resolve("Kraftfile")).replace("  version: 0.17.0\n", ""));

        CliRun run = CliRun.of("build", app.toString());

        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.err()).contains("error: no Unikraft tree to build with").contains("--unikraft-source");
    }

    @Test
    void aMissingMakefileUkIsInvalidInput() throws IOException {
        Files.delete(app.resolve("Makefile.uk"));

        CliRun run = build();

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains(app.resolve("Makefile.uk") + ": the application has no Makefile.uk");
    }

    @Test
    void severalFittingTargetsNeedAChoiceWhenNobodyCanBeAsked() throws IOException {
        kraftfile("""
                name: hello
                targets:
                  - name: small
                    plat: qemu
                    arch: x86_64
                  - name: debug
                    plat: qemu
                    arch: x86_64
                    kconfig:
                      CONFIG_LIBUKDEBUG_PRINTD: y
                """);

        CliRun ambiguous = build();
        assertThat(ambiguous.exitCode()).isEqualTo(2);
        assertThat(ambiguous.err()).contains("several targets fit: small (qemu/x86_64), debug (qemu/x86_64)").contains("--target");

        CliRun chosen = build("--target", "debug");
        assertThat(chosen.exitCode()).as(chosen.toString()).isZero();
        assertThat(chosen.out().strip()).endsWith("debug_qemu-x86_64");
        assertThat(app.resolve(".config.debug_qemu-x86_64")).content().contains("CONFIG_LIBUKDEBUG_PRINTD=y");
    }

    @Test
    void cleanRemovesObjectsAndProperRemovesTheBuildFolder() throws IOException {
        CliRun nothing = CliRun.of("clean", app.toString(), "--unikraft-source", fakeUnikraft.toString());
        assertThat(nothing.err()).contains("Nothing to clean");

        assertThat(build().exitCode()).isZero();
        CliRun clean = CliRun.of("clean", app.toString(), "--unikraft-source", fakeUnikraft.toString());
        assertThat(clean.exitCode()).as(clean.toString()).isZero();
        assertThat(app.resolve(".unikraft/build/hello_qemu-x86_64")).doesNotExist();
        assertThat(build().err()).contains("1 object compiled");

        CliRun proper = CliRun.of("clean", "--proper", app.toString());
        assertThat(proper.exitCode()).as(proper.toString()).isZero();
        assertThat(app.resolve(".unikraft/build")).doesNotExist();
        assertThat(app.resolve(".config.hello_qemu-x86_64")).exists();
    }

    @Test
    void verboseShowsMakesOutputAndQuietDoesNot() throws IOException {
        CliRun quiet = build();
        assertThat(quiet.err()).doesNotContain("  CC      apphello: main.o");

        mainC("int main(void) { return 2; }\n");
        CliRun verbose = build("-v");
        assertThat(verbose.exitCode()).as(verbose.toString()).isZero();
        assertThat(verbose.err()).contains("  LD      hello_qemu-x86_64.dbg");
    }

    @Test
    void twoBuildsStartedAtOnceBuildOnce() throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            java.util.concurrent.Future<CliRun> a = pool.submit(() -> build());
            java.util.concurrent.Future<CliRun> b = pool.submit(() -> build());
            List<CliRun> runs = List.of(a.get(), b.get());

            assertThat(runs).allSatisfy(r -> assertThat(r.exitCode()).as(r.toString()).isZero());
            assertThat(runs).filteredOn(r -> r.err().contains("Configuring")).hasSize(1);
            assertThat(runs).filteredOn(r -> r.err().contains("is up to date")).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void helpAndVersionWork() {
        CliRun help = CliRun.of("build", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("--unikraft-source").contains("Exit codes:").contains("uknative build examples/helloworld-c");

        CliRun version = CliRun.of("--version");
        assertThat(version.exitCode()).isZero();
        assertThat(version.out()).startsWith("uknative ");
    }

    @Test
    void aPrebuiltNativeArchiveGoesToTheFinalLinkAndItsChangesAreSeen() throws Exception {
        Path archive = prebuiltArchive(app.resolve("prebuilt"), "int foo_answer(void) { return 42; }\n");
        kraftfile(Files.readString(app.resolve("Kraftfile")) + "native:\n  legacy: {archive: prebuilt/libfoo.a}\n");

        CliRun first = build();

        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(app.resolve(".unikraft/build/uknative/lib/uknative_native/Makefile.uk")).content()
                .contains("UK_ALIBS-y += " + archive + "  # native.legacy");
        assertThat(build().err()).contains("is up to date");

        Files.setLastModifiedTime(archive, FileTime.from(Instant.now().plusSeconds(5)));
        assertThat(build().err()).doesNotContain("is up to date");
    }

    @Test
    void nativeSourcesThatAreMissingAndBadArchivesAreInvalidInput() throws IOException {
        kraftfile(Files.readString(app.resolve("Kraftfile")) + "native:\n  ziggy: {lang: zig, root: src/root.zig}\n");
        CliRun zig = build();
        assertThat(zig.exitCode()).isEqualTo(3);
        assertThat(zig.err()).contains("Kraftfile:").contains("native.ziggy: the folder " + app.resolve("ziggy") + " does not exist")
                .contains("hint: path: is relative to the Kraftfile's folder");

        kraftfile(Files.readString(app.resolve("Kraftfile")).replace("ziggy: {lang: zig, root: src/root.zig}", "old: {archive: libold.a}"));
        assertThat(build().err()).contains("native.old: " + app.resolve("libold.a") + " does not exist");

        Files.writeString(app.resolve("libold.a"), "not an archive");
        assertThat(build().err()).contains("is not an ar archive");
    }

    /** libfoo.a made with the real gcc and ar. */
    private static Path prebuiltArchive(Path directory, String source) throws Exception {
        Files.createDirectories(directory);
        Files.writeString(directory.resolve("foo.c"), source);
        run(directory, "gcc", "-c", "-fno-stack-protector", "-o", "foo.o", "foo.c");
        run(directory, "ar", "rcs", "libfoo.a", "foo.o");
        return directory.resolve("libfoo.a");
    }

    private static void run(Path directory, String... command) throws Exception {
        Process p = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(String.join(" ", command) + "\n" + output).isZero();
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

    private void kraftfile(String text) throws IOException {
        Files.writeString(app.resolve("Kraftfile"), text);
    }

    private void mainC(String text) throws IOException {
        Path main = app.resolve("main.c");
        Files.writeString(main, text);
        // Two writes within one timestamp tick would look unchanged to make.
        Files.setLastModifiedTime(main, FileTime.from(Instant.now().plusSeconds(Files.exists(app.resolve(".unikraft")) ? 2 : 0)));
    }
}
