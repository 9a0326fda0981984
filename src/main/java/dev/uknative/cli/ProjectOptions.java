package dev.uknative.cli;

import dev.uknative.app.ProjectRequest;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * A project's target and where its Unikraft tree comes from: {@code -t/--target}, {@code --plat},
 * {@code --arch}, {@code --unikraft-source} and {@code --manifest}, for the commands that read a project.
 */
public final class ProjectOptions {

    @Mixin
    TargetOptions targets;

    @Option(names = "--unikraft-source", paramLabel = "PATH",
            description = "The Unikraft tree to build with, overriding the Kraftfile (default: $UKNATIVE_UNIKRAFT_SOURCE, then the Kraftfile's unikraft: spec).")
    Path unikraftSource;

    @Mixin
    ManifestOption manifest;

    /** The project in {@code directory} with these flags. */
    ProjectRequest request(Path directory) {
        return new ProjectRequest(directory, targets.query(), Optional.ofNullable(unikraftSource), manifest.value());
    }
}
