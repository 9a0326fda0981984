package dev.uknative.foreign;

import dev.uknative.core.UknativeException;
import dev.uknative.project.Architecture;
import dev.uknative.project.NativeLibrary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code zig build-lib} for Unikraft's x86_64 kernel: a static library with compiler_rt inside (Unikraft
 * has no libgcc), no red zone (interrupts run on the same stack), the baseline CPU (QEMU's TCG lacks
 * newer instructions), and no stack protector (Unikraft provides {@code __stack_chk_fail} only with
 * its stack-protector option). Against musl with {@code -lc}, Zig's std calls libc for files, memory
 * maps and the environment, which Unikraft's posix libraries provide; a raw-syscall target
 * ({@code x86_64-linux-none}) needs Unikraft's syscall shim instead.
 */
final class ZigAdapter implements LanguageAdapter {

    static final String TARGET = NativeLibrary.ZIG_TARGETS.get(0);
    static final String ARM64_TARGET = "aarch64-linux-musl";
    static final String DEFAULT_MODE = "ReleaseSafe";

    @Override
    public Recipe recipe(NativeLibrary library, Path sources, Path output, Path staging, Toolchains tools, Architecture architecture) {
        Path root = sources.resolve(library.root().orElseThrow()).normalize();
        if (!Files.isRegularFile(root)) {
            throw UknativeException.invalidInput(library.location(),
                    "native." + library.name() + ": the root source file " + root + " does not exist",
                    "root: is relative to the library's path: (" + sources + ")");
        }
        String zig = tools.zig().toString();
        String mode = library.optimize().orElse(DEFAULT_MODE);
        String defaultTarget = architecture == Architecture.ARM64 ? ARM64_TARGET : TARGET;
        String target = library.target().orElse(defaultTarget);
        List<String> command = new ArrayList<>(List.of(zig, "build-lib", "-static", "-fcompiler-rt"));
        if (target.startsWith("aarch64")) {
            // Unikraft's arm64 kernel runs without FP/SIMD access (arch/arm/arm64/Makefile.uk: -mgeneral-regs-only
            // unless CONFIG_FPSIMD): generic cores without the neon and fp-armv8 features use none.
            command.add("-mcpu=generic-neon-fp_armv8");
        } else {
            command.addAll(List.of("-mno-red-zone", "-mcpu=baseline"));
        }
        command.addAll(List.of("-fno-stack-protector", "-target", target));
        if (target.endsWith("-musl")) {
            command.add("-lc"); // with no libc (-none), Zig's std makes raw syscalls instead
        }
        command.addAll(List.of("-O", mode, "-femit-bin=" + staging.resolve(LanguageAdapter.archiveName(library)), root.toString()));
        List<Path> inputs = new ArrayList<>(SourceFiles.under(sources));
        if (!root.startsWith(sources)) {
            inputs.add(root);
        }
        Map<String, String> environment = Map.of(
                "ZIG_GLOBAL_CACHE_DIR", tools.zigGlobalCache().toString(),
                "ZIG_LOCAL_CACHE_DIR", output.resolve("zig-cache").toString());
        return new Recipe("zig build-lib, " + mode + (target.equals(TARGET) ? "" : ", " + target), List.of(List.of(zig, "version")), List.of(command), environment,
                sources, inputs, staging.resolve(LanguageAdapter.archiveName(library)));
    }
}
