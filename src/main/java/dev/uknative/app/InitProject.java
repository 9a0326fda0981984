package dev.uknative.app;

import dev.uknative.project.ProjectScaffold;
import java.nio.file.Path;

/** {@code uknative init}: a new project folder that builds and runs as it is. */
public final class InitProject {

    /**
     * Creates {@code folder} with a Kraftfile, a Makefile.uk and a C main (and a native library for Zig
     * or Rust); a folder that exists and is not empty is refused, and none is left half-written.
     *
     * @return the folder created
     */
    public Path create(Path folder, ProjectScaffold.Language language) {
        return ProjectScaffold.create(folder, language);
    }
}
