package dev.uknative.cli;

import dev.uknative.app.ConfigQueries;
import dev.uknative.app.ProjectRequest;
import dev.uknative.app.Services;
import dev.uknative.core.Reporter;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Options every config subcommand and the menu share: the project and its target. */
public final class KconfigProjectOptions {

    @Option(names = {"-P", "--project"}, paramLabel = "DIR", defaultValue = ".", description = ProjectFolderParameter.DESCRIPTION)
    Path directory;

    @Mixin
    ProjectOptions sources;

    ProjectRequest request() {
        return sources.request(directory);
    }

    /** The read-only queries, reporting on {@code reporter} and asking on {@code err}. */
    ConfigQueries queries(Reporter reporter, PrintWriter err) {
        return new ConfigQueries(new Services(), reporter, new TerminalTargetQuestion(err));
    }
}
