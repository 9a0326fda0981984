package dev.uknative.foreign;

import java.nio.file.Path;
import java.util.Objects;

/** A static library of foreign code, ready for Unikraft's final link ({@code UK_ALIBS-y}). */
public record ForeignArchive(String name, Path archive) {

    public ForeignArchive {
        Objects.requireNonNull(name, "name");
        archive = archive.toAbsolutePath().normalize();
    }
}
