package dev.uknative.project;

import dev.uknative.core.Location;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of the Kraftfile's {@code native:} section (uknative's addition; kraftkit ignores the key):
 * foreign code linked into the unikernel as a static library, either built from sources in another
 * language or given as a prebuilt archive.
 *
 * <pre>
 * native:
 *   ziggy:  {lang: zig, path: ziggy, root: src/root.zig, optimize: ReleaseSafe}
 *   speed:  {lang: rust, path: rs}
 *   legacy: {archive: prebuilt/libfoo.a}
 * </pre>
 *
 * @param path     the sources' folder, relative to the project (for zig, rust and c)
 * @param root     the root source file where the language needs one (zig)
 * @param optimize the optimisation mode, as the language names it (zig: Debug, ReleaseSafe, …)
 * @param archive  a prebuilt {@code .a}, relative to the project (language {@link Language#ARCHIVE})
 * @param target   zig's target triple, one of {@link #ZIG_TARGETS} (default: the first, musl with libc)
 */
public record NativeLibrary(String name, Language language, Optional<String> path, Optional<String> root,
                            Optional<String> optimize, Optional<String> archive, Location location, Optional<String> target) {

    /** The languages uknative can build a static library from, and prebuilt archives. */
    public enum Language {
        ZIG, RUST, C, ARCHIVE;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<Language> parse(String text) {
            return Arrays.stream(values()).filter(l -> l.id().equals(text.trim().toLowerCase(Locale.ROOT))).findFirst();
        }

        public static String known() {
            return "zig, rust, c (or archive: PATH for a prebuilt .a)";
        }
    }

    /** Zig's optimisation modes, the values {@code optimize:} takes for zig. */
    public static final java.util.List<String> ZIG_MODES = java.util.List.of("Debug", "ReleaseSafe", "ReleaseFast", "ReleaseSmall");

    /**
     * The targets zig libraries are built for: musl with {@code -lc} (libc calls, which Unikraft's
     * posix libraries provide), or no libc at all (Zig's std issues raw syscalls, which Unikraft's
     * syscall shim handler serves).
     */
    public static final java.util.List<String> ZIG_TARGETS = java.util.List.of("x86_64-linux-musl", "x86_64-linux-none", "aarch64-linux-musl",
            "aarch64-linux-none");

    public NativeLibrary {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(optimize, "optimize");
        Objects.requireNonNull(archive, "archive");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(target, "target");
    }

    public NativeLibrary(String name, Language language, Optional<String> path, Optional<String> root,
                         Optional<String> optimize, Optional<String> archive, Location location) {
        this(name, language, path, root, optimize, archive, location, Optional.empty());
    }
}
