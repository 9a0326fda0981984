package dev.uknative.foreign;

import dev.uknative.project.Architecture;
import dev.uknative.project.NativeLibrary;
import java.nio.file.Path;

/** Composes the commands that turn one language's sources into a static library; runs nothing. */
interface LanguageAdapter {

    /**
     * @param sources the library's folder ({@code path:}, resolved against the project), which exists
     * @param output  the library's folder in the build folder, for caches and intermediate files
     * @param staging an empty folder for this build's products, inside {@code output}
     * @param architecture the image's architecture, which the objects must be for
     */
    Recipe recipe(NativeLibrary library, Path sources, Path output, Path staging, Toolchains tools, Architecture architecture);

    /** The recipe for an x86_64 image. */
    default Recipe recipe(NativeLibrary library, Path sources, Path output, Path staging, Toolchains tools) {
        return recipe(library, sources, output, staging, tools, Architecture.X86_64);
    }

    /** The archive file name the link gets: {@code lib<name>.a}. */
    static String archiveName(NativeLibrary library) {
        return "lib" + library.name() + ".a";
    }
}
