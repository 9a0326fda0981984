package dev.uknative.cli;

import dev.uknative.core.UknativeException;
import picocli.CommandLine.Option;

/** {@code -j/--jobs}, for the commands that run make (to build, or to index a Unikraft tree). */
public final class JobsOption {

    @Option(names = {"-j", "--jobs"}, paramLabel = "N", description = "Parallel make jobs (default: the number of CPUs).")
    Integer jobs;

    /** At least 1; the number of CPUs when not given. */
    int value() {
        if (jobs == null) {
            return Runtime.getRuntime().availableProcessors();
        }
        if (jobs < 1) {
            throw UknativeException.usage("--jobs must be at least 1, not " + jobs, null);
        }
        return jobs;
    }
}
