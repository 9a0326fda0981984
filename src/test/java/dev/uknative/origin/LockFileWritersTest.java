package dev.uknative.origin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.uknative.core.Reporter;
import dev.uknative.core.Sha256;
import dev.uknative.project.Kraftfile;
import dev.uknative.project.KraftfileReader;
import dev.uknative.source.Downloader;
import dev.uknative.source.GitFetcher;
import dev.uknative.source.LockFile;
import dev.uknative.source.ManifestReader;
import dev.uknative.source.SourceCache;
import dev.uknative.source.SourceResolver;
import dev.uknative.source.TarballFetcher;
import dev.uknative.testing.GitRepos;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two writers of {@code uknative.lock}, the source resolver and make's origin fetches
 * ({@link OriginRecords}), with real sources (folders, and a git repository made here with JGit):
 * an origin recorded while a resolve fetches survives the resolve's write, and origins recorded by
 * many threads while resolves run are all there at the end.
 */
class LockFileWritersTest {

    @TempDir
    Path temp;

    private Path tree() throws IOException {
        Path tree = temp.resolve("unikraft");
        for (Map.Entry<String, String> f : GitRepos.fakeUnikraft(17, "seventeen").entrySet()) {
            Files.createDirectories(tree.resolve(f.getKey()).getParent());
            Files.writeString(tree.resolve(f.getKey()), f.getValue());
        }
        return tree;
    }

    private Kraftfile kraftfile(String text) throws IOException {
        Path project = Files.createDirectories(temp.resolve("app"));
        Files.writeString(project.resolve("Kraftfile"), text);
        return new KraftfileReader().read(project.resolve("Kraftfile"));
    }

    private SourceResolver resolver(Supplier<GitFetcher> git) {
        SourceCache cache = new SourceCache(temp.resolve("cache"), Reporter.SILENT, Clock.systemUTC());
        Downloader downloader = new Downloader(Reporter.SILENT);
        return new SourceResolver(cache, git, new TarballFetcher(cache, downloader, Reporter.SILENT),
                () -> new ManifestReader(downloader).embedded(), Reporter.SILENT, Clock.systemUTC(), locks());
    }

    private Path locks() {
        return temp.resolve("origins/locks");
    }

    private static String url(int n) {
        return "https://example.org/archive-" + n + ".tar.gz";
    }

    @Test
    void anOriginRecordedWhileAResolveFetchesSurvivesTheResolvesWrite() throws IOException {
        Path tree = tree();
        try (GitRepos lib = GitRepos.init(temp.resolve("lib-extra"))) {
            lib.commit(Map.of("Makefile.uk", "# extra\n"), "first");
            lib.tag("v1");
            Kraftfile k = kraftfile("name: app\nunikraft: " + tree + "\nlibraries:\n  extra: " + lib.url() + "@v1\n");
            Path lockFile = LockFile.beside(k.file());
            OriginRecords records = new OriginRecords(lockFile, locks(), Reporter.SILENT);
            records.record(url(1), Sha256.hex(url(1)));
            SourceCache cache = new SourceCache(temp.resolve("cache"), Reporter.SILENT, Clock.systemUTC());
            // The git fetcher is made when the library's fetch starts: after the resolve read the
            // lock file, before it writes it, which is when a parallel build's make records an origin.
            AtomicBoolean recordedMeanwhile = new AtomicBoolean();
            SourceResolver resolver = resolver(() -> {
                records.record(url(2), Sha256.hex(url(2)));
                recordedMeanwhile.set(true);
                return new GitFetcher(cache, Reporter.SILENT);
            });

            resolver.resolve(k, Optional.empty(), Optional.empty(), SourceResolver.Mode.LOCKED);

            assertThat(recordedMeanwhile).isTrue();
            LockFile after = LockFile.read(lockFile, Reporter.SILENT);
            assertThat(after.origins()).containsOnlyKeys(url(1), url(2));
            assertThat(after.unikraft()).hasValueSatisfying(u -> assertThat(u.type()).isEqualTo("local"));
            assertThat(after.libraries()).containsOnlyKeys("extra");
            assertThat(after.libraries().get("extra").type()).isEqualTo("git");

            // Nothing new to record: the file is not written again (make and the fingerprint look at its time).
            String text = Files.readString(lockFile);
            FileTime old = FileTime.fromMillis(1_000_000_000_000L);
            Files.setLastModifiedTime(lockFile, old);
            resolver(() -> new GitFetcher(cache, Reporter.SILENT)).resolve(k, Optional.empty(), Optional.empty(), SourceResolver.Mode.LOCKED);
            assertThat(Files.readString(lockFile)).isEqualTo(text);
            assertThat(Files.getLastModifiedTime(lockFile)).isEqualTo(old);
        }
    }

