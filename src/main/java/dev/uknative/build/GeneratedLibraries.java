package dev.uknative.build;

import dev.uknative.core.UknativeException;
import dev.uknative.foreign.ForeignArchive;
import dev.uknative.project.Architecture;
import dev.uknative.project.ProjectLayout;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The Unikraft libraries uknative adds to a build ({@code L=}) and the make call that names them.
 *
 * <p>The exit-status library is the same for every project of one uknative version, so it is kept in
 * the user's cache under the digest of its files: commands that only read a project's configuration
 * ({@code config get}) need its Config.uk too, and must write nothing into the project. The library
 * of the foreign archives depends on the project; only the build writes it, in the build folder.
 */
final class GeneratedLibraries {

    /** The generated library that links the foreign archives and compiles the stubs. */
    static final String NATIVE_LIBRARY = "uknative_native";
    private static final String EXIT_STATUS_LIBRARY = "uknative_exitstatus";

    private final Path cache;

    /** @param cache uknative's cache folder ({@code $XDG_CACHE_HOME/uknative}) */
    GeneratedLibraries(Path cache) {
        this.cache = cache.resolve("generated");
    }

    /**
     * The make call for this request, without goals; the exit-status library (where it can report:
     * {@link ExitStatusLibrary#reportsOn}) is written into the cache when missing, the native library is
     * named where the build writes it.
     */
    MakeInvocation invocation(BuildRequest request, ProjectLayout layout, List<ForeignArchive> archives) {
        List<Path> libraries = new ArrayList<>(request.sources().libraries());
        if (ExitStatusLibrary.reportsOn(request.target())) {
            libraries.add(exitStatusLibrary());
        }
        if (!archives.isEmpty()) {
            libraries.add(nativeLibrary(layout));
        }
        return new MakeInvocation(
                request.sources().unikraft().path(),
                layout.root(),
                libraries,
                layout.buildDirectory(),
                layout.configFile(request.imageName()),
                request.target().baseName(request.kraftfile().name()),
                request.jobs(),
                Map.of(),
                List.of());
    }

    static Path nativeLibrary(ProjectLayout layout) {
        return layout.generatedLibrary(NATIVE_LIBRARY);
    }

    /** Writes the native library's Makefile.uk for these archives (only the build calls this). */
    static void writeNativeLibrary(ProjectLayout layout, List<ForeignArchive> archives) {
        ForeignLinkLibrary.writeTo(nativeLibrary(layout), archives);
    }

    /** {@code <cache>/generated/uknative_exitstatus-<digest>}, written when missing or changed. */
    Path exitStatusLibrary() {
        Path directory = cache.resolve(EXIT_STATUS_LIBRARY + "-" + exitStatusDigest());
        return ExitStatusLibrary.writeTo(directory);
    }

    /** Over every file the library holds, its generated header included (a changed protocol is another folder). */
    private static String exitStatusDigest() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<String, byte[]> file : new java.util.TreeMap<>(ExitStatusLibrary.files()).entrySet()) {
                digest.update((file.getKey() + "\0").getBytes(java.nio.charset.StandardCharsets.UTF_8));
                digest.update(file.getValue());
            }
            return HexFormat.of().formatHex(digest.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
