package dev.uknative.project;

import dev.uknative.core.Location;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code unikraft:} entry of a Kraftfile, or one entry of {@code libraries:}: where its source is,
 * which version, and the kconfig options it asks for.
 *
 * @param source   a local folder or URL ({@code source:}), when given
 * @param version  a version spec ({@code version:} or the short string form), when given
 */
public record ComponentSpec(
        String name, Optional<String> source, Optional<String> version, List<KconfigEntry> kconfig, Location location) {

    public ComponentSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(version, "version");
        kconfig = List.copyOf(kconfig);
        Objects.requireNonNull(location, "location");
    }
}
