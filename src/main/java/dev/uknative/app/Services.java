package dev.uknative.app;

import dev.uknative.build.Builder;
import dev.uknative.build.CompileCache;
import dev.uknative.build.KconfigConfigurator;
import dev.uknative.build.MakeDriver;
import dev.uknative.core.Reporter;
import dev.uknative.foreign.Toolchains;
import dev.uknative.oci.ImageCache;
import dev.uknative.origin.MakeFetch;
import dev.uknative.origin.Mirrors;
import dev.uknative.origin.OriginCache;
import dev.uknative.origin.OriginFetcher;
import dev.uknative.oci.Registry;
import dev.uknative.process.ProcessRunner;
import dev.uknative.process.ToolLocator;
import dev.uknative.run.MachineStore;
import dev.uknative.source.Downloader;
import dev.uknative.source.GitFetcher;
import dev.uknative.source.ManifestIndex;
import dev.uknative.source.ManifestReader;
import dev.uknative.source.SourceCache;
import dev.uknative.source.SourceResolver;
import dev.uknative.source.TarballFetcher;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Wires the stages' services from the host's tools: one tool locator and one process runner for a
 * whole command, so that every use case of a command starts its processes through the same runner.
 */
public final class Services {

    private final ToolLocator tools = ToolLocator.fromEnvironment();
    private final ProcessRunner processes = new ProcessRunner();
    private final boolean offline;
    private final java.util.function.Supplier<List<String>> fetchCommand;

    /** Online unless {@code UKNATIVE_OFFLINE} says otherwise; make downloads with its own wget. */
    public Services() {
        this(false, List::of);
    }

    /**
     * @param offline      caches only ({@code --offline}); {@code UKNATIVE_OFFLINE} turns it on too
     * @param fetchCommand the command that runs {@code uknative origins wget} (make's {@code $(WGET)}),
     *                     empty to leave make's wget alone; asked only when make runs
     */
    public Services(boolean offline, java.util.function.Supplier<List<String>> fetchCommand) {
        this.offline = offline || MakeFetch.offline(System.getenv(MakeFetch.OFFLINE_VARIABLE));
        this.fetchCommand = fetchCommand;
    }

    /** Whether only the caches may be used. */
    public boolean offline() {
        return offline;
    }

    /** The origin cache, in {@link Paths#originCache()}. */
    public OriginCache originCache() {
        return new OriginCache(Paths.originCache());
    }

    /** Fetches origins into the origin cache, through the mirrors {@code UKNATIVE_MIRRORS} names. */
    public OriginFetcher origins(Reporter reporter) {
        return new OriginFetcher(originCache(), new Downloader(reporter, offline), Mirrors.parse(System.getenv(Mirrors.VARIABLE)), offline, reporter);
    }

    public ToolLocator tools() {
        return tools;
    }

    public ProcessRunner processes() {
        return processes;
    }

    /** The detached machines, in {@link Paths#machines()}. */
    public MachineStore machines() {
        return new MachineStore(Paths.machines());
    }

    public MakeDriver make(Reporter reporter) {
        return new MakeDriver(processes, tools.require("make", "make"), reporter, compileCache(), () -> {
            List<String> command = fetchCommand.get();
            return command.isEmpty() ? Optional.empty() : Optional.of(new MakeFetch(command));
        }, offline);
    }

    /** The compile cache shared by all projects, when ccache is installed. */
    public Optional<CompileCache> compileCache() {
        return tools.find("ccache").map(ccache -> CompileCache.in(ccache, Paths.cacheHome()));
    }

    public KconfigConfigurator configurator() {
        return KconfigConfigurator.forHost(processes, tools);
    }

    public Builder builder(Reporter reporter) {
        return new Builder(make(reporter), configurator(), Paths.cacheHome(), reporter,
                Toolchains.fromEnvironment(Paths.cacheHome()), processes);
    }

    /** The global source cache, in {@link Paths#sourceCache()}. */
    public SourceCache sourceCache(Reporter reporter) {
        return new SourceCache(Paths.sourceCache(), reporter, Clock.systemUTC());
    }

    /** Resolves and fetches sources; the manifest is read only when a spec needs it. */
    public SourceResolver sources(Reporter reporter, Optional<String> manifestOption) {
        SourceCache cache = sourceCache(reporter);
        Downloader downloader = new Downloader(reporter, offline);
        return new SourceResolver(cache, () -> new GitFetcher(cache, reporter, offline), new TarballFetcher(cache, downloader, reporter),
                () -> manifests(downloader, manifestOption), reporter, Clock.systemUTC(), originLocks());
    }

    /**
     * Where the lock of each project's {@code uknative.lock} is kept: the source resolver and make's
     * origin fetches ({@link Origins}) must name the same folder to exclude each other.
     */
    public Path originLocks() {
        return originCache().root().resolve("locks");
    }

    /** The OCI image cache, in {@link Paths#imageCache()}. */
    public ImageCache images() {
        return new ImageCache(Paths.imageCache());
    }

    /** Registries, with the credentials of {@link Paths#dockerConfig()}. */
    public Registry registry(Reporter reporter) {
        return new Registry(Paths.dockerConfig(), reporter);
    }

    public GitFetcher git(Reporter reporter) {
        return new GitFetcher(sourceCache(reporter), reporter, offline);
    }

    /** {@code --manifest}, else {@code UKNATIVE_MANIFEST}, searched before the embedded manifest. */
    public static ManifestIndex manifests(Downloader downloader, Optional<String> manifestOption) {
        ManifestReader reader = new ManifestReader(downloader);
        String location = manifestOption.orElse(System.getenv("UKNATIVE_MANIFEST"));
        if (location == null || location.isBlank()) {
            return reader.embedded();
        }
        return reader.read(location).then(reader.embedded());
    }
}
