package dev.uknative.source;

import dev.uknative.core.Location;
import dev.uknative.core.UknativeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Unikraft source tree on disk ({@code make -C}), with the version its {@code version.mk} declares.
 *
 * @param version e.g. {@code 0.17.0}; empty when version.mk cannot be read
 */
public record UnikraftTree(Path path, Optional<String> version) {

    private static final Pattern ASSIGNMENT = Pattern.compile("^\\s*(UK_[A-Z]+)\\s*[:?]?=\\s*(\\S*)\\s*$");

    /**
     * Checks that {@code path} is a Unikraft tree: its top-level Makefile, Config.uk and
     * support/build must exist.
     *
     * @param origin how the user named it, for the error ("--unikraft-source", "Kraftfile unikraft.source" …)
     */
    public static UnikraftTree open(Path path, String origin) {
        Path tree = path.toAbsolutePath().normalize();
        if (Files.exists(tree) && !Files.isDirectory(tree)) {
            throw UknativeException.environment("the Unikraft tree " + tree + " (from " + origin + ") is a file, not a folder",
                    "point " + origin + " at the top folder of a Unikraft checkout"
                            + (SourceSpecs.isArchiveName(tree.getFileName().toString())
                                    ? " (an archive is unpacked first, or given as a URL in the Kraftfile's unikraft: source)" : ""));
        }
        if (!Files.isDirectory(tree)) {
            throw UknativeException.environment("the Unikraft tree " + tree + " (from " + origin + ") does not exist",
                    "clone Unikraft there, or point " + origin + " at an existing checkout");
        }
        for (String required : new String[] {"Makefile", "Config.uk", "support/build/Makefile.rules"}) {
            if (!Files.exists(tree.resolve(required))) {
                throw UknativeException.environment(tree + " (from " + origin + ") is not a Unikraft tree: " + required + " is missing",
                        "point " + origin + " at the top folder of a Unikraft checkout");
            }
        }
        return new UnikraftTree(tree, readVersion(tree.resolve("version.mk")));
    }

    /** {@code UK_VERSION.UK_SUBVERSION.UK_EXTRAVERSION} from version.mk. */
    static Optional<String> readVersion(Path versionMk) {
        try {
            Map<String, String> vars = new HashMap<>();
            for (String line : Files.readAllLines(versionMk)) {
                Matcher m = ASSIGNMENT.matcher(line);
                if (m.matches()) {
                    vars.put(m.group(1), m.group(2));
                }
            }
            if (vars.containsKey("UK_VERSION") && vars.containsKey("UK_SUBVERSION")) {
                return Optional.of(vars.get("UK_VERSION") + "." + vars.get("UK_SUBVERSION") + "."
                        + vars.getOrDefault("UK_EXTRAVERSION", "0"));
            }
        } catch (IOException e) {
            // Older trees have no version.mk: the version is then unknown, which is not an error.
        }
        return Optional.empty();
    }

    /** For error messages about files inside the tree. */
    public Location location(String relative) {
        return Location.of(path.resolve(relative));
    }
}
