package dev.uknative.build;

import dev.uknative.core.UknativeException;
import dev.uknative.process.ToolLocator;
import dev.uknative.project.Architecture;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The C compiler Unikraft's make will use for a target: the host's {@code gcc} for the host's own
 * architecture, else a cross compiler by the prefix Unikraft's {@code arch/…/Compiler.uk} picks
 * ({@code aarch64-linux-gnu-} for arm64 on an x86_64 Linux host, {@code x86_64-linux-gnu-} the other
 * way round), or the one {@code CROSS_COMPILE} names (make reads it from the environment). Checked
 * before the build, so that a missing one is an environment error naming its Debian package instead
 * of make's "command not found" deep in the compile.
 *
 * @param prefix   the tool prefix, empty for the host's own tools
 * @param compiler the compiler's path; empty for the host's own gcc, which the build's other checks
 *                 (and make) report on
 */
public record CrossCompiler(String prefix, Optional<Path> compiler) {

    /**
     * Finds the compiler for {@code target} on {@code host}.
     *
     * @param crossCompile the {@code CROSS_COMPILE} environment variable, when set
     */
    public static CrossCompiler find(Architecture target, Architecture host, Optional<String> crossCompile, ToolLocator tools) {
        if (crossCompile.isPresent() && !crossCompile.get().isBlank()) {
            String prefix = crossCompile.get().strip();
            return tools.find(prefix + "gcc").map(gcc -> new CrossCompiler(prefix, Optional.of(gcc))).orElseThrow(() -> UknativeException.environment(
                    "CROSS_COMPILE=" + prefix + " names no compiler: " + prefix + "gcc was not found",
                    "fix CROSS_COMPILE (the prefix, e.g. aarch64-linux-gnu-), or unset it to use " + target.crossPrefix() + "gcc"));
        }
        if (target == host) {
            return new CrossCompiler("", tools.find("gcc"));
        }
        String prefix = target.crossPrefix();
        return tools.find(prefix + "gcc").map(gcc -> new CrossCompiler(prefix, Optional.of(gcc))).orElseThrow(() -> UknativeException.environment(
                "building for " + target.id() + " needs a cross compiler: " + prefix + "gcc was not found on PATH",
                "install it: sudo apt-get install " + debianPackage(target) + "  (or set CROSS_COMPILE to another toolchain's prefix)"));
    }

    /** Debian's cross compiler package for {@code target} ({@link Architecture#crossGccPackage()}). */
    public static String debianPackage(Architecture target) {
        return target.crossGccPackage();
    }
}
