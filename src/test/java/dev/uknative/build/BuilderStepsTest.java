package dev.uknative.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.uknative.core.Reporter;
import dev.uknative.core.UknativeException;
import dev.uknative.foreign.ForeignArchive;
import dev.uknative.kconfig.ConfigFragment;
import dev.uknative.process.ProcessResult;
import dev.uknative.project.Kraftfile;
import dev.uknative.project.KraftfileReader;
import dev.uknative.project.ProjectLayout;
import dev.uknative.source.LocalSourceResolver;
import dev.uknative.source.UnikraftTree;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The build's decisions without make, gcc or git: a stand-in make that writes an image, and the
 * stand-in Unikraft's Config.uk (src/test/resources/fake-unikraft) for uknative's own Kconfig engine.
 */
class BuilderStepsTest {

    @TempDir
    Path work;

    Path app;
    Path cache;

    Path fakeUnikraft;
    FakeMake make;
    List<String> said;

    @BeforeEach
    void project() throws IOException, URISyntaxException {
        app = Files.createDirectories(work.resolve("app"));
        cache = Files.createDirectories(work.resolve("cache"));
        fakeUnikraft = Path.of(BuilderStepsTest.class.getResource("/fake-unikraft/Makefile").toURI()).getParent();
        kraftfile("CONFIG_LIBUKDEBUG: y");
        Files.writeString(app.resolve("Makefile.uk"), "$(eval $(call addlib,apphello))\n");
        Files.writeString(app.resolve("main.c"), "int main(void) { return 0; }\n");
        make = new FakeMake();
        said = new ArrayList<>();
    }

    @Test
    void aSecondBuildWithNothingChangedRunsNoMakeAndDoesNotConfigure() {
        BuildResult first = build(false);
        BuildResult second = build(false);

        assertThat(first.configured()).isTrue();
        assertThat(first.upToDate()).isFalse();
        assertThat(second.upToDate()).isTrue();
        assertThat(second.configured()).isFalse();
        assertThat(make.runs).isEqualTo(1);
        assertThat(said).filteredOn(s -> s.startsWith("Configuring")).hasSize(1);
    }

    @Test
    void withoutCcacheTheBuildSaysSoOnceAndTurningTheCacheOffDoesNotMakeABuildStale() {
        BuildResult first = build(false);
        BuildResult without = builder().build(request(false).withCompileCache(false));

        assertThat(said).filteredOn(s -> s.contains("ccache not found")).hasSize(1);
        assertThat(first.cache()).isEmpty();
        // The compile cache changes how objects are made, not what: the fingerprint leaves it out.
        assertThat(without.upToDate()).isTrue();
        assertThat(make.runs).isEqualTo(1);
    }

    @Test
    void anEditedSourceRunsMakeWithoutConfiguringAndAChangedKconfigConfigures() throws IOException {
        build(false);
        Files.writeString(app.resolve("main.c"), "int main(void) { return 1; }\n");

        BuildResult edited = build(false);

        assertThat(edited.upToDate()).isFalse();
        assertThat(edited.configured()).isFalse();
        assertThat(make.runs).isEqualTo(2);

        kraftfile("CONFIG_LIBUKDEBUG: n");
        BuildResult reconfigured = build(false);

        assertThat(reconfigured.configured()).isTrue();
        assertThat(app.resolve(".config.hello_qemu-x86_64")).content().contains("# CONFIG_LIBUKDEBUG is not set");
        assertThat(make.runs).isEqualTo(3);
    }

    @Test
    void forceRunsMakeEvenWhenNothingChanged() {
        build(false);

        BuildResult forced = build(true);

        assertThat(forced.upToDate()).isFalse();
        assertThat(make.runs).isEqualTo(2);
    }

    @Test
    void whatMakeCleanRemovesOfTheConfigurationIsWrittenAgain() throws IOException {
        build(false);
        // Unikraft's make clean removes $(O)/config, make's copy of the .config.
        Files.delete(app.resolve(".unikraft/build/config"));

        BuildResult next = build(false);

        assertThat(next.configured()).isTrue();
        Path build = app.resolve(".unikraft/build");
        assertThat(build.resolve("config")).hasSameTextualContentAs(app.resolve(".config.hello_qemu-x86_64"));
        assertThat(Files.getLastModifiedTime(build.resolve("include/uk/bits/config.h")))
                .isGreaterThanOrEqualTo(Files.getLastModifiedTime(build.resolve("config")));
    }

