package dev.uknative.build;

import java.io.OutputStream;
import java.util.function.Consumer;

/** Runs Unikraft's make; {@link MakeDriver} on the host, a stand-in in tests of the build's decisions. */
public interface Make {

    /** The compile cache make compiles through, if any. */
    default java.util.Optional<CompileCache> compileCache() {
        return java.util.Optional.empty();
    }

    /** The same make without the compile cache ({@code --no-compile-cache}). */
    default Make withoutCompileCache() {
        return this;
    }

    /**
     * Runs make to its end.
     *
     * @param what    what the user is told this run does ("building hello_qemu-x86_64")
     * @param log     receives every byte make prints; not closed
     * @param started told make's process as soon as it runs
     */
    MakeDriver.Outcome run(MakeInvocation invocation, String what, OutputStream log, Consumer<ProcessHandle> started);
}
