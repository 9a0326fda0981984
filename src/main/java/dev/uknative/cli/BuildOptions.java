package dev.uknative.cli;

import dev.uknative.app.ProjectRequest;
import dev.uknative.build.BuildRequest;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;

/**
 * The options of every command that builds a project (build, run, pkg, debug, and symbols, which runs
 * make to index): the project selection, the link options and {@code -j}.
 */
public final class BuildOptions {

    @Mixin
    ProjectOptions project;

    @Mixin
    LinkOptionsMixin link;

    @Mixin
    JobsOption jobs;

    /** The project in {@code directory} with the target and source flags. */
    ProjectRequest request(Path directory) {
        return project.request(directory);
    }

    /** {@code -j}, checked: at least 1, the number of CPUs when not given. */
    int jobs() {
        return jobs.value();
    }

    BuildRequest.LinkOptions linkOptions() {
        return link.options();
    }

    boolean compileCache() {
        return link.compileCache();
    }
}
