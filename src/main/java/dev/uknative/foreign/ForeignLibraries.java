package dev.uknative.foreign;

import dev.uknative.core.Reporter;
import dev.uknative.core.UknativeException;
import dev.uknative.project.Architecture;
import dev.uknative.project.Kraftfile;
import dev.uknative.project.NativeLibrary;
import dev.uknative.project.ProjectLayout;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns the Kraftfile's {@code native:} entries into archives for the link: zig, rust and c sources
 * are built with their toolchains into {@code <build>/native/<name>/lib<name>.a} (only when they
 * changed), prebuilt archives are checked (present, an ar archive, a path make can take).
 */
public final class ForeignLibraries {

    private static final byte[] AR_MAGIC = "!<arch>\n".getBytes(StandardCharsets.US_ASCII);

    private ForeignLibraries() {
    }

    /**
     * Builds what needs building and returns every archive, in the Kraftfile's order.
     *
     * @param buildFolder the project's build folder (Unikraft's {@code O=}); each library builds in
     *                    {@code native/<name>} below it
     * @param runner      runs the toolchains (the command's one process runner)
     */
    public static List<ForeignArchive> build(Kraftfile kraftfile, Toolchains toolchains, Path buildFolder, Reporter reporter,
                                             ToolRunner runner) {
        return build(kraftfile, toolchains, buildFolder, reporter, runner, Architecture.X86_64);
    }

    /** {@link #build(Kraftfile, Toolchains, Path, Reporter, ToolRunner)} for an image of {@code architecture}. */
    public static List<ForeignArchive> build(Kraftfile kraftfile, Toolchains toolchains, Path buildFolder, Reporter reporter,
                                             ToolRunner runner, Architecture architecture) {
        NativeBuilder builder = new NativeBuilder(runner, toolchains, reporter, architecture);
        List<ForeignArchive> archives = new ArrayList<>();
        for (NativeLibrary library : kraftfile.natives()) {
            archives.add(library.language() == NativeLibrary.Language.ARCHIVE
                    ? prebuilt(kraftfile, library)
                    : requireMakeSafe(library, builder.build(library, kraftfile.projectDirectory(), buildFolder)));
        }
        return archives;
    }

    /**
     * Where the archives are or will be once built, without building anything (for commands that
     * only configure or clean). Prebuilt ones are checked as in {@link #build}.
     */
    public static List<ForeignArchive> archives(Kraftfile kraftfile) {
        Path buildFolder = ProjectLayout.of(kraftfile).buildDirectory();
        List<ForeignArchive> archives = new ArrayList<>();
        for (NativeLibrary library : kraftfile.natives()) {
            archives.add(library.language() == NativeLibrary.Language.ARCHIVE
                    ? prebuilt(kraftfile, library)
                    : new ForeignArchive(library.name(),
                            NativeBuilder.outputFolder(buildFolder, library).resolve(LanguageAdapter.archiveName(library))));
        }
        return archives;
    }

    private static ForeignArchive prebuilt(Kraftfile kraftfile, NativeLibrary library) {
        Path archive = kraftfile.projectDirectory().resolve(library.archive().orElseThrow()).normalize();
        if (!Files.isRegularFile(archive)) {
            throw UknativeException.invalidInput(library.location(), "native." + library.name() + ": " + archive + " does not exist",
                    "build the archive first, or fix archive: (relative to the Kraftfile's folder)");
        }
        if (!isArArchive(archive)) {
            throw UknativeException.invalidInput(library.location(), "native." + library.name() + ": " + archive + " is not an ar archive",
                    "give a static library made with  ar rcs libname.a *.o  (a thin archive is not enough)");
        }
        return requireMakeSafe(library, new ForeignArchive(library.name(), archive));
    }

    private static ForeignArchive requireMakeSafe(NativeLibrary library, ForeignArchive archive) {
        if (archive.archive().toString().chars().anyMatch(c -> Character.isWhitespace(c) || c == '$' || c == '#' || c == ':')) {
            throw UknativeException.invalidInput(library.location(),
                    "native." + library.name() + ": make cannot take the path " + archive.archive() + " (blank, $, # or :)",
                    "move or rename the " + (library.language() == NativeLibrary.Language.ARCHIVE ? "archive" : "project folder"));
        }
        return archive;
    }

    private static boolean isArArchive(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return Arrays.equals(in.readNBytes(AR_MAGIC.length), AR_MAGIC);
        } catch (IOException e) {
            return false;
        }
    }
}