    @Test
    void aConfigHeaderOlderThanMakesCopyOfTheConfigReconfigures() throws IOException {
        build(false);
        Path build = app.resolve(".unikraft/build");
        Files.setLastModifiedTime(build.resolve("include/uk/bits/config.h"), FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));

        assertThat(build(false).configured()).isTrue();
    }

    @Test
    void aMakeThatDidNotEndLeavesAMarkerAndTheNextBuildRelinksEvenWithAMatchingStamp() throws IOException {
        build(false);
        Path build = app.resolve(".unikraft/build");
        Path stamp = build.resolve("uknative/hello_qemu-x86_64.stamp");
        String goodStamp = Files.readString(stamp);

        make.killedAfterWriting = true;
        Files.writeString(app.resolve("main.c"), "int main(void) { return 1; }\n");
        assertThatThrownBy(() -> build(false)).isInstanceOf(UknativeException.class);
        Path marker = build.resolve("uknative/hello_qemu-x86_64.building");
        assertThat(marker).exists();
        assertThat(build.resolve("hello_qemu-x86_64.dbg")).isEmptyFile();
        // Even a stamp that matches what the killed make left must not make it "up to date".
        Files.writeString(stamp, goodStamp);
        // The configuration writes $(O)/config and config.h just before the marker, maybe within one clock tick.
        Files.setLastModifiedTime(build.resolve("config"), Files.getLastModifiedTime(marker));
        Files.setLastModifiedTime(build.resolve("include/uk/bits/config.h"), Files.getLastModifiedTime(marker));

        make.killedAfterWriting = false;
        make.imagesSeen.clear();
        BuildResult next = build(false);

        assertThat(next.upToDate()).isFalse();
        assertThat(next.configured()).as("configured again (config.h rewritten: everything recompiled)").isFalse();
        assertThat(make.imagesSeen).as("what make found when it started")
                .containsExactly("no image, no .dbg, no libapphello.o, apphello/main.o");
        assertThat(marker).doesNotExist();
        assertThat(said).anyMatch(s -> s.startsWith("The last build of hello_qemu-x86_64 did not finish"));
        assertThat(build(false).upToDate()).isTrue();
    }

    @Test
    void aFailedMakeLeavesNoStampAndOnlyWhatItWroteIsRedone() throws IOException {
        build(false);
        Path build = app.resolve(".unikraft/build");
        FileTime earlier = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));
        Files.writeString(build.resolve("libother.o"), "written by an earlier, successful make");
        Files.setLastModifiedTime(build.resolve("libother.o"), earlier);
        make.exitCode = 2;
        Files.writeString(app.resolve("main.c"), "int main(void) { return 1; }\n");

        assertThatThrownBy(() -> build(false)).isInstanceOf(UknativeException.class).hasMessageContaining("make failed (exit 2)");

        assertThat(build.resolve("uknative/hello_qemu-x86_64.stamp")).doesNotExist();
        assertThat(build.resolve("uknative/hello_qemu-x86_64.building")).exists();
        make.exitCode = 0;
        make.imagesSeen.clear();
        assertThat(build(false).upToDate()).isFalse();
        assertThat(make.imagesSeen).containsExactly("no image, no .dbg, no libapphello.o, apphello/main.o");
        assertThat(build.resolve("libother.o")).as("older than the failed make: kept").exists();
        assertThat(build.resolve("uknative/hello_qemu-x86_64.building")).doesNotExist();
    }

    @Test
    void theConfigurationInputsWriteNothingIntoTheProject() throws IOException {
        List<Path> before = tree(app);

        MakeInvocation inputs = builder().configurationInputs(request(false));

        assertThat(tree(app)).isEqualTo(before);
        assertThat(inputs.libraries()).singleElement().satisfies(library -> {
            assertThat(library).startsWith(cache);
            assertThat(library.resolve("Config.uk")).content().contains("config LIBUKNATIVE_EXITSTATUS");
        });
        // And the build names the same library, so what config get reads is what the build configures.
        build(false);
        assertThat(make.invocations.get(0).libraries()).isEqualTo(inputs.libraries());
    }

    @Test
    void stubsAreRewrittenOnlyWhenTheyChange() throws IOException {
        Path library = app.resolve(".unikraft/build/uknative/lib/uknative_native");
        ForeignLinkLibrary.writeTo(library, List.of(new ForeignArchive("x", app.resolve("libx.a"))));
        ForeignLinkLibrary.writeStubs(library, "int a;\n");
        FileTime old = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));
        Files.setLastModifiedTime(library.resolve("stubs.c"), old);

        ForeignLinkLibrary.writeStubs(library, "int a;\n");
        assertThat(Files.getLastModifiedTime(library.resolve("stubs.c"))).isEqualTo(old);

        ForeignLinkLibrary.writeStubs(library, "int b;\n");
        assertThat(Files.getLastModifiedTime(library.resolve("stubs.c"))).isNotEqualTo(old);
    }

    @Test
    void theConfigurationRecordNamesTheLibrariesSoAnotherLibraryReconfigures() {
        MakeInvocation one = new MakeInvocation(fakeUnikraft, app, List.of(Path.of("/a")), app.resolve("b"), app.resolve("c"), "n", 1,
                java.util.Map.of(), List.of());
        MakeInvocation two = new MakeInvocation(fakeUnikraft, app, List.of(Path.of("/a"), Path.of("/b")), app.resolve("b"), app.resolve("c"), "n", 1,
                java.util.Map.of(), List.of());
        ConfigFragment fragment = ConfigFragment.merge(List.of());

        assertThat(ConfigureStep.record(fragment, one)).isNotEqualTo(ConfigureStep.record(fragment, two));
    }

    private BuildResult build(boolean force) {
        return builder().build(request(force));
    }

    private Builder builder() {
        Reporter reporter = new RecordingReporter(said);
        KconfigConfigurator configurator = new KconfigConfigurator(new HostFacts());
        return new Builder(make, configurator, new SymbolDoctor(null, configurator), cache, reporter, (kraftfile, folder, architecture) -> List.of());
    }

    private BuildRequest request(boolean force) {
        Kraftfile kraftfile = new KraftfileReader().read(app.resolve("Kraftfile"));
        LocalSourceResolver.Resolved sources = new LocalSourceResolver.Resolved(UnikraftTree.open(fakeUnikraft, "test"), List.of(), List.of());
        return new BuildRequest(kraftfile, kraftfile.targets().get(0), sources, 1, force);
    }

    private void kraftfile(String kconfig) throws IOException {
        Files.writeString(app.resolve("Kraftfile"), """
                spec: v0.6
                name: hello
                unikraft:
                  version: 0.17.0
                  kconfig:
                    %s
                targets:
                  - qemu/x86_64
                """.formatted(kconfig));
    }

    private static List<Path> tree(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.sorted().toList();
        }
    }

    /** Answers what git and gcc would, without running them. */
    private static final class HostFacts extends UnikraftFacts {
        HostFacts() {
            super(null, null);
        }

        @Override
        String gitSha1(Path tree) {
            return "";
        }

        @Override
        String compilerDescription() {
            return "Target: x86_64-linux-gnu";
        }
    }

    /**
     * Writes what Unikraft's make would: the library objects and the image. When "killed", it writes
     * the .dbg's first byte-less version (as ld creates its output first) and ends by a signal.
     */
    private final class FakeMake implements Make {
        int runs;
        int exitCode;
        boolean killedAfterWriting;
        final List<MakeInvocation> invocations = new ArrayList<>();
        final List<String> imagesSeen = new ArrayList<>();

        @Override
        public MakeDriver.Outcome run(MakeInvocation invocation, String what, OutputStream log, Consumer<ProcessHandle> started) {
            runs++;
            invocations.add(invocation);
            Path build = invocation.buildDirectory();
            Path image = build.resolve(invocation.name() + "_qemu-x86_64");
            imagesSeen.add((Files.exists(image) ? "image" : "no image") + ", " + (Files.exists(Path.of(image + ".dbg")) ? ".dbg" : "no .dbg")
                    + ", " + (Files.exists(build.resolve("libapphello.o")) ? "libapphello.o" : "no libapphello.o")
                    + ", " + (Files.exists(build.resolve("apphello/main.o")) ? "apphello/main.o" : "no apphello/main.o"));
            try {
                log.write(("building " + invocation.name() + "\n").getBytes(StandardCharsets.UTF_8));
                // Objects in library folders: whole even when make is killed, so the next build keeps them.
                Files.createDirectories(build.resolve("apphello"));
                Files.writeString(build.resolve("apphello/main.o"), "object");
                Files.writeString(build.resolve("libapphello.o"), "library object");
                if (killedAfterWriting) {
                    Files.write(Path.of(image + ".dbg"), new byte[0]);
                    return new MakeDriver.Outcome(new ProcessResult(141, false, Duration.ZERO), new MakeOutputParser());
                }
                Files.writeString(Path.of(image + ".dbg"), "debug image");
                Files.writeString(image, "image");
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return new MakeDriver.Outcome(new ProcessResult(exitCode, false, Duration.ZERO), new MakeOutputParser());
        }
    }
}
