package dev.uknative.app;

import dev.uknative.build.BuildRequest;
import dev.uknative.build.BuildResult;
import dev.uknative.core.Reporter;
import dev.uknative.core.UknativeException;
import dev.uknative.oci.ImageRef;
import dev.uknative.oci.UnpackedImage;
import dev.uknative.project.Architecture;
import dev.uknative.project.Platform;
import dev.uknative.project.ProjectLayout;
import dev.uknative.project.TargetSelector;
import dev.uknative.project.TargetSpec;
import dev.uknative.kconfig.DotConfig;
import dev.uknative.run.Accelerator;
import dev.uknative.run.ImageCheck;
import dev.uknative.run.FirecrackerConfig;
import dev.uknative.run.FirecrackerRunner;
import dev.uknative.run.ImageFacts;
import dev.uknative.run.PlatformSupport;
import dev.uknative.run.LibraryParameters;
import dev.uknative.run.KernelImage;
import dev.uknative.run.MachineSpec;
import dev.uknative.run.QemuSystem;
import dev.uknative.run.QemuVersion;
import dev.uknative.run.RunOutcome;
import dev.uknative.run.Runner;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code uknative run}: build the project when needed ({@link BuildProject}), then boot the image in
 * QEMU and report how it ended. A kernel image file is booted as it is.
 */
public final class RunProject {

    /**
     * What to boot.
     *
     * @param kernel     the image
     * @param built      the build that made it, when the target was a project
     * @param arguments  the application's arguments when none are given: the Kraftfile's {@code cmd}
     * @param consoleLog where the whole console goes when no {@code --log} is given: {@code .unikraft/run.log}
     * @param initrd     the image's own initrd when no {@code --initrd} is given (an OCI image's)
     */
    public record Image(Path kernel, Optional<BuildResult> built, List<String> arguments, Optional<Path> consoleLog, Optional<Path> initrd) {
    }

    /**
     * What {@code run} checks the image against before QEMU starts ({@link ImageCheck}).
     *
     * @param flags      the run's flags as values
     * @param qemuBinary {@code --qemu}: the QEMU that will boot it, else the image's architecture's on PATH
     * @param noAccel    {@code -W}: TCG even where KVM is usable
     * @param autoConfig {@code --auto-config}: turn on the options the flags need, rebuild, run
     */
    public record RunCheck(ImageCheck.Flags flags, Optional<Path> qemuBinary, boolean noAccel, boolean autoConfig) {
        public RunCheck {
            Objects.requireNonNull(flags, "flags");
            Objects.requireNonNull(qemuBinary, "qemuBinary");
        }
    }

    /**
     * An image that can take the run's flags on this host.
     *
     * @param accelerator  how QEMU runs it (TCG asks for RDRAND/RDSEED where QEMU emulates them)
     * @param turnedOn     the options {@code --auto-config} turned on, each with the flag it was for
     * @param architecture the image's architecture, which picks the QEMU machine
     * @param qemu         the QEMU that boots it, checked to be new enough
     */
    public record Checked(Image image, Accelerator accelerator, Map<String, String> turnedOn, Architecture architecture, Path qemu) {
        public Checked {
            Objects.requireNonNull(image, "image");
            Objects.requireNonNull(accelerator, "accelerator");
            turnedOn = Map.copyOf(turnedOn);
            Objects.requireNonNull(architecture, "architecture");
            Objects.requireNonNull(qemu, "qemu");
        }
    }

    private final Services services;

    public RunProject(Services services) {
        this.services = services;
    }

    /**
     * The QEMU to boot an image of {@code architecture} with ({@code --qemu}, else that architecture's
     * {@code qemu-system-…} on PATH), checked to be new enough. {@code run} asks before any build, with
     * the architecture the flags name ({@link #requestedArchitecture}), so that a missing or too old
     * QEMU does not cost the user a build first.
     */
    public Path qemu(Optional<Path> qemuBinary, Architecture architecture) {
        QemuSystem system = QemuSystem.of(architecture);
        Path qemu = qemuBinary.isPresent() ? services.tools().find(qemuBinary.get().toString()).orElseThrow(() ->
                UknativeException.usage("--qemu " + qemuBinary.get() + " is not an executable file", "give the path of " + system.binary()))
                : services.tools().require(system.binary(), system.debianPackage());
        QemuVersion.require(services.processes(), qemu, Paths.cacheHome().resolve("qemu-versions"));
        return qemu;
    }

