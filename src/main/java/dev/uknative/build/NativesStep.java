package dev.uknative.build;

import dev.uknative.core.Location;
import dev.uknative.core.UknativeException;
import dev.uknative.elf.ArchiveReader;
import dev.uknative.elf.ElfFile;
import dev.uknative.elf.ElfHeader;
import dev.uknative.foreign.ForeignArchive;
import dev.uknative.project.Architecture;
import java.nio.file.Files;
import dev.uknative.project.Kraftfile;
import java.nio.file.Path;
import java.util.List;

/**
 * Step 2 of a build: the Kraftfile's {@code native:} libraries built (when their sources changed)
 * into archives for the target's architecture, each checked to hold objects for it (an x86_64 archive
 * in an arm64 image would otherwise fail at the link with an unhelpful "file in wrong format"). Before
 * the fingerprint, which names the archives: a rebuilt archive makes make relink.
 */
final class NativesStep {

    /** Builds the foreign archives of a Kraftfile; the host's toolchains, or a stand-in in tests. */
    interface NativeLibraries {
        List<ForeignArchive> build(Kraftfile kraftfile, Path buildFolder, Architecture architecture);
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

    Natives run(Kraftfile kraftfile, Path buildFolder, Architecture architecture) {
        List<ForeignArchive> archives = natives.build(kraftfile, buildFolder, architecture);
        for (ForeignArchive archive : archives) {
            requireMachine(archive, architecture);
        }
        return new Natives(archives);
    }

    /** e_machine of an ELF object for each architecture (ELF gABI; psABI supplements). */
    static int machine(Architecture architecture) {
        return architecture == Architecture.ARM64 ? ElfHeader.EM_AARCH64 : ElfHeader.EM_X86_64;
    }

    static String machineName(int machine) {
        return switch (machine) {
            case ElfHeader.EM_X86_64 -> "x86_64";
            case ElfHeader.EM_AARCH64 -> "arm64 (AArch64)";
            case ElfHeader.EM_386 -> "i386";
            default -> "ELF machine " + machine;
        };
    }

    /** The first object of another machine is an error naming the archive, the member and both machines. */
    static void requireMachine(ForeignArchive archive, Architecture architecture) {
        if (!Files.isRegularFile(archive.archive())) {
            return; // not built yet (the configure-only commands); make names a missing one
        }
        int expected = machine(architecture);
        for (ElfFile object : new ArchiveReader().readObjects(archive.archive())) {
            if (object.machine() != expected) {
                throw UknativeException.invalidInput(Location.of(archive.archive()), "native." + archive.name() + ": " + archive.archive()
                        + " holds " + machineName(object.machine()) + " objects (" + object.name() + "), but the target is "
                        + machineName(expected),
                        "build the archive for " + architecture.id() + " (for C: " + (architecture == Architecture.ARM64
                                ? "aarch64-linux-gnu-gcc" : "gcc") + "), or pick the target it was built for with --arch");
            }
        }
    }
}