    @Test
    void originsRecordedByManyThreadsWhileResolvesRunAreAllKept() throws Exception {
        Path tree = tree();
        Files.createDirectories(temp.resolve("lib-a"));
        Kraftfile k = kraftfile("name: app\nunikraft: " + tree + "\nlibraries:\n  a: " + temp.resolve("lib-a") + "\n");
        Path lockFile = LockFile.beside(k.file());
        int recorders = 6;
        int perRecorder = 15;
        int resolvers = 3;
        ExecutorService pool = Executors.newFixedThreadPool(recorders + resolvers);
        try {
            CountDownLatch start = new CountDownLatch(1);
            AtomicBoolean recording = new AtomicBoolean(true);
            AtomicInteger whileRecording = new AtomicInteger();
            List<Future<Integer>> resolves = new ArrayList<>();
            for (int r = 0; r < resolvers; r++) {
                resolves.add(pool.submit(() -> {
                    start.await();
                    int runs = 0;
                    // Each resolve its own resolver, as each build is its own JVM.
                    while (recording.get() || runs == 0) {
                        resolver(() -> {
                            throw new AssertionError("no git source here");
                        }).resolve(k, Optional.empty(), Optional.empty(), SourceResolver.Mode.LOCKED);
                        runs++;
                        if (recording.get()) {
                            whileRecording.incrementAndGet();
                        }
                    }
                    return runs;
                }));
            }
            List<Future<?>> records = new ArrayList<>();
            for (int t = 0; t < recorders; t++) {
                int first = t * perRecorder;
                records.add(pool.submit(() -> {
                    start.await();
                    OriginRecords mine = new OriginRecords(lockFile, locks(), Reporter.SILENT);
                    for (int n = first; n < first + perRecorder; n++) {
                        mine.record(url(n), Sha256.hex(url(n)));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : records) {
                f.get(60, TimeUnit.SECONDS);
            }
            recording.set(false);
            int runs = 0;
            for (Future<Integer> f : resolves) {
                runs += f.get(60, TimeUnit.SECONDS);
            }

            LockFile after = LockFile.read(lockFile, Reporter.SILENT);
            assertThat(whileRecording.get()).as("resolves that wrote while origins were being recorded (of %d)", runs).isPositive();
            assertThat(after.origins()).hasSize(recorders * perRecorder);
            for (int n = 0; n < recorders * perRecorder; n++) {
                assertThat(after.origins()).containsEntry(url(n), Sha256.hex(url(n)));
            }
            assertThat(after.libraries()).containsOnlyKeys("a");
            assertThat(after.unikraft()).isPresent();
            try (var left = Files.list(lockFile.getParent())) {
                assertThat(left.map(p -> p.getFileName().toString())).as("no temporary file left beside it")
                        .containsExactlyInAnyOrder("Kraftfile", LockFile.NAME);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aProjectReachedThroughASymbolicLinkTakesTheSameLock() throws IOException {
        Path real = Files.createDirectories(temp.resolve("real/app"));
        Path link = Files.createSymbolicLink(temp.resolve("link"), temp.resolve("real"));

        new OriginRecords(link.resolve("app/uknative.lock"), locks(), Reporter.SILENT).record(url(1), Sha256.hex(url(1)));
        LockFile after = LockFile.update(real.resolve("uknative.lock"), locks(), Reporter.SILENT, current -> current);

        assertThat(after.origins()).containsOnlyKeys(url(1));
        try (var held = Files.list(locks())) {
            assertThat(held.map(p -> p.getFileName().toString())).as("one lock for the two spellings of the file")
                    .singleElement().asString().matches("lockfile-[0-9a-f]{32}\\.lock");
        }
    }
}