    /** The x86_64 QEMU ({@link #qemu(Optional, Architecture)}). */
    public Path qemu(Optional<Path> qemuBinary) {
        return qemu(qemuBinary, Architecture.X86_64);
    }

    /**
     * KVM when the host has a usable one, the image is for the host's own architecture and
     * {@code noAccel} is false, else software emulation (TCG).
     */
    private static Accelerator accelerator(boolean noAccel, Architecture architecture) {
        return noAccel || architecture != Architecture.host() ? Accelerator.TCG : Accelerator.detect();
    }



    /**
     * The architecture of a kernel file: its header ({@link QemuSystem#ofKernel}), else its
     * configuration's, else x86_64.
     */
    private static Architecture architectureOf(Path kernel, Optional<Map<String, String>> config) {
        return QemuSystem.ofKernel(kernel).orElseGet(() -> config.map(c -> "y".equals(c.get("CONFIG_ARCH_ARM_64"))).orElse(false)
                ? Architecture.ARM64 : Architecture.X86_64);
    }

    /** A kernel image file, booted as it is once it is checked to be a readable, non-empty file. */
    private static Image kernel(Path file) {
        return new Image(KernelImage.check(file.toAbsolutePath().normalize()), Optional.empty(), List.of(), Optional.empty(), Optional.empty());
    }

    /**
     * {@code run REF}: the target is no file or folder but names an image. To tell it from a mistyped
     * folder, a reference counts only with a registry ({@code localhost:5000/…}, {@code ghcr.io/…}), a
     * tag or a digest.
     */
    public static Optional<ImageRef> imageReference(String target) {
        if (Files.exists(Path.of(target))) {
            return Optional.empty();
        }
        String first = target.contains("/") ? target.substring(0, target.indexOf('/')) : "";
        boolean qualified = first.contains(".") || first.contains(":") || first.equals("localhost")
                || target.contains("@") || target.substring(target.lastIndexOf('/') + 1).contains(":");
        return qualified ? ImageRef.tryParse(target) : Optional.empty();
    }

    /** The image's kernel, from the local image cache (pulled first when not cached), checked blob by blob. */
    private Image image(ImageRef reference, Reporter reporter) {
        UnpackedImage image = new PullImage(services, reporter).resolve(reference);
        return new Image(KernelImage.check(image.kernel()), Optional.empty(), image.arguments(), Optional.empty(), image.initrd());
    }

    /**
     * An OCI image's kernel, checked against the run's flags like a kernel file: with the configuration
     * unpacked beside it when the image carries one, else with one warning per flag that cannot be checked.
     */
    public Checked image(ImageRef reference, RunCheck check, Reporter reporter) {
        return checkFile(image(reference, reporter), check, reporter);
    }

    /**
     * A kernel image file, checked against the run's flags with the configuration found beside it
     * ({@link ImageFacts#configurationOf}); without one, each flag that cannot be checked is a warning.
     */
    public Checked kernel(Path file, RunCheck check, Reporter reporter) {
        return checkFile(kernel(file), check, reporter);
    }

    /** An image file (not a project's build): checked with the configuration found beside it, if any. */
    private Checked checkFile(Image image, RunCheck check, Reporter reporter) {
        Optional<Path> configFile = ImageFacts.configurationOf(image.kernel());
        Architecture architecture = architectureOf(image.kernel(), configFile.map(RunProject::readConfig));
        Path qemu = qemu(check.qemuBinary(), architecture);
        ImageCheck.Result result = check(image.kernel(), configFile, List.of(), check, architecture, qemu);
        RunRefusal.conclude(result, Optional.empty(), false, reporter);
        return new Checked(image, result.accelerator(), Map.of(), architecture, qemu);
    }

