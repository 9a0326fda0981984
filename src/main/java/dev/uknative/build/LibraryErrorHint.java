package dev.uknative.build;

import dev.uknative.core.Reporter;
import dev.uknative.source.LockFile;
import dev.uknative.source.LockedSource;
import dev.uknative.symbols.LibraryOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which external library a failed build's first error is in, and the hint that says so with the
 * library's version and the core's. An external library is written against one Unikraft release:
 * lib-lwip RELEASE-0.16.2 includes {@code uk/swrand.h}, which Unikraft 0.17.0 renamed, so on 0.17.0
 * its first error is a missing header in lwip's own folder. The error is the library's when its file
 * is in the library's folder or in what the library fetched and compiles in the build folder
 * ({@code <build>/liblwip/…}, named after its {@code addlib} names).
 *
 * @param libraries the project's external libraries
 * @param core      the core's version as it is known ({@code 0.17.0}), or a description of the tree
 */
public record LibraryErrorHint(List<Library> libraries, String core) {

    /**
     * One external library.
     *
     * @param name      the Kraftfile's name for it
     * @param folder    its source tree
     * @param makeNames the libraries its Makefile.uk registers ({@code liblwip}), whose build folders hold what it fetched
     * @param version   what it resolved to: the lock's ref (and commit), else its Kraftfile spec
     */
    public record Library(String name, Path folder, List<String> makeNames, String version) {
        public Library {
            makeNames = List.copyOf(makeNames);
        }
    }

    public LibraryErrorHint {
        libraries = List.copyOf(libraries);
    }

    /** The libraries of {@code request}, their versions from {@code uknative.lock} beside the Kraftfile. */
    public static LibraryErrorHint of(BuildRequest request) {
        LockFile lock = LockFile.read(LockFile.beside(request.kraftfile().file()), Reporter.SILENT);
        List<Library> libraries = new ArrayList<>();
        List<Path> folders = request.sources().libraries();
        for (int i = 0; i < Math.min(folders.size(), request.kraftfile().libraries().size()); i++) {
            var spec = request.kraftfile().libraries().get(i);
            Path folder = folders.get(i);
            String version = Optional.ofNullable(lock.libraries().get(spec.name())).map(LibraryErrorHint::describe)
                    .or(() -> spec.version()).or(() -> spec.source()).orElse(folder.toString());
            libraries.add(new Library(spec.name(), folder, makeNames(folder), version));
        }
        String core = request.sources().unikraft().version().map(v -> "Unikraft " + v)
                .orElse("the Unikraft tree at " + request.sources().unikraft().path());
        return new LibraryErrorHint(libraries, core);
    }

    /** The hint for {@code error}, when its file is one of the libraries'. */
    public Optional<String> hint(MakeOutputParser.Diagnostic error, Path buildDirectory) {
        if (error.file().isEmpty()) {
            return Optional.empty();
        }
        Path file = Path.of(error.file().get());
        if (!file.isAbsolute()) {
            return Optional.empty();
        }
        Path normalized = file.normalize();
        for (Library library : libraries) {
            boolean inFolder = normalized.startsWith(library.folder().toAbsolutePath().normalize());
            boolean inFetched = library.makeNames().stream()
                    .anyMatch(n -> normalized.startsWith(buildDirectory.toAbsolutePath().normalize().resolve(n)));
            if (inFolder || inFetched) {
                return Optional.of("the error is in library " + library.name() + " (" + library.version() + ") built on " + core
                        + ": a library is written for one Unikraft release; use " + library.name() + "'s version for " + core
                        + " (uknative versions " + library.name() + " lists them) or the core release " + library.name() + " was made for");
            }
        }
        return Optional.empty();
    }

    /** {@code RELEASE-0.16.2, commit 7c1859a70697} for git, the spec and digest for a tarball, the folder for a local one. */
    private static String describe(LockedSource locked) {
        return switch (locked.type()) {
            case "git" -> (locked.ref().isEmpty() ? locked.spec() : locked.ref()) + ", commit "
                    + locked.id().substring(0, Math.min(12, locked.id().length())) + " in " + LockFile.NAME;
            case "tarball" -> locked.source() + ", sha256 " + locked.id().substring(0, Math.min(12, locked.id().length())) + " in " + LockFile.NAME;
            default -> "the folder " + locked.source();
        };
    }

    private static List<String> makeNames(Path folder) {
        try {
            return List.copyOf(LibraryOptions.parse(Files.readString(folder.resolve("Makefile.uk"))).keySet());
        } catch (IOException e) {
            return List.of(); // no Makefile.uk: the folder alone tells its errors apart
        }
    }
}
