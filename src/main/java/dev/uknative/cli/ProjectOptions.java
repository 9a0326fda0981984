package dev.uknative.cli;

import dev.uknative.app.ProjectRequest;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Where the Unikraft tree comes from, for commands that run make. */
public final class ProjectOptions {

    @Option(names = "--unikraft-source", paramLabel = "PATH",
            description = "The Unikraft tree to build with, overriding the Kraftfile (default: $UKNATIVE_UNIKRAFT_SOURCE, then the Kraftfile's unikraft: spec).")
    Path unikraftSource;

    @Mixin
    ManifestOption manifest;

    /** The project in {@code directory} with these flags and the target flags. */
    ProjectRequest request(Path directory, TargetOptions targets) {
        return new ProjectRequest(directory, targets.query(), Optional.ofNullable(unikraftSource), manifest.value());
    }
}