    /**
     * The project's image, built when needed, checked against the run's flags with the configuration it
     * was built from. With {@code --auto-config} (or the Kraftfile's {@code run: {auto-config: true}})
     * the options the flags need are written to the Kraftfile (never over what it sets itself), the
     * image is built again and checked again.
     */
    public Checked build(ProjectRequest project, int jobs, BuildRequest.LinkOptions link, boolean compileCache, Reporter reporter,
            ProjectLoader.TargetQuestion question, RunCheck check) {
        BuildProject build = new BuildProject(services, reporter, question);
        BuildRequest request = build.request(project, jobs, false, link).withCompileCache(compileCache);
        BuildResult built = build.build(request);
        Path config = ProjectLayout.of(request.kraftfile()).configFile(request.imageName());
        List<ImageCheck.ParameterLibrary> parameters = parameterLibraries(request, check);
        Architecture architecture = request.target().architecture();
        Path qemu = qemu(check.qemuBinary(), architecture);
        ImageCheck.Result result = check(built.image(), Optional.of(config), parameters, check, architecture, qemu);
        Map<String, String> turnedOn = Map.of();
        boolean autoConfig = check.autoConfig() || request.kraftfile().run().autoConfig();
        // Nothing is turned on (and nothing rebuilt) for a run that would be refused anyway.
        if (autoConfig && !result.missing().isEmpty() && result.invalid().isEmpty() && result.hostLacks().isEmpty()) {
            turnedOn = new AutoConfig(services, reporter).turnOn(project, request, result.missing());
            request = build.request(project, jobs, false, link).withCompileCache(compileCache);
            built = build.build(request);
            result = check(built.image(), Optional.of(config), parameters, check, architecture, qemu);
        }
        RunRefusal.conclude(result, Optional.of(request.kraftfile().projectDirectory()), !turnedOn.isEmpty(), reporter);
        return new Checked(projectImage(request, built), result.accelerator(), turnedOn, architecture, qemu);
    }

    /**
     * The parameters the project's Unikraft and libraries define, read (about a second for Unikraft's
     * tree) only when an {@code -a} names a library that Unikraft 0.17.0's table does not know.
     */
    private static List<ImageCheck.ParameterLibrary> parameterLibraries(BuildRequest request, RunCheck check) {
        Set<String> known = ImageCheck.PARAMETER_LIBRARIES.stream().map(ImageCheck.ParameterLibrary::prefix).collect(Collectors.toSet());
        boolean unknown = check.flags().kernelArguments().stream().map(a -> a.split("[.=]", 2)[0])
                .anyMatch(prefix -> !known.contains(prefix) && !prefix.startsWith("app"));
        if (!unknown) {
            return List.of();
        }
        List<Path> roots = new java.util.ArrayList<>();
        roots.add(request.sources().unikraft().path());
        roots.addAll(request.sources().libraries());
        return LibraryParameters.scan(roots);
    }

    private ImageCheck.Result check(Path kernel, Optional<Path> configFile, List<ImageCheck.ParameterLibrary> parameters, RunCheck check,
            Architecture architecture, Path qemu) {
        Optional<Map<String, String>> config = configFile.map(RunProject::readConfig);
        Accelerator accelerator = accelerator(check.noAccel(), architecture);
        QemuVersion version = QemuVersion.require(services.processes(), qemu, Paths.cacheHome().resolve("qemu-versions"));
        Set<String> cpuFlags = accelerator == Accelerator.KVM ? ImageFacts.cpuFlags(Path.of("/proc/cpuinfo")) : Set.of();
        return ImageCheck.check(check.flags(), new ImageCheck.Image(config, ImageFacts.imageEnd(kernel), parameters),
                new ImageCheck.Host(accelerator, version, cpuFlags));
    }

    private static Map<String, String> readConfig(Path file) {
        try {
            return DotConfig.parse(Files.readString(file)).values();
        } catch (IOException e) {
            throw UknativeException.environment("cannot read the image's configuration " + file + ": " + e.getMessage(),
                    "check its permissions, or build the project again");
        }
    }

    /** The image's symbols for a debugger: Unikraft's unstripped {@code IMAGE.dbg}, else the image itself. */
    public static Path debugImage(Path kernel) {
        Path dbg = kernel.resolveSibling(kernel.getFileName() + ".dbg");
        return java.nio.file.Files.isRegularFile(dbg) ? dbg : kernel;
    }

