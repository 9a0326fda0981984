package dev.uknative.foreign;

import dev.uknative.process.OutputSink;
import dev.uknative.process.ProcessResult;
import dev.uknative.process.ProcessRunner;
import dev.uknative.process.ProcessSpec;

/** Runs a toolchain command, its stdout and stderr merged into one sink; a seam for tests. */
@FunctionalInterface
public interface ToolRunner {

    ProcessResult run(ProcessSpec spec, OutputSink output);

    /** Real processes, through uknative's one process runner. */
    static ToolRunner of(ProcessRunner runner) {
        return (spec, output) -> runner.run(spec.withMergedStderr(), output, OutputSink.DISCARD);
    }
}
