package dev.uknative.source;

import dev.uknative.core.UknativeException;
import dev.uknative.project.ComponentSpec;
import dev.uknative.project.Kraftfile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the sources of a project on the local disk only: the Unikraft tree and external libraries
 * given as folders, and the overrides ({@code --unikraft-source}, {@code UKNATIVE_UNIKRAFT_SOURCE})
 * that {@link SourceResolver} applies before any fetching. A {@code version:} that a local tree does
 * not match is reported as a warning instead of being silently ignored.
 */
public final class LocalSourceResolver {

    /** What was found, and what the user should know about it. */
    public record Resolved(UnikraftTree unikraft, List<Path> libraries, List<String> warnings) {
        public Resolved {
            libraries = List.copyOf(libraries);
            warnings = List.copyOf(warnings);
        }
    }

    /**
     * @param override  {@code --unikraft-source}, when given
     * @param fromEnvironment {@code UKNATIVE_UNIKRAFT_SOURCE}, when set
     */
    public Resolved resolve(Kraftfile kraftfile, Optional<Path> override, Optional<String> fromEnvironment) {
        UnikraftTree tree = unikraftTree(kraftfile, override, fromEnvironment);
        List<String> warnings = new ArrayList<>();
        versionWarning(kraftfile.unikraft(), tree).ifPresent(warnings::add);
        List<Path> libraries = new ArrayList<>();
        for (ComponentSpec library : kraftfile.libraries()) {
            Path folder = library.source()
                    .filter(s -> !s.contains("://"))
                    .map(s -> kraftfile.projectDirectory().resolve(expandHome(s)).normalize())
                    .orElseThrow(() -> UknativeException.invalidInput(library.location(),
                            "library '" + library.name() + "' has no local source folder",
                            "add  source: /path/to/lib-" + library.name() + "  (or a git or tarball URL, which uknative build fetches)"));
            if (!folder.toFile().isDirectory()) {
                throw UknativeException.invalidInput(library.location(),
                        "library '" + library.name() + "': " + folder + " is not a folder", "clone the library there or fix source:");
            }
            libraries.add(folder);
        }
        return new Resolved(tree, libraries, warnings);
    }

    /** The tree given by {@code --unikraft-source}, else by {@code UKNATIVE_UNIKRAFT_SOURCE}, when either is. */
    public static Optional<UnikraftTree> overrideTree(Optional<Path> override, Optional<String> fromEnvironment) {
        if (override.isPresent()) {
            return Optional.of(UnikraftTree.open(override.get(), "--unikraft-source"));
        }
        if (fromEnvironment.isPresent() && !fromEnvironment.get().isBlank()) {
            return Optional.of(UnikraftTree.open(Path.of(expandHome(fromEnvironment.get())), "UKNATIVE_UNIKRAFT_SOURCE"));
        }
        return Optional.empty();
    }

    /** A warning when the Kraftfile asks for a release that a given tree is not. */
    static Optional<String> versionWarning(ComponentSpec unikraft, UnikraftTree tree) {
        if (unikraft.version().isPresent() && tree.version().isPresent()
                && !sameVersion(unikraft.version().get(), tree.version().get())) {
            return Optional.of(unikraft.location() + ": unikraft version '" + unikraft.version().get()
                    + "' differs from the tree at " + tree.path() + ", which is " + tree.version().get()
                    + "; building with the tree");
        }
        return Optional.empty();
    }

    static UknativeException noTree() {
        return UknativeException.environment("no Unikraft tree to build with",
                "write  unikraft: stable  (or a release, a commit, a git URL) in the Kraftfile, pass --unikraft-source PATH, "
                        + "or set UKNATIVE_UNIKRAFT_SOURCE");
    }

    private static UnikraftTree unikraftTree(Kraftfile kraftfile, Optional<Path> override, Optional<String> fromEnvironment) {
        Optional<UnikraftTree> overridden = overrideTree(override, fromEnvironment);
        if (overridden.isPresent()) {
            return overridden.get();
        }
        Optional<String> source = kraftfile.unikraft().source().filter(s -> !s.contains("://"));
        if (source.isPresent()) {
            Path path = kraftfile.projectDirectory().resolve(expandHome(source.get()));
            return UnikraftTree.open(path, kraftfile.unikraft().location() + " unikraft.source");
        }
        throw noTree();
    }

    /** "0.17.0", "v0.17.0" and "RELEASE-0.17.0" name the same release. */
    static boolean sameVersion(String spec, String treeVersion) {
        String s = spec.trim();
        if (s.startsWith("RELEASE-")) {
            s = s.substring("RELEASE-".length());
        } else if (s.startsWith("v")) {
            s = s.substring(1);
        }
        if (!s.matches("[0-9]+(\\.[0-9]+)*")) {
            // A channel ("stable"), branch or commit: nothing to compare against offline.
            return true;
        }
        return s.equals(treeVersion) || (s + ".0").equals(treeVersion);
    }

    private static String expandHome(String path) {
        if (path.equals("~") || path.startsWith("~/")) {
            return System.getProperty("user.home") + path.substring(1);
        }
        return path;
    }
}
