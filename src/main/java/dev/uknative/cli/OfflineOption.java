package dev.uknative.cli;

import dev.uknative.app.Services;
import picocli.CommandLine.Option;

/**
 * {@code --offline}, for the commands that build: the source and origin caches only, nothing from the
 * network. These commands' services also route make's downloads through the origin cache.
 */
public final class OfflineOption {

    @Option(names = "--offline",
            description = "Use the caches only: no git fetch, no download (also UKNATIVE_OFFLINE=1). Anything missing is named"
                    + " with the command that gets it (uknative origins import URL FILE).")
    boolean offline;

    /** The services of a command that builds. */
    Services services() {
        return OriginFetchLaunch.services(offline);
    }
}
