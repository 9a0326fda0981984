package dev.uknative.source;

import dev.uknative.core.UknativeException;
import dev.uknative.project.ComponentSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Reads the version specs of a Kraftfile entry: see README, "Versions and sources". */
public final class SourceSpecs {

    private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*://.*");
    /** scp-like git addresses: {@code git@github.com:unikraft/unikraft.git}. */
    private static final Pattern SCP_LIKE = Pattern.compile("^[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:.*");
    private static final Pattern SHA256 = Pattern.compile("(?i)sha256:([0-9a-f]{64})");

    private SourceSpecs() {
    }

    /**
     * The spec of a Kraftfile entry. {@code source:} may be a local folder, a local git repository
     * (bare, or a path ending in {@code .git}), a git or tarball URL, each optionally followed by
     * {@code @ref}; {@code version:} a channel, release, branch, commit, {@code URL@ref}, or for a
     * tarball {@code sha256:HEX}.
     */
    public static SourceSpec parse(ComponentSpec component, Path projectDirectory) {
        Optional<String> version = component.version().map(String::trim).filter(v -> !v.isEmpty());
        Optional<String> source = component.source().map(String::trim).filter(s -> !s.isEmpty());
        if (source.isPresent()) {
            String s = source.get();
            if (isAddress(s)) {
                return remote(component, s, version);
            }
            Path path = projectDirectory.resolve(expandHome(s)).normalize();
            if (isArchiveName(path.getFileName() == null ? "" : path.getFileName().toString()) && !Files.isDirectory(path)) {
                return remote(component, path.toUri().toString(), version);
            }
            if (isBareRepository(path) || (s.endsWith(".git") && Files.isDirectory(path))) {
                return remote(component, path.toUri().toString(), version);
            }
            return new SourceSpec.LocalFolder(path);
        }
        if (version.isPresent()) {
            String v = version.get();
            if (isAddress(v)) {
                return remote(component, v, Optional.empty());
            }
            if (v.contains(" ") || v.contains("\t")) {
                throw UknativeException.invalidInput(component.location(), component.name() + " version '" + v + "' is not a version",
                        "write a channel (stable, staging), a release (0.17.0), a branch, a commit, or URL@ref");
            }
            return new SourceSpec.Named(v);
        }
        return new SourceSpec.Unspecified();
    }

    /** A git or tarball address with an optional {@code @ref}; {@code version} gives the ref when there is none. */
    private static SourceSpec remote(ComponentSpec component, String address, Optional<String> version) {
        String url = address;
        Optional<String> ref = Optional.empty();
        int at = refSeparator(address);
        if (at >= 0) {
            url = address.substring(0, at);
            ref = Optional.of(address.substring(at + 1)).filter(r -> !r.isEmpty());
        }
        if (ref.isPresent() && version.isPresent() && !ref.get().equals(version.get())) {
            throw UknativeException.invalidInput(component.location(),
                    component.name() + ": the source names ref '" + ref.get() + "' and version: says '" + version.get() + "'",
                    "give the version in one place only");
        }
        Optional<String> wanted = ref.or(() -> version);
        if (isArchiveName(url)) {
            Optional<String> sha256 = Optional.empty();
            if (wanted.isPresent()) {
                var m = SHA256.matcher(wanted.get());
                if (!m.matches()) {
                    throw UknativeException.invalidInput(component.location(),
                            component.name() + ": a tarball has no ref '" + wanted.get() + "'",
                            "pin a tarball with its checksum: version: sha256:<64 hex digits>, or remove the version");
                }
                sha256 = Optional.of(m.group(1).toLowerCase(Locale.ROOT));
            }
            return new SourceSpec.Tarball(url, sha256);
        }
        return new SourceSpec.Git(url, wanted);
    }

    /**
     * Where {@code @ref} starts in an address, or -1: the last '@' after the start of the path, so
     * that the user in {@code https://user@host/} and {@code git@host:path} is not taken for a ref.
     */
    static int refSeparator(String address) {
        int pathStart;
        if (SCHEME.matcher(address).matches()) {
            int hostStart = address.indexOf("://") + 3;
            int slash = address.indexOf('/', hostStart);
            pathStart = slash < 0 ? address.length() : slash;
        } else if (address.startsWith("file:")) {
            pathStart = "file:".length();
        } else if (SCP_LIKE.matcher(address).matches()) {
            pathStart = address.indexOf(':');
        } else {
            pathStart = 0;
        }
        int at = address.lastIndexOf('@');
        return at > pathStart ? at : -1;
    }

    /** A URL, a {@code file:} URL or an scp-like git address, as opposed to a local path or a name. */
    public static boolean isAddress(String text) {
        return SCHEME.matcher(text).matches() || text.startsWith("file:") || SCP_LIKE.matcher(text).matches();
    }

    /** Whether a URL or file name names an archive rather than a git repository. */
    public static boolean isArchiveName(String url) {
        String u = url.toLowerCase(Locale.ROOT);
        int query = u.indexOf('?');
        if (query >= 0) {
            u = u.substring(0, query);
        }
        return u.endsWith(".tar.gz") || u.endsWith(".tgz")
                || u.endsWith(".tar.bz2") || u.endsWith(".tbz2") || u.endsWith(".tar") || u.endsWith(".zip");
    }

    private static boolean isBareRepository(Path path) {
        return Files.isRegularFile(path.resolve("HEAD")) && Files.isDirectory(path.resolve("objects"))
                && Files.isDirectory(path.resolve("refs"));
    }

    static String expandHome(String path) {
        if (path.equals("~") || path.startsWith("~/")) {
            return System.getProperty("user.home") + path.substring(1);
        }
        return path;
    }
}
