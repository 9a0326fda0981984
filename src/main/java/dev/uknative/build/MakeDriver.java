package dev.uknative.build;

import dev.uknative.core.Reporter;
import dev.uknative.core.UknativeException;
import dev.uknative.process.LineSink;
import dev.uknative.process.LogSink;
import dev.uknative.process.OutputSink;
import dev.uknative.process.ProcessResult;
import dev.uknative.process.ProcessRunner;
import dev.uknative.process.ProcessSpec;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Map;

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

    public MakeDriver(ProcessRunner runner, Path make, Reporter reporter) {
        this.runner = runner;
        this.make = make;
        this.reporter = reporter;
    }

    /** How one make run ended, and what its output said. */
    public record Outcome(ProcessResult result, MakeOutputParser output) {
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
        ProcessSpec spec = ProcessSpec.of(invocation.arguments(make), invocation.unikraft())
                .withEnvironment(ENVIRONMENT)
                .withMergedStderr();
        reporter.progress(what);
        ProcessResult result = runner.run(spec, toLog.andThen(follow), OutputSink.DISCARD, started);
        if (toLog.failure().isPresent()) {
            throw UknativeException.environment("cannot write the build log: " + toLog.failure().get().getMessage(),
                    "check the free space and permissions of the build folder");
        }
        return new Outcome(result, parser);
    }
}
