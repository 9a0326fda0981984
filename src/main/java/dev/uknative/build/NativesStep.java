package dev.uknative.build;

import dev.uknative.foreign.ForeignArchive;
import dev.uknative.project.Kraftfile;
import java.nio.file.Path;
import java.util.List;

/**
 * Step 2 of a build: the Kraftfile's {@code native:} libraries built (when their sources changed)
 * into archives. Before the fingerprint, which names the archives: a rebuilt archive makes make relink.
 */
final class NativesStep {

    /** Builds the foreign archives of a Kraftfile; the host's toolchains, or a stand-in in tests. */
    interface NativeLibraries {
        List<ForeignArchive> build(Kraftfile kraftfile, Path buildFolder);
    }

    /** The archives, in the Kraftfile's order; empty without {@code native:} libraries. */
    record Natives(List<ForeignArchive> archives) {
        Natives {
            archives = List.copyOf(archives);
        }

        List<Path> paths() {
            return archives.stream().map(ForeignArchive::archive).toList();
        }
    }

    private final NativeLibraries natives;

    NativesStep(NativeLibraries natives) {
        this.natives = natives;
    }

    Natives run(Kraftfile kraftfile, Path buildFolder) {
        return new Natives(natives.build(kraftfile, buildFolder));
    }
}
