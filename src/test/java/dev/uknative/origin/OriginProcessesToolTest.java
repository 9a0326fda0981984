package dev.uknative.origin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.uknative.core.ExitCode;
import dev.uknative.core.Reporter;
import dev.uknative.core.UknativeException;
import dev.uknative.source.Downloader;
import dev.uknative.source.LockFile;
import dev.uknative.testing.LoopbackServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Origins fetched by other processes, as in a build: uknative's fetch started by a real make as its
 * {@code $(WGET)}, and a fetch killed half-way. Starts make and JVMs.
 */
@Tag("tool")
class OriginProcessesToolTest {

    private static final byte[] ARCHIVE = OriginFetcherTest.content("fork-lwip stand-in ", 200_000);

    @TempDir
    Path temp;

    private LoopbackServer server;
    private Path cacheHome;

    @BeforeEach
    void start() throws IOException {
        server = new LoopbackServer();
        server.serve("/fork-lwip/archive/refs/heads/UNIKRAFT-2_1_x.zip", ARCHIVE);
        cacheHome = temp.resolve("cache");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** uknative's command line in a JVM of its own, with this test's class path and cache folder. */
    private List<String> uknative(String... arguments) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-Duknative.cache.dir=" + cacheHome,
                "-cp", TestClassPath.absolute(), "dev.uknative.cli.Main"));
        command.addAll(List.of(arguments));
        return command;
    }


    /**
     * A Makefile shaped as a Unikraft library's fetch is (our own, written from support/build/Makefile.rules'
     * description): {@code $(WGET)} expanded inside a {@code $(call …)} whose first argument is the library's name.
     */
    private Path makefile(String url, Optional<String> librarySha256) throws IOException {
        String text = ".DEFAULT_GOAL := all\n"
                + "uc = $(shell echo '$(1)' | tr a-z A-Z)\n"
                + librarySha256.map(s -> "LIBLWIP_ORIGIN_SHA256 = " + s + "\n").orElse("")
                + "define fetchas =\n"
                + "$(BUILD_DIR)/$(1)/$(3):\n"
                + "\tmkdir -p $(BUILD_DIR)/$(1) && $(WGET) -q --show-progress --progress=bar -O $(BUILD_DIR)/$(1)/$(3) $(2) || rm -f $(BUILD_DIR)/$(1)/$(3)\n"
                + "endef\n"
                + "$(eval $(call fetchas,liblwip," + url + ",UNIKRAFT-2_1_x.zip))\n"
                + "all: $(BUILD_DIR)/liblwip/UNIKRAFT-2_1_x.zip\n"
                + "\ttest -f $<\n";
        return Files.writeString(temp.resolve("Makefile"), text);
    }

    private Process make(Path makefile, Path build, Path lock, Path report) throws IOException {
        MakeFetch fetch = new MakeFetch(uknative("origins", "wget"));
        List<String> command = new ArrayList<>(List.of("make", "-s", "-f", makefile.toString(), "BUILD_DIR=" + build));
        fetch.makeVariables().forEach((k, v) -> command.add(k + "=" + v));
        ProcessBuilder pb = new ProcessBuilder(command).directory(temp.toFile()).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.remove(MakeFetch.OFFLINE_VARIABLE);
        env.putAll(MakeFetch.environment(lock, report, false));
        return pb.start();
    }

    private static String finish(Process p) throws Exception {
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return output;
    }

    @Test
    void makesWgetIsServedFromTheCacheRecordedInTheLockAndNotDownloadedAgainAfterAProperClean() throws Exception {
        String url = server.url("/fork-lwip/archive/refs/heads/UNIKRAFT-2_1_x.zip");
        Path makefile = makefile(url, Optional.of(OriginFetcherTest.sha256(ARCHIVE)));
        Path build = temp.resolve("build");
        Path lock = temp.resolve("uknative.lock");
        Path report = temp.resolve("report");

        Process first = make(makefile, build, lock, report);
        String output = finish(first);
        assertThat(first.exitValue()).as(output).isZero();
        assertThat(Files.readAllBytes(build.resolve("liblwip/UNIKRAFT-2_1_x.zip"))).isEqualTo(ARCHIVE);
        assertThat(LockFile.read(lock, Reporter.SILENT).origins()).containsEntry(url, OriginFetcherTest.sha256(ARCHIVE));

        // clean --proper removes the build folder: the next make gets the file from the cache.
        dev.uknative.core.FileTrees.delete(build);
        Process second = make(makefile, build, lock, report);
        output = finish(second);
        assertThat(second.exitValue()).as(output).isZero();
        assertThat(build.resolve("liblwip/UNIKRAFT-2_1_x.zip")).exists();
        assertThat(server.requests("/fork-lwip/archive/refs/heads/UNIKRAFT-2_1_x.zip")).isEqualTo(1);
        assertThat(report).doesNotExist();
    }

    @Test
    void aLibraryChecksumMakePassesThroughWgetRefusesTheBytesAndTellsTheBuildWhy() throws Exception {
        String url = server.url("/fork-lwip/archive/refs/heads/UNIKRAFT-2_1_x.zip");
        String expected = "8f0ae46e2702720ce852b00de5d304adb2809b0203741f299876594bb8be7890";
        Path build = temp.resolve("build");
        Path report = temp.resolve("report");

        Process make = make(makefile(url, Optional.of(expected)), build, temp.resolve("uknative.lock"), report);
        String output = finish(make);

        assertThat(make.exitValue()).as(output).isNotZero();
        assertThat(build.resolve("liblwip/UNIKRAFT-2_1_x.zip")).doesNotExist();
        UknativeException reported = OriginFailure.read(report).orElseThrow();
        assertThat(reported.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(reported.getMessage()).contains("LIBLWIP_ORIGIN_SHA256").contains(expected).contains(OriginFetcherTest.sha256(ARCHIVE));
        assertThat(new OriginCache(cacheHome.resolve("origins")).find(url)).isEmpty();
    }

    @Test
    void aFetchKilledHalfWayLeavesNothingCorruptAndTheNextFetchSucceeds() throws Exception {
        server.behave("/fork-lwip/archive/refs/heads/UNIKRAFT-2_1_x.zip", LoopbackServer.Behaviour.STALL_HALF_WAY);
        String url = server.url("/fork-lwip/archive/refs/heads/UNIKRAFT-2_1_x.zip");
        Process fetch = new ProcessBuilder(uknative("origins", "fetch", url)).redirectErrorStream(true)
                .redirectOutput(temp.resolve("fetch.log").toFile()).start();
        try {
            assertThat(server.awaitHalfSent(60_000)).as("the fetch started downloading").isTrue();
            Thread.sleep(200);
        } finally {
            fetch.destroyForcibly();
            fetch.waitFor(30, TimeUnit.SECONDS);
        }
        OriginCache cache = new OriginCache(cacheHome.resolve("origins"));
        assertThat(cache.find(url)).isEmpty();
        assertThat(cache.list()).isEmpty();
        try (var blobs = Files.list(Files.createDirectories(cache.root().resolve("sha256")))) {
            assertThat(blobs.toList()).isEmpty();
        }

        server.behave("/fork-lwip/archive/refs/heads/UNIKRAFT-2_1_x.zip", LoopbackServer.Behaviour.NORMAL);
        OriginFetcher fetcher = new OriginFetcher(cache, new Downloader(Reporter.SILENT), Mirrors.NONE, false, Reporter.SILENT);
        assertThat(fetcher.obtain(new OriginFetcher.Request(url, Optional.empty(), Optional.empty(), "")).entry().sha256())
                .isEqualTo(OriginFetcherTest.sha256(ARCHIVE));
        cache.prune(Optional.of(java.time.Instant.EPOCH));
        assertThat(OriginFetcherTest.leftovers(cache.root())).as("the killed fetch's partial file is pruned").isEmpty();
        assertThat(cache.find(url)).isPresent();
    }
}
