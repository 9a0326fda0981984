package dev.uknative.build;

import dev.uknative.core.AtomicFiles;
import dev.uknative.core.ExitCode;
import dev.uknative.core.Location;
import dev.uknative.core.Reporter;
import dev.uknative.core.UknativeException;
import dev.uknative.foreign.ForeignArchive;
import dev.uknative.foreign.ForeignLibraries;
import dev.uknative.kconfig.ConfigAssignment;
import dev.uknative.foreign.Toolchains;
import dev.uknative.kconfig.ConfigFragment;
import dev.uknative.symbols.LinkPlan;
import dev.uknative.symbols.StubGenerator;
import dev.uknative.project.Architecture;
import dev.uknative.project.ProjectLayout;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds one target of a project with Unikraft's own make: writes the kconfig the Kraftfile asks for,
 * lets Unikraft's defconfig complete it (only when it changed), checks that every request held, then
 * runs the build. The whole make output goes to {@code .unikraft/build/make.log}.
 */
public final class Builder {

    /** The generated library that links the foreign archives and compiles the stubs. */
    static final String NATIVE_LIBRARY = "uknative_native";

    private final MakeDriver make;
    private final KconfigConfigurator configurator;
    private final SymbolDoctor doctor;
    private final Reporter reporter;
    private final Toolchains toolchains;

    /** @param cache where provider indexes are kept ({@code $XDG_CACHE_HOME/uknative}) */
    public Builder(MakeDriver make, KconfigConfigurator configurator, Path cache, Reporter reporter, Toolchains toolchains) {
        this.make = make;
        this.configurator = configurator;
        this.doctor = new SymbolDoctor(new ProviderIndexes(make, configurator, cache, reporter), configurator);
        this.reporter = reporter;
        this.toolchains = toolchains;
    }

