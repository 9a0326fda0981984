package dev.uknative.build;

import dev.uknative.foreign.ForeignLibraries;
import dev.uknative.project.ProjectLayout;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The make call whose Kconfig tree and variables a request's configuration is solved with — what
 * {@code config get/list/explain} and the menu read — without goals, and without writing into the
 * project: the exit-status library it names lives in uknative's cache, and the library of the foreign
 * archives, which only the build writes, declares no options (it is named once it exists).
 */
public final class ConfigurationInputs {

    private final GeneratedLibraries generated;

    /** @param cache uknative's cache ({@code $XDG_CACHE_HOME/uknative}) */
    public ConfigurationInputs(Path cache) {
        this.generated = new GeneratedLibraries(cache);
    }

    public MakeInvocation of(BuildRequest request) {
        ProjectLayout layout = ProjectLayout.of(request.kraftfile());
        MakeInvocation invocation = generated.invocation(request, layout, ForeignLibraries.archives(request.kraftfile()));
        Path nativeLibrary = GeneratedLibraries.nativeLibrary(layout);
        if (Files.isDirectory(nativeLibrary)) {
            return invocation;
        }
        return new MakeInvocation(invocation.unikraft(), invocation.application(),
                invocation.libraries().stream().filter(l -> !l.equals(nativeLibrary)).toList(), invocation.buildDirectory(),
                invocation.config(), invocation.name(), invocation.jobs(), invocation.variables(), invocation.goals());
    }
}
