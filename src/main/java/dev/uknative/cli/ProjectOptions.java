package dev.uknative.cli;

import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Where the Unikraft tree comes from, for commands that run make. */
public final class ProjectOptions {

    @Option(names = "--unikraft-source", paramLabel = "PATH",
            description = "The Unikraft tree to build with, overriding the Kraftfile (default: $UKNATIVE_UNIKRAFT_SOURCE, then the Kraftfile's unikraft: spec).")
    Path unikraftSource;

    @Mixin
    ManifestOption manifest;
}
