package dev.uknative.project;

import dev.uknative.core.Location;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of a Kraftfile's {@code targets:}: a platform and an architecture, an optional name, and
 * the kconfig options that apply to this target only.
 */
public record TargetSpec(
        Optional<String> name, Platform platform, Architecture architecture, List<KconfigEntry> kconfig, Location location) {

    public TargetSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(architecture, "architecture");
        kconfig = List.copyOf(kconfig);
        Objects.requireNonNull(location, "location");
    }

    /** {@code plat/arch}, e.g. {@code qemu/x86_64}. */
    public String id() {
        return platform.id() + "/" + architecture.id();
    }

    /** The name users select it by: its own name, or {@code plat/arch}. */
    public String displayName() {
        return name.orElse(id());
    }

    /**
     * Unikraft's {@code N=} for this target: its own name when it has one (so that two targets of the
     * same platform and architecture do not share an image), else the project's name.
     */
    public String baseName(String projectName) {
        return name.orElse(projectName);
    }

    /**
     * {@code <name>_<plat>-<arch>}: Unikraft's image name for this target, and the suffix of its
     * {@code .config} file (as kraftkit names them).
     */
    public String imageName(String projectName) {
        return baseName(projectName) + "_" + platform.id() + "-" + architecture.id();
    }
}
