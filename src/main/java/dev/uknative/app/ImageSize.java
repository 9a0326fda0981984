package dev.uknative.app;

import dev.uknative.build.BuildRequest;
import dev.uknative.core.AtomicFiles;
import dev.uknative.core.Location;
import dev.uknative.core.Reporter;
import dev.uknative.core.UknativeException;
import dev.uknative.project.ProjectLayout;
import dev.uknative.size.LinkInputs;
import dev.uknative.size.SizeAnalyzer;
import dev.uknative.size.SizeReport;
import dev.uknative.size.SizeTreemap;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** {@code uknative size}: where the bytes of a project's built image go, and optionally a treemap page of it. */
public final class ImageSize {

    private final Services services;
    private final Reporter reporter;
    private final ProjectLoader.TargetQuestion question;

    public ImageSize(Services services, Reporter reporter, ProjectLoader.TargetQuestion question) {
        this.services = services;
        this.reporter = reporter;
        this.question = question;
    }

    /**
     * @param html where the treemap page was written, when asked for
     * @param debugImage the {@code .dbg} file that was read
     */
    public record Result(SizeReport report, Path debugImage, Optional<Path> html) {
    }

    /** Reads the last built image of the project's target; builds nothing. */
    public Result measure(ProjectRequest project, boolean writeHtml) {
        BuildRequest request = new ProjectLoader(services, reporter, question).readOnlyRequest(project);
        ProjectLayout layout = ProjectLayout.of(request.kraftfile());
        Path image = layout.image(request.imageName());
        Path debug = image.resolveSibling(image.getFileName() + ".dbg");
        Path command = debug.resolveSibling(debug.getFileName() + ".cmd");
        if (!Files.isRegularFile(debug) || !Files.isRegularFile(command)) {
            throw UknativeException.invalidInput(Location.of(layout.root()), "there is no built image of " + request.imageName()
                    + " (no " + (Files.isRegularFile(debug) ? command : debug) + ")", "build it first:  uknative build " + layout.root());
        }
        LinkInputs inputs;
        try {
            inputs = LinkInputs.parse(Files.readString(command));
        } catch (IOException e) {
            throw UknativeException.environment("cannot read " + command + ": " + e.getMessage(), "build again:  uknative build --force");
        }
        for (Path input : inputs.objects()) {
            if (!Files.isRegularFile(input)) {
                throw UknativeException.invalidInput(Location.of(command), "the link of " + request.imageName() + " read " + input
                        + ", which is gone", "build again:  uknative build --force " + layout.root());
            }
        }
        SizeReport report = new SizeAnalyzer().analyze(debug, image.getFileName().toString(), inputs);
        Optional<Path> html = Optional.empty();
        if (writeHtml) {
            Path page = layout.buildDirectory().resolve("size.html");
            try {
                AtomicFiles.write(page, SizeTreemap.html(report));
            } catch (IOException e) {
                throw UknativeException.environment("cannot write " + page + ": " + e.getMessage(),
                        "check the free space and permissions of the build folder");
            }
            html = Optional.of(page);
        }
        return new Result(report, debug, html);
    }
}
