package dev.uknative.project;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A Kraftfile as read: kraftkit's spec v0.6 subset that builds native unikernels.
 *
 * @param file      the Kraftfile's path
 * @param name      the project name ({@code name:}, or the folder's name)
 * @param unikraft  the Unikraft core; its name is {@code unikraft}
 * @param libraries external libraries in the order written
 * @param targets   targets in the order written; may be empty
 * @param cmd       default application arguments
 * @param natives   foreign static libraries ({@code native:}, uknative's addition) in the order written
 * @param run       uknative's defaults for {@code uknative run} ({@code run:}, uknative's addition)
 * @param warnings  things worth telling the user that did not stop the read (unknown keys …)
 */
public record Kraftfile(
        Path file,
        String spec,
        String name,
        ComponentSpec unikraft,
        List<ComponentSpec> libraries,
        List<TargetSpec> targets,
        List<String> cmd,
        List<NativeLibrary> natives,
        RunSettings run,
        List<String> warnings) {

    public Kraftfile {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(unikraft, "unikraft");
        libraries = List.copyOf(libraries);
        targets = List.copyOf(targets);
        cmd = List.copyOf(cmd);
        natives = List.copyOf(natives);
        Objects.requireNonNull(run, "run");
        warnings = List.copyOf(warnings);
    }

    /** The folder that holds the Kraftfile: the application folder ({@code A=}). */
    public Path projectDirectory() {
        return file.toAbsolutePath().getParent();
    }
}
