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
 * Every {@code .c} file under the library's folder, compiled with the host's C compiler and the code
 * generation flags Unikraft uses for x86_64 (its Makefile.uk and arch/x86/x86_64/Makefile.uk): no red
 * zone, no stack protector, no CET instrumentation, no position independence, no unwind tables; then
 * {@code ar rcs}. Only flags that gcc and clang both take, so that {@code CC=clang} works too. The
 * sources see the host's libc headers; the libc functions they call are resolved at Unikraft's link.
 */
final class CAdapter implements LanguageAdapter {

    static final List<String> FLAGS = List.of("-m64", "-mno-red-zone", "-fno-asynchronous-unwind-tables",
            "-fno-stack-protector", "-fcf-protection=none", "-fno-pic", "-fno-pie", "-U_FORTIFY_SOURCE",
            "-D__Unikraft__", "-Wall");

    /**
     * Unikraft's arm64 code generation (arch/arm/arm64/Makefile.uk): general registers only (no FP/SIMD
     * access without CONFIG_FPSIMD), no out-of-line atomics (libgcc's helpers are not in Unikraft).
     */
    static final List<String> ARM64_FLAGS = List.of("-mgeneral-regs-only", "-mno-outline-atomics", "-fno-asynchronous-unwind-tables",
            "-fno-stack-protector", "-fno-pic", "-fno-pie", "-U_FORTIFY_SOURCE", "-D__Unikraft__", "-Wall");

    @Override
    public Recipe recipe(NativeLibrary library, Path sources, Path output, Path staging, Toolchains tools, Architecture architecture) {
        List<Path> files = SourceFiles.under(sources, f -> f.getFileName().toString().endsWith(".c"));
        if (files.isEmpty()) {
            throw UknativeException.invalidInput(library.location(),
                    "native." + library.name() + ": " + sources + " has no .c files",
                    "put the library's C sources in that folder, or fix path:");
        }
        String cc = tools.cc(architecture).toString();
        String ar = tools.ar(architecture).toString();
        List<String> flags = new ArrayList<>(architecture == Architecture.ARM64 ? ARM64_FLAGS : FLAGS);
        switch (Optimization.of(library)) {
            case DEBUG -> flags.addAll(List.of("-O0", "-g"));
            case RELEASE -> flags.add("-O2");
            case SMALL -> flags.add("-Os");
        }
        flags.add("-I" + sources);
        if (Files.isDirectory(sources.resolve("include"))) {
            flags.add("-I" + sources.resolve("include"));
        }
        List<List<String>> commands = new ArrayList<>();
        List<String> archive = new ArrayList<>(List.of(ar, "rcs", staging.resolve(LanguageAdapter.archiveName(library)).toString()));
        for (int i = 0; i < files.size(); i++) {
            Path source = files.get(i);
            String stem = source.getFileName().toString().replaceFirst("\\.c$", "");
            // Numbered: two folders may hold files of the same name.
            Path object = staging.resolve(String.format("%03d-%s.o", i, stem));
            List<String> compile = new ArrayList<>(List.of(cc));
            compile.addAll(flags);
            compile.addAll(List.of("-c", source.toString(), "-o", object.toString()));
            commands.add(compile);
            archive.add(object.toString());
        }
        commands.add(archive);
        List<Path> inputs = SourceFiles.under(sources, f -> f.getFileName().toString().matches(".*\\.(c|h|inc)$"));
        return new Recipe("cc, " + files.size() + (files.size() == 1 ? " file" : " files"),
                List.of(List.of(cc, "--version"), List.of(ar, "--version")), commands, Map.of("LC_ALL", "C"),
                sources, inputs, staging.resolve(LanguageAdapter.archiveName(library)));
    }
}
