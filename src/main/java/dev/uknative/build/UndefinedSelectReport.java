package dev.uknative.build;

import dev.uknative.core.Reporter;
import dev.uknative.kconfig.UndefinedSelect;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Warns, when a build configures, about the selects in effect of symbols this Unikraft tree does not
 * define (lib-lwip RELEASE-0.16.2 selects LIBUKSWRAND, which Unikraft 0.17.0 no longer has). kconfig
 * ignores them, so without this the first sign is a missing header minutes later in make. One line
 * per select, one hint for them all; the build goes on. The core's own selects are left out: Unikraft
 * 0.16 and 0.17 themselves select ELF64_TO_32, which neither defines, and the user can do nothing
 * about that (explain still lists them).
 */
final class UndefinedSelectReport {

    private UndefinedSelectReport() {
    }

    /**
     * @param unikraft    the core's tree, whose own selects are left out
     * @param application the application's folder, for short locations inside it
     * @param libraryHint the external libraries, with their folders and versions; asked for only when
     *                    something is reported (it reads the lock file and each library's Makefile.uk)
     */
    static void report(List<UndefinedSelect> found, Path unikraft, Path application, Supplier<LibraryErrorHint> libraryHint,
            Reporter reporter) {
        List<UndefinedSelect> shown = found.stream().filter(u -> !normalized(u.location().file()).startsWith(normalized(unikraft))).toList();
        if (shown.isEmpty()) {
            return;
        }
        LibraryErrorHint libraries = libraryHint.get();
        Set<LibraryErrorHint.Library> involved = new LinkedHashSet<>();
        for (UndefinedSelect u : shown) {
            Optional<LibraryErrorHint.Library> library = libraryOf(u, libraries);
            library.ifPresent(involved::add);
            reporter.warn(u.selecting() + " " + u.kind().verb() + " " + u.target() + ", which this Unikraft tree does not define ("
                    + where(u, library, application) + ")");
        }
        reporter.hint(hint(involved, libraries.core()));
    }

    private static String hint(Set<LibraryErrorHint.Library> involved, String core) {
        if (involved.isEmpty()) {
            return "kconfig ignores such selects: the option may have another name in this Unikraft release"
                    + " (uknative config list PATTERN finds options by name)";
        }
        List<String> versions = new ArrayList<>();
        List<String> commands = new ArrayList<>();
        for (LibraryErrorHint.Library l : involved) {
            versions.add(l.name() + ": " + l.version());
            commands.add("uknative versions " + l.name());
        }
        return "a library may have been written for another Unikraft release (" + String.join("; ", versions) + "; core: " + core
                + "): check the versions in the Kraftfile (" + String.join(", ", commands) + " lists them)";
    }

    private static Optional<LibraryErrorHint.Library> libraryOf(UndefinedSelect u, LibraryErrorHint libraries) {
        Path file = normalized(u.location().file());
        return libraries.libraries().stream().filter(l -> file.startsWith(normalized(l.folder()))).findFirst();
    }

    /** The select's place, short: a library's own file by the library's name, the application's relative. */
    private static String where(UndefinedSelect u, Optional<LibraryErrorHint.Library> library, Path application) {
        Path file = normalized(u.location().file());
        String line = u.location().line() > 0 ? ":" + u.location().line() : "";
        if (library.isPresent()) {
            return "library " + library.get().name() + ", " + normalized(library.get().folder()).relativize(file) + line;
        }
        Path root = normalized(application);
        if (file.startsWith(root)) {
            return root.getFileName() + "/" + root.relativize(file) + line;
        }
        return u.location().toString();
    }

    /**
     * The real path where there is one: kconfig names the files it sources through Unikraft's
     * {@code readlink -f}, while the trees come as given (a {@code --unikraft-source} or cache behind
     * a symbolic link), so both sides must resolve links to be compared.
     */
    private static Path normalized(Path p) {
        Path absolute = p.toAbsolutePath().normalize();
        try {
            return absolute.toRealPath();
        } catch (IOException e) {
            return absolute;
        }
    }
}
