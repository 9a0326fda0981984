package dev.uknative.app;

import dev.uknative.build.BuildRequest;
import dev.uknative.build.BuildResult;
import dev.uknative.core.Reporter;
import dev.uknative.core.UknativeException;
import dev.uknative.project.ProjectLayout;
import dev.uknative.run.Accelerator;
import dev.uknative.run.KernelImage;
import dev.uknative.run.MachineSpec;
import dev.uknative.run.QemuVersion;
import dev.uknative.run.RunOutcome;
import dev.uknative.run.Runner;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

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
     */
    public record Image(Path kernel, Optional<BuildResult> built, List<String> arguments, Optional<Path> consoleLog) {
    }

    private final Services services;

    public RunProject(Services services) {
        this.services = services;
    }

    /**
     * The QEMU to boot with ({@code --qemu}, else qemu-system-x86_64 on PATH), checked to be new enough;
     * asked before any build, so that a missing or too old QEMU does not cost the user a build first.
     */
    public Path qemu(Optional<Path> qemuBinary) {
        Path qemu = qemuBinary.isPresent() ? services.tools().find(qemuBinary.get().toString()).orElseThrow(() ->
                UknativeException.usage("--qemu " + qemuBinary.get() + " is not an executable file", "give the path of qemu-system-x86_64"))
                : services.tools().require("qemu-system-x86_64", "qemu-system-x86");
        QemuVersion.require(services.processes(), qemu, Paths.cacheHome().resolve("qemu-versions"));
        return qemu;
    }

    /** KVM when the host has a usable one and {@code noAccel} is false, else software emulation (TCG). */
    public Accelerator accelerator(boolean noAccel) {
        return noAccel ? Accelerator.TCG : Accelerator.detect();
    }

    /** A kernel image file, booted as it is once it is checked to be a readable, non-empty file. */
    public Image kernel(Path file) {
        return new Image(KernelImage.check(file.toAbsolutePath().normalize()), Optional.empty(), List.of(), Optional.empty());
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

    /** The project's image, built when needed (the build's progress goes to {@code reporter}). */
    public Image build(ProjectRequest project, int jobs, BuildRequest.LinkOptions link, boolean compileCache, Reporter reporter,
            ProjectLoader.TargetQuestion question) {
        BuildProject build = new BuildProject(services, reporter, question);
        BuildRequest request = build.request(project, jobs, false, link).withCompileCache(compileCache);
        BuildResult built = build.build(request);
        return new Image(built.image(), Optional.of(built), request.kraftfile().cmd(),
                Optional.of(ProjectLayout.of(request.kraftfile()).workDirectory().resolve("run.log")));
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
