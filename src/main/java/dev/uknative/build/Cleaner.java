package dev.uknative.build;

import dev.uknative.core.FileTrees;
import dev.uknative.core.Reporter;
import dev.uknative.core.UknativeException;
import dev.uknative.project.ProjectLayout;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Removes what builds produced: Unikraft's {@code make clean}, or the whole build folder. */
public final class Cleaner {

    private final MakeDriver make;
    private final GeneratedLibraries generated;
    private final Reporter reporter;

    /** @param cache uknative's cache ({@code $XDG_CACHE_HOME/uknative}), where the build's generated libraries are */
    public Cleaner(MakeDriver make, Path cache, Reporter reporter) {
        this.make = make;
        this.generated = new GeneratedLibraries(cache);
        this.reporter = reporter;
    }

    /** {@code make clean} for the request's target; nothing to do when it was never built. */
    public void clean(BuildRequest request) {
        ProjectLayout layout = ProjectLayout.of(request.kraftfile());
        if (!Files.isDirectory(layout.buildDirectory()) || !Files.isRegularFile(layout.configFile(request.imageName()))) {
            reporter.info("Nothing to clean: " + request.imageName() + " was not configured");
            return;
        }
        try {
            Files.deleteIfExists(layout.buildStamp(request.imageName()));
            // make clean removes $(O)/config, which the configuration wrote: the next build configures again.
            Files.deleteIfExists(layout.defconfigFile(request.imageName()));
        } catch (java.io.IOException e) {
            throw UknativeException.environment("cannot remove the build stamp: " + e.getMessage(), "check the permissions of " + layout.buildDirectory());
        }
        List<dev.uknative.foreign.ForeignArchive> archives = dev.uknative.foreign.ForeignLibraries.archives(request.kraftfile());
        if (!archives.isEmpty()) {
            GeneratedLibraries.writeNativeLibrary(layout, archives);
        }
        MakeInvocation clean = generated.invocation(request, layout, archives).withGoals(List.of("clean"), Map.of());
        MakeDriver.Outcome outcome = make.run(clean, "cleaning " + request.imageName(), OutputStream.nullOutputStream());
        if (!outcome.result().succeeded()) {
            throw UknativeException.toolFailed("make clean failed (exit " + outcome.result().exitCode() + ")"
                    + outcome.output().firstError().map(d -> ": " + d.describe()).orElse(""), "run with --verbose to see make's output");
        }
    }

    /** The .config files of the targets beside the Kraftfile ({@code .config.<name>_<plat>-<arch>}), removed; returns them. */
    public static List<Path> removeConfigs(ProjectLayout layout) {
        List<Path> removed = new java.util.ArrayList<>();
        try (java.util.stream.Stream<Path> files = Files.list(layout.root())) {
            for (Path file : files.filter(f -> CONFIG_NAME.matcher(f.getFileName().toString()).matches()).sorted().toList()) {
                if (Files.deleteIfExists(file)) {
                    removed.add(file);
                }
            }
        } catch (IOException e) {
            throw UknativeException.environment("cannot remove the .config files in " + layout.root() + ": " + e.getMessage(), "check its permissions");
        }
        return removed;
    }

    private static final java.util.regex.Pattern CONFIG_NAME = java.util.regex.Pattern.compile("\\.config\\.[A-Za-z0-9._-]+_[a-z0-9]+-[a-z0-9_]+");

    /** Deletes {@code .unikraft/build} and everything in it; returns its path. */
    public static Path removeBuildDirectory(ProjectLayout layout) {
        Path dir = layout.buildDirectory();
        if (!Files.exists(dir)) {
            return dir;
        }
        try {
            FileTrees.delete(dir);
        } catch (IOException e) {
            throw UknativeException.environment("cannot remove " + dir + ": " + e.getMessage(), "check its permissions");
        }
        return dir;
    }
}