    public BuildResult build(BuildRequest request) {
        ProjectLayout layout = ProjectLayout.of(request.kraftfile());
        requireAppMakefile(layout);
        createDirectories(layout.buildLock().getParent());
        // Two makes in one build folder corrupt each other's objects: the second build waits.
        try (FileChannel channel = FileChannel.open(layout.buildLock(), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            try (FileLock held = acquire(channel, layout)) {
                return buildLocked(request, layout);
            }
        } catch (IOException e) {
            throw UknativeException.environment("cannot lock " + layout.buildLock() + ": " + e.getMessage(),
                    "check the permissions of the project folder");
        }
    }

    /**
     * The build lock, waiting for whoever holds it: another process (a file lock), or another thread
     * of this one (which the JVM reports as an overlapping lock instead of blocking).
     */
    private FileLock acquire(FileChannel channel, ProjectLayout layout) throws IOException {
        return dev.uknative.core.FileLocks.acquire(channel,
                () -> reporter.info("Waiting for another uknative build of " + layout.root() + " to finish..."), "another build");
    }

    private BuildResult buildLocked(BuildRequest request, ProjectLayout layout) {
        long start = System.nanoTime();
        String imageName = request.imageName();
        createDirectories(layout.buildDirectory());
        startAfreshOnAnotherUnikraft(request, layout);
        // Built (when their sources changed) before the fingerprint, which names the archives: a rebuilt
        // archive makes make relink.
        List<ForeignArchive> foreign = ForeignLibraries.build(request.kraftfile(), toolchains, layout.buildDirectory(), reporter);
        MakeInvocation invocation = invocation(request, layout, foreign);
        List<Path> archives = foreign.stream().map(ForeignArchive::archive).toList();
        Optional<SymbolDoctor.Diagnosis> diagnosis = foreign.isEmpty() ? Optional.empty()
                : Optional.of(doctor.diagnose(request, layout, invocation, foreign));
        List<ConfigAssignment> wanted = new ArrayList<>(KconfigLayers.inOrder(request.kraftfile(), request.target()));
        diagnosis.ifPresent(d -> {
            wanted.addAll(d.assignments());
            ForeignLinkLibrary.writeStubs(layout.generatedLibrary(NATIVE_LIBRARY), StubGenerator.source(d.plan()));
        });
        ConfigFragment fragment = ConfigFragment.merge(wanted);

        Path image = layout.image(imageName);
        Path stamp = layout.buildStamp(imageName);
        try {
            if (!request.force() && configurationCurrent(layout, imageName, fragment)
                    && Files.isRegularFile(image) && Files.isRegularFile(stamp)
                    && Files.readString(stamp).equals(BuildFingerprint.compute(invocation, image, archives))) {
                return new BuildResult(image, Files.size(image), 0, false, true, Duration.ofNanos(System.nanoTime() - start));
            }
            // A build that fails or is killed from here on must not leave a stamp that says "up to date".
            Files.deleteIfExists(stamp);
        } catch (IOException e) {
            throw UknativeException.environment("cannot read " + layout.buildDirectory() + ": " + e.getMessage(),
                    "check the permissions of the project folder");
        }

        try (OutputStream log = new BufferedOutputStream(Files.newOutputStream(layout.makeLog()))) {
            boolean configured = configure(request, layout, invocation, fragment);
            if (configured) {
                diagnosis.ifPresent(d -> {
                    d.skipped().forEach(reporter::warn);
                    LinkPlanReport.report(d.plan(), reporter);
                });
            }
            MakeDriver.Outcome outcome = make.run(invocation, "building " + imageName, log);
            log.flush();
            if (!outcome.result().succeeded()) {
                throw failure("make failed (exit " + outcome.result().exitCode() + ") building " + imageName, outcome, layout,
                        diagnosis.map(SymbolDoctor.Diagnosis::plan));
            }
            if (!Files.isRegularFile(image)) {
                throw UknativeException.toolFailed("make succeeded but wrote no image at " + image,
                        "check that the target's platform and architecture are enabled; full log: " + layout.makeLog());
            }
            AtomicFiles.write(stamp, BuildFingerprint.compute(invocation, image, archives));
            return new BuildResult(image, Files.size(image), outcome.output().compiled(), configured, false,
                    Duration.ofNanos(System.nanoTime() - start));
        } catch (IOException e) {
            throw UknativeException.environment("cannot write in " + layout.buildDirectory() + ": " + e.getMessage(),
                    "check the free space and permissions of the project folder");
        }
    }

    /**
     * The link plan this request's build would follow, without building (the provider index is made
     * when missing); empty when the Kraftfile has no {@code native:} libraries.
     */
    public Optional<SymbolDoctor.Diagnosis> diagnose(BuildRequest request) {
        ProjectLayout layout = ProjectLayout.of(request.kraftfile());
        List<ForeignArchive> foreign = ForeignLibraries.build(request.kraftfile(), toolchains, layout.buildDirectory(), reporter);
        if (foreign.isEmpty()) {
            return Optional.empty();
        }
        createDirectories(layout.buildDirectory());
        return Optional.of(doctor.diagnose(request, layout, invocation(request, layout, foreign), foreign));
    }

    /** The link plan of one archive against the given Unikraft with only the target's own options on. */
    public SymbolDoctor.Diagnosis diagnoseArchive(Path archive, Path unikraft, dev.uknative.project.TargetSpec target, BuildRequest.LinkOptions link,
            int jobs) {
        return doctor.diagnoseArchive(archive, unikraft, target, link, jobs);
    }

    /**
     * Objects, generated headers and the .config made from one Unikraft tree are wrong for another:
     * make compares times, not trees (a cached tree checked out earlier looks older than the objects),
     * and the .config was solved against the old Kconfig. So when the tree changes (another version in
     * the Kraftfile resolves to another cache folder) the build folder starts empty, except the lock
     * this build holds.
     */
    private void startAfreshOnAnotherUnikraft(BuildRequest request, ProjectLayout layout) {
        Path record = layout.unikraftRecord();
        String tree = request.sources().unikraft().path().toString();
        try {
            if (Files.isRegularFile(record) && !Files.readString(record).equals(tree)) {
                reporter.info("Unikraft changed (" + Files.readString(record) + " -> " + tree + "): building from scratch");
                try (java.util.stream.Stream<Path> entries = Files.list(layout.buildDirectory())) {
                    for (Path entry : entries.toList()) {
                        if (entry.getFileName().toString().equals("uknative")) {
                            try (java.util.stream.Stream<Path> own = Files.list(entry)) {
                                for (Path file : own.filter(f -> !f.equals(layout.buildLock())).toList()) {
                                    dev.uknative.core.FileTrees.delete(file);
                                }
                            }
                        } else {
                            dev.uknative.core.FileTrees.delete(entry);
                        }
                    }
                }
                Files.deleteIfExists(layout.configFile(request.imageName()));
            }
            createDirectories(record.getParent());
            AtomicFiles.writeIfChanged(record, tree);
        } catch (IOException e) {
            throw UknativeException.environment("cannot clear " + layout.buildDirectory() + ": " + e.getMessage(),
                    "remove it by hand (uknative clean --proper)");
        }
    }

    /**
     * The make call for this request, without goals. For x86_64 it writes uknative's exit-status
     * library, which it adds after the Kraftfile's libraries.
     */
    public static MakeInvocation invocation(BuildRequest request, ProjectLayout layout) {
        return invocation(request, layout, ForeignLibraries.archives(request.kraftfile()));
    }

    private static MakeInvocation invocation(BuildRequest request, ProjectLayout layout, List<ForeignArchive> archives) {
        List<Path> libraries = new ArrayList<>(request.sources().libraries());
        if (request.target().architecture() == Architecture.X86_64) {
            libraries.add(ExitStatusLibrary.writeTo(layout.generatedLibrary("uknative_exitstatus")));
        }
        if (!archives.isEmpty()) {
            libraries.add(ForeignLinkLibrary.writeTo(layout.generatedLibrary(NATIVE_LIBRARY), archives));
        }
        return new MakeInvocation(
                request.sources().unikraft().path(),
                layout.root(),
                libraries,
                layout.buildDirectory(),
                layout.configFile(request.imageName()),
                request.target().baseName(request.kraftfile().name()),
                request.jobs(),
                Map.of(),
                List.of());
    }

    /**
     * Configures with uknative's Kconfig engine when the Kraftfile's kconfig changed since the last
     * successful configuration or the .config is gone; a request that cannot hold is an error naming
     * its chain. The fragment is recorded only after success, so a failed or interrupted configuration
     * is redone next time.
     */
    private boolean configure(BuildRequest request, ProjectLayout layout, MakeInvocation invocation, ConfigFragment fragment)
            throws IOException {
        String imageName = request.imageName();
        if (configurationCurrent(layout, imageName, fragment)) {
            return false;
        }
        reporter.info("Configuring " + imageName + " (" + fragment.assignments().size() + " options from the Kraftfile, target"
                + (fragment.assignments().stream().anyMatch(a -> a.origin().startsWith("uknative link plan")) ? " and link plan)" : ")"));
        reporter.progress("configuring " + imageName + ": reading Unikraft's Kconfig files");
        KconfigConfigurator.Configured configured = configurator.solve(invocation, fragment.assignments());
        KconfigConfigurator.requireNoProblems(configured.solved());
        Path recorded = layout.defconfigFile(imageName);
        Files.deleteIfExists(recorded);
        configurator.write(configured);
        createDirectories(recorded.getParent());
        AtomicFiles.write(recorded, fragment.render());
        return true;
    }

    /** Whether the .config was made from exactly the kconfig asked for now (Kraftfile, target, link plan). */
    private static boolean configurationCurrent(ProjectLayout layout, String imageName, ConfigFragment fragment) throws IOException {
        Path recorded = layout.defconfigFile(imageName);
        return Files.isRegularFile(layout.configFile(imageName)) && Files.isRegularFile(recorded)
                && Files.readString(recorded).equals(fragment.render());
    }

    private static void requireAppMakefile(ProjectLayout layout) {
        if (!Files.isRegularFile(layout.root().resolve("Makefile.uk"))) {
            throw UknativeException.invalidInput(Location.of(layout.root().resolve("Makefile.uk")),
                    "the application has no Makefile.uk",
                    "add one, e.g.  $(eval $(call addlib,appmyapp))  and  APPMYAPP_SRCS-y += $(APPMYAPP_BASE)/main.c");
        }
    }

    private static UknativeException failure(String what, MakeDriver.Outcome outcome, ProjectLayout layout, Optional<LinkPlan> plan) {
        if (outcome.result().timedOut()) {
            return UknativeException.toolFailed(what + ": timed out", "full log: " + layout.makeLog());
        }
        Optional<MakeOutputParser.Diagnostic> first = outcome.output().firstError();
        String message = first.map(d -> what + "\n  " + d.describe()).orElse(what);
        List<LinkPlan.Need> missing = plan.map(p -> p.withStatus(LinkPlan.Status.MISSING)).orElse(List.of());
        String hint = "full log: " + layout.makeLog();
        if (!missing.isEmpty()) {
            hint = missing.size() + " symbols have no provider and stubs are off (--no-stubs): "
                    + String.join(", ", missing.stream().map(LinkPlan.Need::symbol).limit(12).toList())
                    + (missing.size() > 12 ? ", …" : "") + "; `uknative symbols` lists them; " + hint;
        }
        return new UknativeException(ExitCode.TOOL_FAILED, null, message, hint);
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw UknativeException.environment("cannot create " + dir + ": " + e.getMessage(),
                    "check the permissions of the project folder");
        }
    }
}