    /** {@code --log FILE}: refused before anything is built or started when its folder cannot be made. */
    public static void requireLogFolder(Path log) {
        Runner.requireLogFolder(log);
    }

    /** The project's image, built when needed and not checked against flags (a Firecracker target's). */
    public Image build(ProjectRequest project, int jobs, BuildRequest.LinkOptions link, boolean compileCache, Reporter reporter,
            ProjectLoader.TargetQuestion question) {
        BuildProject build = new BuildProject(services, reporter, question);
        BuildRequest request = build.request(project, jobs, false, link).withCompileCache(compileCache);
        return projectImage(request, build.build(request));
    }

    /** A project's built image: the Kraftfile's {@code cmd} as its arguments, its console kept in {@code .unikraft/run.log}. */
    private static Image projectImage(BuildRequest request, BuildResult built) {
        return new Image(built.image(), Optional.of(built), request.kraftfile().cmd(),
                Optional.of(ProjectLayout.of(request.kraftfile()).workDirectory().resolve("run.log")), Optional.empty());
    }

    /**
     * The target a project run boots, chosen before anything is built (asking when several fit) so
     * that its platform decides what happens next ({@link PlatformSupport}); the Kraftfile's warnings
     * wait for the build, which reads it again.
     */
    public TargetSpec target(ProjectRequest project, ProjectLoader.TargetQuestion question) {
        return new ProjectLoader(services, Reporter.SILENT, question).target(project);
    }

    /**
     * {@code project} narrowed to {@code target}, so that the build does not ask again which target:
     * by its name, or by plat/arch for a target without a name (which also finds the target a
     * Kraftfile without {@code targets:} implies).
     */
    public static ProjectRequest narrowed(ProjectRequest project, TargetSpec target) {
        return project.withTarget(target.name().isPresent()
                ? new TargetSelector.Query(target.name(), Optional.empty(), Optional.empty())
                : new TargetSelector.Query(Optional.empty(), Optional.of(target.platform()), Optional.of(target.architecture())));
    }

    /**
     * Refuses, before any build, a run of {@code target} that cannot happen here (see
     * {@link PlatformSupport#check}); for a Firecracker target, the Firecracker to start.
     */
    public Optional<Path> platform(TargetSpec target, PlatformSupport.Flags flags) {
        Optional<Path> firecracker = target.platform() == Platform.FIRECRACKER ? services.tools().find("firecracker") : Optional.empty();
        return PlatformSupport.check(target.platform(), target.id(), flags, firecracker);
    }

    /**
     * Boots {@code machine} in Firecracker with its console on {@code console}, from a configuration
     * file written beside the project's console log ({@code .unikraft/firecracker-IMAGE.json}), until
     * it ends; the console also goes to {@code consoleLog}.
     */
    public RunOutcome bootFirecracker(MachineSpec machine, Path firecracker, Path configFile, OutputStream console, OutputStream errors,
            Optional<Path> consoleLog) {
        FirecrackerConfig config = FirecrackerConfig.of(machine, List.of());
        return new FirecrackerRunner(services.processes(), firecracker, System.console() != null)
                .run(config, configFile, machine.timeout(), console, errors, consoleLog);
    }

    /** Where a Firecracker run of {@code image} keeps its configuration: beside its console log. */
    public static Path firecrackerConfigFile(Image image) {
        Path folder = image.consoleLog().map(Path::getParent).orElse(image.kernel().toAbsolutePath().getParent());
        return folder.resolve("firecracker-" + image.kernel().getFileName() + ".json");
    }

    /**
     * Boots {@code machine} with its console on {@code console} (and in {@code consoleLog}) and QEMU's
     * own messages on {@code errors}, until it ends.
     */
    public RunOutcome boot(MachineSpec.Builder machineBuilder, Path qemu, OutputStream console, OutputStream errors,
            Optional<Path> consoleLog) {
        MachineSpec machine = machineBuilder.statusOnQemuStderr().build();
        return Runner.foreground(services.processes(), qemu, System.console() != null).run(machine, console, errors, consoleLog);
    }
}
