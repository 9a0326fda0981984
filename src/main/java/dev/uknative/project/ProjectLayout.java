package dev.uknative.project;

import java.nio.file.Path;

/**
 * Where a project's files live, as kraftkit lays them out: the build folder {@code .unikraft/build}
 * and one {@code .config.<name>_<plat>-<arch>} per target beside the Kraftfile.
 */
public record ProjectLayout(Path root) {

    public ProjectLayout {
        root = root.toAbsolutePath().normalize();
    }

    public static ProjectLayout of(Kraftfile kraftfile) {
        return new ProjectLayout(kraftfile.projectDirectory());
    }

    /** {@code .unikraft}: everything uknative writes besides the .config files. */
    public Path workDirectory() {
        return root.resolve(".unikraft");
    }

    /** Unikraft's {@code O=}. */
    public Path buildDirectory() {
        return workDirectory().resolve("build");
    }

    /** The full make output of the last build. */
    public Path makeLog() {
        return buildDirectory().resolve("make.log");
    }

    /** Unikraft's {@code C=} for a target. */
    public Path configFile(String imageName) {
        return root.resolve(".config." + imageName);
    }

    /**
     * The kconfig fragment (Kraftfile, target, link plan) the target's {@code .config} was last solved
     * from by uknative's own Kconfig engine: while it is unchanged, the {@code .config} is current.
     */
    public Path defconfigFile(String imageName) {
        return buildDirectory().resolve("uknative").resolve(imageName + ".defconfig");
    }

    /** A Unikraft library uknative generates for the build (passed in {@code L=}). */
    public Path generatedLibrary(String name) {
        return buildDirectory().resolve("uknative").resolve("lib").resolve(name);
    }

    /** Held while a build of this project runs. */
    public Path buildLock() {
        return buildDirectory().resolve("uknative").resolve("build.lock");
    }

    /** The Unikraft tree the build folder's objects were made from; another tree means a fresh build folder. */
    public Path unikraftRecord() {
        return buildDirectory().resolve("uknative").resolve("unikraft-tree");
    }

    /** The fingerprint of the inputs of the last successful build of a target (see the build package). */
    public Path buildStamp(String imageName) {
        return buildDirectory().resolve("uknative").resolve(imageName + ".stamp");
    }

    /** The bootable image Unikraft links for a target. */
    public Path image(String imageName) {
        return buildDirectory().resolve(imageName);
    }
}
