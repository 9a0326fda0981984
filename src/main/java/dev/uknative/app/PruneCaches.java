package dev.uknative.app;

import dev.uknative.build.CompileCache;
import dev.uknative.core.Reporter;
import dev.uknative.origin.OriginCache;
import dev.uknative.source.SourceCache;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code uknative cache prune}: the source cache's trees, the origin cache's archives, and the compile cache's objects, all of them
 * or those unused for longer than a given time.
 */
public final class PruneCaches {

    private final Services services;
    private final Reporter reporter;

    public PruneCaches(Services services, Reporter reporter) {
        this.services = services;
        this.reporter = reporter;
    }

    /**
     * @param sources  what left the source cache, and its folder
     * @param compiled what left the compile cache; empty when ccache is not installed
     */
    public record Result(SourceCache.Pruned sources, java.nio.file.Path sourceCache, Optional<CompileCache.Pruned> compiled,
                         java.nio.file.Path compileCache, OriginCache.Pruned origins, java.nio.file.Path originCache) {
    }

    public Result prune(Optional<Duration> olderThan) {
        SourceCache cache = services.sourceCache(reporter);
        SourceCache.Pruned sources = cache.prune(olderThan);
        Optional<CompileCache> compile = services.compileCache();
        Optional<CompileCache.Pruned> compiled = compile.map(c -> c.prune(services.processes(), olderThan));
        OriginCache originCache = services.originCache();
        OriginCache.Pruned origins = originCache.prune(olderThan.map(age -> java.time.Instant.now().minus(age)));
        return new Result(sources, cache.root(), compiled, Paths.cacheHome().resolve(CompileCache.FOLDER), origins, originCache.root());
    }
}
