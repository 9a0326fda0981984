package dev.uknative.origin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.uknative.core.Reporter;
import dev.uknative.core.Sha256;
import dev.uknative.project.Kraftfile;
import dev.uknative.project.KraftfileReader;
import dev.uknative.source.Downloader;
import dev.uknative.source.LockFile;
import dev.uknative.source.ManifestReader;
import dev.uknative.source.SourceCache;
import dev.uknative.source.SourceResolver;
import dev.uknative.source.TarballFetcher;
import dev.uknative.testing.GitRepos;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The writers of {@code uknative.lock} in different processes, as two builds of one project are:
 * JVMs of their own record origins (as make's {@code $(WGET)} does) while this JVM resolves the
 * project's sources again and again. A file lock between processes is not the overlapping-lock
 * path that threads of one JVM take (see {@link LockFileWritersTest}). Starts JVMs.
 */
@Tag("tool")
class LockFileWritersToolTest {

    private static final int PER_PROCESS = 60;

    @TempDir
    Path temp;

    /** Records {@code count} origins from {@code first} on: {@code <lock file> <locks> <first> <count>}. */
    public static final class Recorder {
        public static void main(String[] args) {
            OriginRecords records = new OriginRecords(Path.of(args[0]), Path.of(args[1]), Reporter.SILENT);
            int first = Integer.parseInt(args[2]);
            for (int n = first; n < first + Integer.parseInt(args[3]); n++) {
                records.record(url(n), Sha256.hex(url(n)));
            }
        }
    }

    private static String url(int n) {
        return "https://example.org/archive-" + n + ".tar.gz";
    }

    @Test
    void originsRecordedByOtherProcessesWhileThisOneResolvesAreAllKept() throws Exception {
        Path tree = temp.resolve("unikraft");
        for (Map.Entry<String, String> f : GitRepos.fakeUnikraft(17, "seventeen").entrySet()) {
            Files.createDirectories(tree.resolve(f.getKey()).getParent());
            Files.writeString(tree.resolve(f.getKey()), f.getValue());
        }
        Path project = Files.createDirectories(temp.resolve("app"));
        Files.writeString(project.resolve("Kraftfile"), "name: app\nunikraft: " + tree + "\n");
        Kraftfile k = new KraftfileReader().read(project.resolve("Kraftfile"));
        Path lockFile = LockFile.beside(k.file());
        Path locks = temp.resolve("origins/locks");
        SourceCache cache = new SourceCache(temp.resolve("cache"), Reporter.SILENT, Clock.systemUTC());
        Downloader downloader = new Downloader(Reporter.SILENT);

        List<Process> recorders = new ArrayList<>();
        for (int p = 0; p < 2; p++) {
            recorders.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:TieredStopAtLevel=1", "-cp", TestClassPath.absolute(), Recorder.class.getName(),
                    lockFile.toString(), locks.toString(), String.valueOf(p * PER_PROCESS), String.valueOf(PER_PROCESS))
                    .redirectErrorStream(true).redirectOutput(temp.resolve("recorder-" + p + ".log").toFile()).start());
        }
        int whileRecording = 0;
        try {
            while (recorders.stream().anyMatch(Process::isAlive)) {
                new SourceResolver(cache, () -> {
                    throw new AssertionError("no git source here");
                }, new TarballFetcher(cache, downloader, Reporter.SILENT), () -> new ManifestReader(downloader).embedded(),
                        Reporter.SILENT, Clock.systemUTC(), locks)
                        .resolve(k, Optional.empty(), Optional.empty(), SourceResolver.Mode.LOCKED);
                if (!LockFile.read(lockFile, Reporter.SILENT).origins().isEmpty() && recorders.stream().anyMatch(Process::isAlive)) {
                    whileRecording++;
                }
            }
            for (int p = 0; p < recorders.size(); p++) {
                assertThat(recorders.get(p).waitFor(60, TimeUnit.SECONDS)).isTrue();
                assertThat(recorders.get(p).exitValue()).as(Files.readString(temp.resolve("recorder-" + p + ".log"))).isZero();
            }
        } finally {
            recorders.forEach(Process::destroyForcibly);
        }

        LockFile after = LockFile.read(lockFile, Reporter.SILENT);
        assertThat(after.unikraft()).isPresent();
        assertThat(after.origins()).hasSize(2 * PER_PROCESS);
        for (int n = 0; n < 2 * PER_PROCESS; n++) {
            assertThat(after.origins()).containsEntry(url(n), Sha256.hex(url(n)));
        }
        assertThat(whileRecording).as("resolves written while the other processes were recording").isPositive();
    }

}
