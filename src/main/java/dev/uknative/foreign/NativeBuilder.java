package dev.uknative.foreign;

import dev.uknative.core.AtomicFiles;
import dev.uknative.core.FileTrees;
import dev.uknative.core.Reporter;
import dev.uknative.core.UknativeException;
import dev.uknative.process.LineSink;
import dev.uknative.process.LogSink;
import dev.uknative.process.OutputSink;
import dev.uknative.process.ProcessResult;
import dev.uknative.process.ProcessSpec;
import dev.uknative.project.Architecture;
import dev.uknative.project.NativeLibrary;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds one {@code native:} library into {@code <build>/native/<name>/lib<name>.a}, only when its
 * stamp says something changed. The toolchain writes into a staging folder; the archive is moved into
 * place whole, and the stamp is written last, so a failed or killed build is redone next time. The
 * stamp covers the sources as they are after the build (cargo writes Cargo.lock on its first build),
 * so an edit saved while the toolchain runs is noticed only with the next change. Every command and
 * its output go to {@code build.log} beside the archive.
 */
final class NativeBuilder {

    /** Lines of a failed build searched for its first error. */
    private static final int KEPT_LINES = 20_000;
    private static final Duration VERSION_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration BUILD_TIMEOUT = Duration.ofHours(1);

    private final ToolRunner runner;
    private final Toolchains tools;
    private final Reporter reporter;
    private final Map<List<String>, String> versions = new HashMap<>();
    private final Architecture architecture;

    NativeBuilder(ToolRunner runner, Toolchains tools, Reporter reporter) {
        this(runner, tools, reporter, Architecture.X86_64);
    }

    NativeBuilder(ToolRunner runner, Toolchains tools, Reporter reporter, Architecture architecture) {
        this.architecture = architecture;
        this.runner = runner;
        this.tools = tools;
        this.reporter = reporter;
    }

    /** The folder of one library's build, intermediate files and log. */
    static Path outputFolder(Path buildFolder, NativeLibrary library) {
        return buildFolder.toAbsolutePath().normalize().resolve("native").resolve(library.name());
    }

