package dev.uknative.foreign;

import dev.uknative.core.UknativeException;
import dev.uknative.project.Kraftfile;
import dev.uknative.project.NativeLibrary;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns the Kraftfile's {@code native:} entries into archives for the link. Prebuilt archives are
 * checked (present, an ar archive, a path make can take); building zig, rust and c sources is not
 * implemented yet and says so instead of being ignored.
 */
public final class ForeignLibraries {

    private static final byte[] AR_MAGIC = "!<arch>\n".getBytes(StandardCharsets.US_ASCII);

    private ForeignLibraries() {
    }

    public static List<ForeignArchive> archives(Kraftfile kraftfile) {
        List<ForeignArchive> archives = new ArrayList<>();
        for (NativeLibrary library : kraftfile.natives()) {
            if (library.language() != NativeLibrary.Language.ARCHIVE) {
                throw UknativeException.invalidInput(library.location(),
                        "native." + library.name() + ": building " + library.language().id() + " libraries is not implemented yet",
                        "build it yourself into a static library and give it as  " + library.name() + ": {archive: PATH}");
            }
            Path archive = kraftfile.projectDirectory().resolve(library.archive().orElseThrow()).normalize();
            if (!Files.isRegularFile(archive)) {
                throw UknativeException.invalidInput(library.location(), "native." + library.name() + ": " + archive + " does not exist",
                        "build the archive first, or fix archive: (relative to the Kraftfile's folder)");
            }
            if (!isArArchive(archive)) {
                throw UknativeException.invalidInput(library.location(), "native." + library.name() + ": " + archive + " is not an ar archive",
                        "give a static library made with  ar rcs libname.a *.o  (a thin archive is not enough)");
            }
            if (archive.toString().chars().anyMatch(c -> Character.isWhitespace(c) || c == '$' || c == '#' || c == ':')) {
                throw UknativeException.invalidInput(library.location(),
                        "native." + library.name() + ": make cannot take the path " + archive + " (blank, $, # or :)",
                        "move or rename the archive");
            }
            archives.add(new ForeignArchive(library.name(), archive));
        }
        return archives;
    }

    private static boolean isArArchive(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return Arrays.equals(in.readNBytes(AR_MAGIC.length), AR_MAGIC);
        } catch (IOException e) {
            return false;
        }
    }
}
