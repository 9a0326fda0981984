package dev.uknative.build;

import dev.uknative.core.Location;
import dev.uknative.core.Reporter;
import dev.uknative.core.UknativeException;
import dev.uknative.foreign.ForeignLibraries;
import dev.uknative.foreign.ToolRunner;
import dev.uknative.foreign.Toolchains;
import dev.uknative.process.ProcessRunner;
import dev.uknative.project.ProjectLayout;
import dev.uknative.project.TargetSpec;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Optional;

/**
 * Builds one target of a project with Unikraft's own make, in steps that each return what the next
 * needs: {@link PrepareStep} (the build folder fit for these sources), {@link NativesStep} (foreign
 * archives), {@link LinkPlanStep} (the kconfig asked for, with the link plan's), {@link ConfigureStep}
 * (uknative's Kconfig engine solves and writes the configuration when it changed) and
 * {@link MakeStep} (make, unless nothing changed). Builds of one project wait for each other.
 */
public final class Builder {

    private final Make make;
    private final KconfigConfigurator configurator;
    private final SymbolDoctor doctor;
    private final Reporter reporter;
    private final NativesStep.NativeLibraries natives;
    private final GeneratedLibraries generated;
    private final ConfigurationInputs configurationInputs;

    /**
     * @param cache     uknative's cache ({@code $XDG_CACHE_HOME/uknative}): provider indexes, generated libraries
     * @param processes the command's one process runner, which also runs the native toolchains
     */
    public Builder(MakeDriver make, KconfigConfigurator configurator, Path cache, Reporter reporter, Toolchains toolchains,
            ProcessRunner processes) {
        this(make, configurator, new SymbolDoctor(new ProviderIndexes(make, configurator, cache, reporter), configurator), cache, reporter,
                (kraftfile, buildFolder, architecture) -> ForeignLibraries.build(kraftfile, toolchains, buildFolder, reporter,
                        ToolRunner.of(processes), architecture));
    }

    Builder(Make make, KconfigConfigurator configurator, SymbolDoctor doctor, Path cache, Reporter reporter, NativesStep.NativeLibraries natives) {
        this.make = make;
        this.configurator = configurator;
        this.doctor = doctor;
        this.reporter = reporter;
        this.natives = natives;
        this.generated = new GeneratedLibraries(cache);
        this.configurationInputs = new ConfigurationInputs(cache);
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
        try {
            new PrepareStep(reporter).run(request, layout);
        } catch (IOException e) {
            throw UknativeException.environment("cannot clear " + layout.buildDirectory() + ": " + e.getMessage(),
                    "remove it by hand (uknative clean --proper)");
        }
        NativesStep.Natives archives = new NativesStep(natives).run(request.kraftfile(), layout.buildDirectory(),
                request.target().architecture());
        MakeInvocation invocation = generated.invocation(request, layout, archives.archives());
        LinkPlanStep.Planned planned = new LinkPlanStep(doctor, configurator).run(request, layout, invocation, archives);
        try {
            ConfigureStep.Outcome configured = new ConfigureStep(configurator, reporter)
                    .run(layout, imageName, invocation, planned.fragment(), planned.parsed(), () -> LibraryErrorHint.of(request));
            if (configured.reconfigured()) {
                planned.diagnosis().ifPresent(d -> {
                    d.skipped().forEach(reporter::warn);
                    LinkPlanReport.report(d.plan(), reporter);
                });
            }
            MakeStep.Outcome made = new MakeStep(compileWith(request)).run(new MakeStep.Input(layout, imageName, invocation, archives.paths(), request.force(),
                    configured.reconfigured(), planned.diagnosis().map(SymbolDoctor.Diagnosis::plan),
                    () -> LibraryErrorHint.of(request)));
            return new BuildResult(made.image(), Files.size(made.image()), made.compiled(), configured.reconfigured(), made.upToDate(),
                    Duration.ofNanos(System.nanoTime() - start), made.cache());
        } catch (IOException e) {
            throw UknativeException.environment("cannot write in " + layout.buildDirectory() + ": " + e.getMessage(),
                    "check the free space and permissions of the project folder");
        }
    }

    /** make with the compile cache unless the request turns it off; without ccache, one note says so. */
    private Make compileWith(BuildRequest request) {
        if (!request.compileCache()) {
            return make.withoutCompileCache();
        }
        if (make.compileCache().isEmpty()) {
            reporter.info("Note: ccache not found, compiling without the shared compile cache (apt install ccache)");
        }
        return make;
    }

    /**
     * The link plan this request's build would follow, without building (the provider index is made
     * when missing); empty when the Kraftfile has no {@code native:} libraries.
     */
    public Optional<SymbolDoctor.Diagnosis> diagnose(BuildRequest request) {
        ProjectLayout layout = ProjectLayout.of(request.kraftfile());
        NativesStep.Natives archives = new NativesStep(natives).run(request.kraftfile(), layout.buildDirectory(),
                request.target().architecture());
        if (archives.archives().isEmpty()) {
            return Optional.empty();
        }
        createDirectories(layout.buildDirectory());
        return new LinkPlanStep(doctor, configurator).run(request, layout, generated.invocation(request, layout, archives.archives()), archives)
                .diagnosis();
    }

    /** The link plan of one archive against the given Unikraft with only the target's own options on. */
    public SymbolDoctor.Diagnosis diagnoseArchive(Path archive, Path unikraft, TargetSpec target, BuildRequest.LinkOptions link, int jobs) {
        return doctor.diagnoseArchive(archive, unikraft, target, link, jobs);
    }

    /** What the configuration of this request is solved with; see {@link ConfigurationInputs}. */
    public MakeInvocation configurationInputs(BuildRequest request) {
        return configurationInputs.of(request);
    }

    private static void requireAppMakefile(ProjectLayout layout) {
        if (!Files.isRegularFile(layout.root().resolve("Makefile.uk"))) {
            throw UknativeException.invalidInput(Location.of(layout.root().resolve("Makefile.uk")),
                    "the application has no Makefile.uk",
                    "add one, e.g.  $(eval $(call addlib,appmyapp))  and  APPMYAPP_SRCS-y += $(APPMYAPP_BASE)/main.c");
        }
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