    ForeignArchive build(NativeLibrary library, Path projectDirectory, Path buildFolder) {
        Path sources = projectDirectory.toAbsolutePath().resolve(library.path().orElseThrow()).normalize();
        if (!Files.isDirectory(sources)) {
            throw UknativeException.invalidInput(library.location(),
                    "native." + library.name() + ": the folder " + sources + " does not exist",
                    "path: is relative to the Kraftfile's folder (default: the library's name)");
        }
        Path output = outputFolder(buildFolder, library);
        Path staging = output.resolve("staging");
        Path archive = output.resolve(LanguageAdapter.archiveName(library));
        Path stampFile = output.resolve("stamp");
        try {
            Recipe recipe = adapter(library.language()).recipe(library, sources, output, staging, tools, architecture);
            String stamp = NativeStamp.of(recipe, versions(recipe));
            if (Files.isRegularFile(archive) && Files.isRegularFile(stampFile) && Files.readString(stampFile).equals(stamp)) {
                reporter.detail("native." + library.name() + " is up to date: " + archive);
                return new ForeignArchive(library.name(), archive);
            }
            Files.createDirectories(output);
            // From here on a failed or killed build must not leave a stamp that says "up to date".
            Files.deleteIfExists(stampFile);
            if (Files.exists(staging)) {
                FileTrees.delete(staging);
            }
            Files.createDirectories(staging);
            long start = System.nanoTime();
            run(library, recipe, output.resolve("build.log"));
            Path product = product(library, recipe);
            Path temporary = output.resolve("." + archive.getFileName() + ".tmp");
            Files.copy(product, temporary, StandardCopyOption.REPLACE_EXISTING);
            Files.move(temporary, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            FileTrees.delete(staging);
            // Of the sources as they are now: cargo writes Cargo.lock into the crate on its first build.
            Recipe after = adapter(library.language()).recipe(library, sources, output, staging, tools, architecture);
            AtomicFiles.write(stampFile, NativeStamp.of(after, versions(after)));
            reporter.info(String.format("Built native library %s (%s) in %.1fs", library.name(), recipe.description(),
                    (System.nanoTime() - start) / 1e9));
            return new ForeignArchive(library.name(), archive);
        } catch (IOException | UncheckedIOException e) {
            throw UknativeException.environment("native." + library.name() + ": cannot build in " + output + ": " + e.getMessage(),
                    "check the free space and permissions of the build folder");
        }
    }

    private static LanguageAdapter adapter(NativeLibrary.Language language) {
        return switch (language) {
            case ZIG -> new ZigAdapter();
            case RUST -> new RustAdapter();
            case C -> new CAdapter();
            case ARCHIVE -> throw new IllegalArgumentException("a prebuilt archive is not built");
        };
    }

    /** What each toolchain program says its version is; asked once per command and builder. */
    private List<String> versions(Recipe recipe) {
        List<String> result = new ArrayList<>();
        for (List<String> command : recipe.versionCommands()) {
            result.add(String.join(" ", command) + ": " + versions.computeIfAbsent(command, this::version));
        }
        return result;
    }

    private String version(List<String> command) {
        StringBuilder text = new StringBuilder();
        ProcessSpec spec = ProcessSpec.of(command, Path.of(command.get(0)).getParent()).withTimeout(VERSION_TIMEOUT);
        ProcessResult result = runner.run(spec, new LineSink(line -> {
            if (text.length() < 4096) {
                text.append(line).append('\n');
            }
        }));
        if (!result.succeeded()) {
            throw UknativeException.environment(String.join(" ", command) + " failed"
                            + (result.timedOut() ? " (timed out)" : " (exit " + result.exitCode() + ")") + ": " + text.toString().strip(),
                    "check that " + command.get(0) + " is a working toolchain program");
        }
        return text.toString().strip();
    }

    private void run(NativeLibrary library, Recipe recipe, Path log) throws IOException {
        String what = "native." + library.name() + ": " + recipe.description();
        reporter.progress(what);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(log))) {
            for (List<String> command : recipe.commands()) {
                out.write(("$ " + String.join(" ", command) + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
                List<String> lines = new ArrayList<>();
                LogSink toLog = new LogSink(out);
                OutputSink follow = new LineSink(line -> {
                    reporter.detail(line);
                    synchronized (lines) {
                        if (lines.size() < KEPT_LINES) {
                            lines.add(line);
                        }
                    }
                });
                ProcessSpec spec = ProcessSpec.of(command, recipe.workingDirectory())
                        .withEnvironment(recipe.environment()).withTimeout(BUILD_TIMEOUT);
                ProcessResult result = runner.run(spec, toLog.andThen(follow));
                out.flush();
                if (toLog.failure().isPresent()) {
                    throw toLog.failure().get();
                }
                if (!result.succeeded()) {
                    String how = result.timedOut() ? "timed out" : "failed (exit " + result.exitCode() + ")";
                    Optional<String> first;
                    synchronized (lines) {
                        first = CompilerDiagnostics.first(lines, recipe.workingDirectory());
                    }
                    throw UknativeException.toolFailed(what + " " + how + first.map(d -> "\n  " + d).orElse(""),
                            "full log: " + log);
                }
            }
        }
    }

    /** The archive the recipe produced: its file, or the one {@code lib*.a} in its folder. */
    private static Path product(NativeLibrary library, Recipe recipe) throws IOException {
        Path product = recipe.product();
        if (!Files.isDirectory(product)) {
            if (!Files.isRegularFile(product)) {
                throw UknativeException.toolFailed("native." + library.name() + ": " + recipe.description()
                        + " succeeded but wrote no " + product, "check the library's build settings");
            }
            return product;
        }
        List<Path> archives = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(product, "lib*.a")) {
            files.forEach(archives::add);
        }
        if (archives.size() != 1) {
            throw UknativeException.invalidInput(library.location(),
                    "native." + library.name() + ": expected one static library in " + product + ", found " + archives.size(),
                    "give the crate one [lib] target (uknative builds it as a staticlib)");
        }
        return archives.get(0);
    }
}
