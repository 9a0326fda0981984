package dev.uknative.cli;

import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --manifest}, for the commands that resolve versions. */
public final class ManifestOption {

    @Option(names = "--manifest", paramLabel = "FILE|URL",
            description = "A manifest (kraftkit's format) searched before the embedded one (default: $UKNATIVE_MANIFEST).")
    String manifest;

    Optional<String> value() {
        return Optional.ofNullable(manifest);
    }
}
