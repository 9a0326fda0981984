package dev.uknative.app;

import dev.uknative.build.BuildRequest;
import dev.uknative.build.SymbolDoctor;
import dev.uknative.core.Location;
import dev.uknative.core.Reporter;
import dev.uknative.core.UknativeException;
import dev.uknative.project.Architecture;
import dev.uknative.project.Platform;
import dev.uknative.project.TargetSelector;
import dev.uknative.project.TargetSpec;
import dev.uknative.source.LocalSourceResolver;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** {@code uknative symbols}: the symbol doctor's diagnosis of a project's native libraries, or of one archive. */
public final class DiagnoseSymbols {

    private final Services services;
    private final Reporter reporter;
    private final ProjectLoader.TargetQuestion question;

    public DiagnoseSymbols(Services services, Reporter reporter, ProjectLoader.TargetQuestion question) {
        this.services = services;
        this.reporter = reporter;
        this.question = question;
    }

    /** The link plan of the project's {@code native:} libraries; a project without any is invalid input. */
    public SymbolDoctor.Diagnosis project(ProjectRequest project, BuildRequest.LinkOptions link, int jobs) {
        BuildRequest request = new ProjectLoader(services, reporter, question).request(project, jobs, false).withLink(link);
        return services.builder(reporter).diagnose(request).orElseThrow(() ->
                UknativeException.invalidInput(Location.of(request.kraftfile().file()), "the Kraftfile has no native: libraries",
                        "add one, e.g.  native: { mylib: {archive: libmylib.a} }, or give a .a file"));
    }

    /**
     * The link plan of one static library against the Unikraft tree given with {@code --unikraft-source}
     * or {@code UKNATIVE_UNIKRAFT_SOURCE} (there is no Kraftfile to name one), for the target's plat/arch
     * (default qemu/x86_64).
     */
    public SymbolDoctor.Diagnosis archive(Path archive, Optional<Path> unikraftSource, TargetSelector.Query query,
            BuildRequest.LinkOptions link, int jobs) {
        Path unikraft = LocalSourceResolver.overrideTree(unikraftSource, Optional.ofNullable(System.getenv("UKNATIVE_UNIKRAFT_SOURCE")))
                .orElseThrow(() -> UknativeException.usage("which Unikraft should provide the symbols of " + archive + "?",
                        "pass --unikraft-source PATH or set UKNATIVE_UNIKRAFT_SOURCE"))
                .path();
        TargetSpec target = new TargetSpec(Optional.empty(), query.platform().orElse(Platform.QEMU), query.architecture().orElse(Architecture.X86_64),
                List.of(), Location.of(archive));
        return services.builder(reporter).diagnoseArchive(archive.toAbsolutePath().normalize(), unikraft, target, link, jobs);
    }
}
