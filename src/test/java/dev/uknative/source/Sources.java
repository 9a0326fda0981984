package dev.uknative.source;

import dev.uknative.core.Reporter;
import dev.uknative.project.Kraftfile;
import dev.uknative.project.KraftfileReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** A source resolver on a cache in a test folder, recording what it reports. */
final class Sources {

    final Path cacheRoot;
    final List<String> messages = new CopyOnWriteArrayList<>();
    final Reporter reporter = new Reporter() {
        @Override
        public void info(String message) {
            messages.add("info: " + message);
        }

        @Override
        public void warn(String message) {
            messages.add("warn: " + message);
        }

        @Override
        public void progress(String message) {
            messages.add("progress: " + message);
        }

        @Override
        public void detail(String line) {
        }
    };
    private final Optional<String> manifest;

    Sources(Path cacheRoot, Optional<String> manifest) {
        this.cacheRoot = cacheRoot;
        this.manifest = manifest;
    }

    SourceCache cache() {
        return new SourceCache(cacheRoot, reporter, Clock.systemUTC());
    }

    SourceResolver resolver() {
        SourceCache cache = cache();
        Downloader downloader = new Downloader(reporter);
        ManifestReader reader = new ManifestReader(downloader);
        return new SourceResolver(cache, new GitFetcher(cache, reporter), new TarballFetcher(cache, downloader, reporter),
                () -> manifest.map(m -> reader.read(m).then(reader.embedded())).orElseGet(reader::embedded), reporter, Clock.systemUTC(),
                cacheRoot.resolve("locks"));
    }

    LocalSourceResolver.Resolved resolve(Kraftfile kraftfile) {
        return resolver().resolve(kraftfile, Optional.empty(), Optional.empty(), SourceResolver.Mode.LOCKED);
    }

    LocalSourceResolver.Resolved update(Kraftfile kraftfile) {
        return resolver().resolve(kraftfile, Optional.empty(), Optional.empty(), SourceResolver.Mode.UPDATE);
    }

    static Kraftfile kraftfile(Path project, String text) throws IOException {
        Files.createDirectories(project);
        Files.writeString(project.resolve("Kraftfile"), text);
        return new KraftfileReader().read(project.resolve("Kraftfile"));
    }

    boolean said(String fragment) {
        return messages.stream().anyMatch(m -> m.contains(fragment));
    }
}
