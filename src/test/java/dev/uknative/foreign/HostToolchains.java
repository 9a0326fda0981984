package dev.uknative.foreign;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.uknative.process.ToolLocator;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The real toolchains of this machine for integration tests: zig from {@code ZIG} or PATH (the test
 * command installs it), cargo and rustc from PATH or {@code ~/.cargo/bin}, gcc and ar. A test whose
 * toolchain is missing is skipped with the reason printed. Zig's global cache is shared by the whole
 * run ({@code ZIG_GLOBAL_CACHE_DIR}, else {@code target/zig-global-cache}): musl and compiler_rt are
 * compiled once, not per test.
 */
final class HostToolchains {

    private HostToolchains() {
    }

    static Toolchains get() {
        Map<String, String> environment = new HashMap<>(System.getenv());
        return new Toolchains(environment, ToolLocator.fromEnvironment(), Path.of("target/zig-global-cache").toAbsolutePath());
    }

    /** The toolchains, after checking that {@code tool} is there (else the test is skipped, saying why). */
    static Toolchains requiring(String tool) {
        Toolchains toolchains = get();
        Toolchains.Tool which = Toolchains.Tool.valueOf(tool.toUpperCase(java.util.Locale.ROOT));
        boolean present;
        try {
            toolchains.require(which);
            present = true;
        } catch (dev.uknative.core.UknativeException e) {
            present = false;
            System.out.println("[skipped] " + tool + " is not installed (" + e.getMessage() + "); ./scripts/test installs zig");
        }
        assumeTrue(present, tool + " is not installed");
        return toolchains;
    }
}
