package dev.uknative.cli;

import dev.uknative.build.BuildRequest;
import picocli.CommandLine.Option;

/** What the link plan of {@code native:} libraries may do, and whether make compiles through the compile cache, for commands that build. */
public final class LinkOptionsMixin {

    @Option(names = "--no-auto-config",
            description = "Do not turn on the Unikraft libraries that provide what native libraries need (stub those symbols instead).")
    boolean noAutoConfig;

    @Option(names = "--no-stubs",
            description = "Do not stub symbols that nothing provides: the link fails on them (to see exactly what is missing).")
    boolean noStubs;

    @Option(names = "--no-compile-cache",
            description = "Compile without the compile cache that all projects share (ccache, in $XDG_CACHE_HOME/uknative/ccache).")
    boolean noCompileCache;

    boolean compileCache() {
        return !noCompileCache;
    }

    BuildRequest.LinkOptions options() {
        return new BuildRequest.LinkOptions(!noAutoConfig, !noStubs);
    }
}
