package dev.uknative.foreign;

import dev.uknative.core.UknativeException;
import dev.uknative.project.Architecture;
import dev.uknative.project.NativeLibrary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Rust static library: with cargo when the folder has a {@code Cargo.toml} (the library target,
 * built as a {@code staticlib} whatever its crate-type says), else rustc on one root file. Always
 * {@code panic=abort} (Unikraft has no unwinder) and no red zone (interrupts run on the same stack).
 * The target is the host's {@code x86_64-unknown-linux-gnu}, whose precompiled core (and std) come
 * with rustup: building core for a custom target needs rust-src and a nightly compiler.
 */
final class RustAdapter implements LanguageAdapter {

    static final String TARGET = "x86_64-unknown-linux-gnu";

    @Override
    public Recipe recipe(NativeLibrary library, Path sources, Path output, Path staging, Toolchains tools, Architecture architecture) {
        if (architecture != Architecture.X86_64) {
            // The host target's precompiled core is what makes this work without a nightly toolchain (see above).
            throw UknativeException.invalidInput(library.location(), "native." + library.name() + ": rust libraries are built for x86_64"
                    + " only, and this target is " + architecture.id(),
                    "build the archive yourself (e.g. cargo build --target aarch64-unknown-none) and name it with archive:");
        }
        Optimization optimization = Optimization.of(library);
        Path manifest = sources.resolve("Cargo.toml");
        if (Files.isRegularFile(manifest) && library.root().isEmpty()) {
            return cargo(library, sources, output, manifest, optimization, tools.cargo());
        }
        return rustc(library, sources, staging, optimization, tools.rustc());
    }

    private static Recipe cargo(NativeLibrary library, Path sources, Path output, Path manifest, Optimization optimization, Path cargo) {
        Path targetDirectory = output.resolve("cargo-target");
        List<String> command = new ArrayList<>(List.of(cargo.toString(), "rustc", "--lib", "--manifest-path", manifest.toString(),
                "--target", TARGET, "--crate-type", "staticlib"));
        if (optimization != Optimization.DEBUG) {
            command.add("--release");
        }
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("CARGO_TARGET_DIR", targetDirectory.toString());
        environment.put("CARGO_TERM_COLOR", "never");
        // Profiles, not RUSTFLAGS, set panic=abort: cargo then also builds the dependencies that way.
        environment.put("CARGO_PROFILE_DEV_PANIC", "abort");
        environment.put("CARGO_PROFILE_RELEASE_PANIC", "abort");
        if (optimization == Optimization.SMALL) {
            environment.put("CARGO_PROFILE_RELEASE_OPT_LEVEL", "s");
        }
        // Every crate, dependencies too; replaces RUSTFLAGS and build.rustflags (documented).
        environment.put("CARGO_ENCODED_RUSTFLAGS", "-Cno-redzone=yes");
        Path product = targetDirectory.resolve(TARGET).resolve(optimization == Optimization.DEBUG ? "debug" : "release");
        return new Recipe("cargo, " + (optimization == Optimization.DEBUG ? "dev profile" : "release profile"),
                List.of(List.of(cargo.toString(), "--version")), List.of(command), environment, sources,
                SourceFiles.under(sources), product);
    }

    private static Recipe rustc(NativeLibrary library, Path sources, Path staging, Optimization optimization, Path rustc) {
        Path root = root(library, sources);
        List<String> command = new ArrayList<>(List.of(rustc.toString(), "--crate-type", "staticlib",
                "--crate-name", crateName(library.name()), "--edition", "2021", "--target", TARGET, "--color", "never",
                "-C", "panic=abort", "-C", "no-redzone=yes"));
        switch (optimization) {
            case DEBUG -> command.addAll(List.of("-C", "opt-level=0", "-C", "debuginfo=2"));
            case RELEASE -> command.addAll(List.of("-C", "opt-level=2"));
            case SMALL -> command.addAll(List.of("-C", "opt-level=s"));
        }
        Path archive = staging.resolve(LanguageAdapter.archiveName(library));
        command.addAll(List.of("-o", archive.toString(), root.toString()));
        List<Path> inputs = new ArrayList<>(SourceFiles.under(sources, f -> f.toString().endsWith(".rs")));
        if (!root.startsWith(sources)) {
            inputs.add(root);
        }
        return new Recipe("rustc, " + optimization.name().toLowerCase(java.util.Locale.ROOT),
                List.of(List.of(rustc.toString(), "--version")), List.of(command), Map.of(), sources, inputs, archive);
    }

    /** {@code root:}, else {@code src/lib.rs}, else {@code lib.rs}. */
    private static Path root(NativeLibrary library, Path sources) {
        if (library.root().isPresent()) {
            Path root = sources.resolve(library.root().get()).normalize();
            if (!Files.isRegularFile(root)) {
                throw UknativeException.invalidInput(library.location(),
                        "native." + library.name() + ": the root source file " + root + " does not exist",
                        "root: is relative to the library's path: (" + sources + ")");
            }
            return root;
        }
        Optional<Path> found = List.of(sources.resolve("src/lib.rs"), sources.resolve("lib.rs")).stream()
                .filter(Files::isRegularFile).findFirst();
        return found.orElseThrow(() -> UknativeException.invalidInput(library.location(),
                "native." + library.name() + ": " + sources + " has no Cargo.toml, src/lib.rs or lib.rs",
                "add a Cargo.toml (a [lib] crate), or name the crate's root file with  root: FILE.rs"));
    }

    /** A crate name rustc accepts: letters, digits and '_'. */
    static String crateName(String libraryName) {
        String name = libraryName.replaceAll("[^A-Za-z0-9_]", "_");
        return Character.isDigit(name.charAt(0)) ? "_" + name : name;
    }
}
