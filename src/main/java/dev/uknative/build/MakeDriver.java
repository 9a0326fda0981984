package dev.uknative.build;

import dev.uknative.core.Reporter;
import dev.uknative.core.UknativeException;
import dev.uknative.origin.MakeFetch;
import dev.uknative.origin.OriginFailure;
import dev.uknative.process.LineSink;
import dev.uknative.source.LockFile;
import dev.uknative.process.LogSink;
import dev.uknative.process.OutputSink;
import dev.uknative.process.ProcessResult;
import dev.uknative.process.ProcessRunner;
import dev.uknative.process.ProcessSpec;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Runs make for Unikraft: output merged in its true order, written whole to the build log, followed
 * for progress, and searched for the first error.
 */
public final class MakeDriver implements Make {

    /** Diagnostics in English whatever the user's locale, so that they can be recognised. */
    private static final Map<String, String> ENVIRONMENT = Map.of("LC_ALL", "C");

    private final ProcessRunner runner;
    private final Path make;
    private final Reporter reporter;
    private final Optional<CompileCache> cache;
    private final java.util.function.Supplier<Optional<MakeFetch>> fetchCommand;
    private Optional<MakeFetch> fetch;
    private final boolean offline;

    /** @param cache compile through ccache with this cache (see {@link CompileCache}) */
    public MakeDriver(ProcessRunner runner, Path make, Reporter reporter, Optional<CompileCache> cache) {
        this(runner, make, reporter, cache, Optional::empty, false);
    }

    /**
     * @param fetch   the archives make downloads go through uknative's origin cache (make's {@code $(WGET)}); asked
     *                only when make runs, so that a no-op build pays nothing for it
     * @param offline the fetches use the cache only
     */
    public MakeDriver(ProcessRunner runner, Path make, Reporter reporter, Optional<CompileCache> cache,
            java.util.function.Supplier<Optional<MakeFetch>> fetch, boolean offline) {
        this.runner = runner;
        this.make = make;
        this.reporter = reporter;
        this.cache = cache;
        this.fetchCommand = fetch;
        this.offline = offline;
    }

    /**
     * How one make run ended, and what its output said.
     *
     * @param cacheStatistics what the compile cache gave, when make compiled through it
     */
    public record Outcome(ProcessResult result, MakeOutputParser output, Optional<CompileCache.Statistics> cacheStatistics) {
        public Outcome(ProcessResult result, MakeOutputParser output) {
            this(result, output, Optional.empty());
        }
    }

    private synchronized Optional<MakeFetch> fetch() {
        if (fetch == null) {
            fetch = fetchCommand.get().filter(f -> {
                if (!f.usable()) {
                    reporter.warn("uknative's path holds a '$' or a line break, which make cannot pass on: libraries download"
                            + " with wget, outside the origin cache");
                }
                return f.usable();
            });
        }
        return fetch;
    }

    @Override
    public Optional<CompileCache> compileCache() {
        return cache;
    }

    @Override
    public MakeDriver withoutCompileCache() {
        return new MakeDriver(runner, make, reporter, Optional.empty(), fetchCommand, offline);
    }

    /**
     * Runs make to its end.
     *
     * @param what  what the user is told this run does ("building hello_qemu-x86_64")
     * @param log   receives every byte make prints; not closed
     */
    public Outcome run(MakeInvocation invocation, String what, OutputStream log) {
        return run(invocation, what, log, started -> {
        });
    }

    @Override
    public Outcome run(MakeInvocation invocation, String what, OutputStream log, java.util.function.Consumer<ProcessHandle> started) {
        MakeOutputParser parser = new MakeOutputParser();
        LogSink toLog = new LogSink(log);
        OutputSink follow = new LineSink(line -> {
            reporter.detail(line);
            if (parser.accept(line)) {
                String count = parser.compiled() == 0 ? "" : parser.compiled() + (parser.compiled() == 1 ? " object" : " objects") + " compiled · ";
                reporter.progress(what + ": " + count + parser.currentStep());
            }
        });
        Map<String, String> environment = new HashMap<>(ENVIRONMENT);
        MakeInvocation call = invocation;
        Path statsLog = invocation.buildDirectory().resolve("uknative").resolve("ccache-stats.log");
        if (cache.isPresent()) {
            Map<String, String> variables = new HashMap<>(invocation.variables());
            variables.putAll(cache.get().makeVariables());
            call = invocation.withGoals(invocation.goals(), variables);
            environment.putAll(cache.get().environment(invocation.buildDirectory(), statsLog));
            try {
                Files.createDirectories(statsLog.getParent());
                Files.deleteIfExists(statsLog);
                Files.createDirectories(cache.get().directory());
            } catch (IOException e) {
                throw UknativeException.environment("cannot prepare the compile cache: " + e.getMessage(),
                        "check the permissions of " + cache.get().directory() + " and " + statsLog.getParent()
                                + ", or build with --no-compile-cache");
            }
        }
        Path originReport = invocation.buildDirectory().resolve("uknative").resolve("origin-failure");
        Optional<MakeFetch> fetch = fetch();
        if (fetch.isPresent()) {
            Map<String, String> variables = new HashMap<>(call.variables());
            variables.putAll(fetch.get().makeVariables());
            call = call.withGoals(call.goals(), variables);
            // A = the project folder, where uknative.lock sits beside the Kraftfile.
            environment.putAll(MakeFetch.environment(invocation.application().resolve(LockFile.NAME), originReport, offline));
            try {
                Files.deleteIfExists(originReport);
            } catch (IOException e) {
                throw UknativeException.environment("cannot remove " + originReport + ": " + e.getMessage(),
                        "check the permissions of the build folder");
            }
        }
        ProcessSpec spec = ProcessSpec.of(call.arguments(make), invocation.unikraft())
                .withEnvironment(environment)
                .withMergedStderr();
        reporter.progress(what);
        ProcessResult result = runner.run(spec, toLog.andThen(follow), OutputSink.DISCARD, started);
        if (toLog.failure().isPresent()) {
            throw UknativeException.environment("cannot write the build log: " + toLog.failure().get().getMessage(),
                    "check the free space and permissions of the build folder");
        }
        if (fetch.isPresent() && !result.succeeded()) {
            Optional<UknativeException> failed = OriginFailure.read(originReport);
            if (failed.isPresent()) {
                throw failed.get();
            }
        }
        Optional<CompileCache.Statistics> statistics = Optional.empty();
        if (cache.isPresent()) {
            try {
                statistics = Optional.of(CompileCache.Statistics.read(statsLog));
            } catch (IOException e) {
                reporter.warn("cannot read the compile cache's statistics " + statsLog + ": " + e.getMessage());
            }
        }
        return new Outcome(result, parser, statistics);
    }
}
