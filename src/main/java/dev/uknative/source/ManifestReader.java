package dev.uknative.source;

import dev.uknative.core.Location;
import dev.uknative.core.UknativeException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * Reads manifests in kraftkit's format from a file, a URL or the embedded default: either one
 * component ({@code name}, {@code type}, {@code origin}, {@code channels}, {@code versions}) or an
 * index ({@code manifests:}) whose entries are components or point at one with {@code manifest:}
 * (relative to the index).
 */
public final class ManifestReader {

    /** The embedded default: the Unikraft core's public repository and its releases. */
    public static final String EMBEDDED = "embedded:default-manifest.yaml";

    private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");

    private final Downloader downloader;

    public ManifestReader(Downloader downloader) {
        this.downloader = downloader;
    }

    /** The manifest at {@code location}: a URL ({@code https:}, {@code file:}) or a file path. */
    public ManifestIndex read(String location) {
        if (location.equals(EMBEDDED)) {
            return embedded();
        }
        URI uri = SourceSpecs.isAddress(location) ? URI.create(location) : Path.of(location).toAbsolutePath().normalize().toUri();
        return read(uri, 0);
    }

    /** The manifest shipped inside uknative. */
    public ManifestIndex embedded() {
        try (InputStream in = ManifestReader.class.getResourceAsStream("default-manifest.yaml")) {
            if (in == null) {
                throw new IllegalStateException("the embedded manifest is missing from the jar");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), URI.create("https://github.com/unikraft/"), EMBEDDED, 0);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the embedded manifest", e);
        }
    }

    private ManifestIndex read(URI uri, int depth) {
        String text = new String(downloader.fetch(uri), StandardCharsets.UTF_8);
        return parse(text, uri, uri.getScheme().equals("file") ? Path.of(uri).toString() : uri.toString(), depth);
    }

    /** Parses manifest text; {@code base} resolves relative references, {@code from} names it in errors. */
    ManifestIndex parse(String text, URI base, String from, int depth) {
        Object document;
        try {
            document = new Load(LoadSettings.builder().setLabel(from).build()).loadFromString(text);
        } catch (YamlEngineException e) {
            throw bad(from, "is not valid YAML: " + firstLine(e.getMessage()));
        }
        if (!(document instanceof Map<?, ?> root)) {
            throw bad(from, "is not a manifest (a mapping with name: and versions:, or manifests:)");
        }
        List<Manifest> manifests = new ArrayList<>();
        if (root.containsKey("manifests")) {
            if (!(root.get("manifests") instanceof List<?> entries)) {
                throw bad(from, "manifests: must be a list");
            }
            for (Object entry : entries) {
                if (!(entry instanceof Map<?, ?> map)) {
                    throw bad(from, "each entry of manifests: must be a mapping");
                }
                Object pointer = map.get("manifest");
                if (pointer != null && !map.containsKey("versions") && !map.containsKey("channels")) {
                    if (depth > 4) {
                        throw bad(from, "manifests point at each other more than 4 levels deep");
                    }
                    manifests.addAll(read(URI.create(Manifest.relativeTo(base, pointer.toString())), depth + 1).manifests());
                } else {
                    manifests.add(component(map, base, from));
                }
            }
        } else {
            manifests.add(component(root, base, from));
        }
        return new ManifestIndex(manifests);
    }

    private static Manifest component(Map<?, ?> map, URI base, String from) {
        String name = string(map, "name", from).orElseThrow(() -> bad(from, "a component has no name:"));
        String type = string(map, "type", from).orElse("core");
        Optional<String> origin = string(map, "origin", from).map(o -> Manifest.relativeTo(base, o));
        List<Manifest.Channel> channels = new ArrayList<>();
        for (Map<?, ?> c : list(map, "channels", from)) {
            String channelName = string(c, "name", from).orElseThrow(() -> bad(from, name + ": a channel has no name:"));
            String resource = string(c, "resource", from).orElseThrow(() -> bad(from, name + ": channel " + channelName + " has no resource:"));
            channels.add(new Manifest.Channel(channelName, Boolean.parseBoolean(String.valueOf(c.get("default"))),
                    Manifest.relativeTo(base, resource), sha256(c, from, name + " " + channelName)));
        }
        List<Manifest.Version> versions = new ArrayList<>();
        for (Map<?, ?> v : list(map, "versions", from)) {
            String version = string(v, "version", from).orElseThrow(() -> bad(from, name + ": a version has no version:"));
            String resource = string(v, "resource", from).orElseThrow(() -> bad(from, name + ": version " + version + " has no resource:"));
            versions.add(new Manifest.Version(version, Manifest.relativeTo(base, resource), sha256(v, from, name + " " + version),
                    string(v, "type", from).orElse("version")));
        }
        return new Manifest(name, type, origin, channels, versions, from);
    }

    private static Optional<String> sha256(Map<?, ?> map, String from, String what) {
        Optional<String> sha = string(map, "sha256", from).filter(s -> !s.isBlank());
        if (sha.isPresent() && !SHA256.matcher(sha.get()).matches()) {
            throw bad(from, what + ": sha256 '" + sha.get() + "' is not 64 hexadecimal digits");
        }
        return sha.map(s -> s.toLowerCase(java.util.Locale.ROOT));
    }

    private static Optional<String> string(Map<?, ?> map, String key, String from) {
        Object value = map.get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof Map || value instanceof List) {
            throw bad(from, key + ": must be a single value");
        }
        return Optional.of(value.toString());
    }

    private static List<Map<?, ?>> list(Map<?, ?> map, String key, String from) {
        Object value = map.get(key);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> items)) {
            throw bad(from, key + ": must be a list");
        }
        List<Map<?, ?>> maps = new ArrayList<>();
        for (Object item : items) {
            if (!(item instanceof Map<?, ?> m)) {
                throw bad(from, "each entry of " + key + ": must be a mapping");
            }
            maps.add(m);
        }
        return maps;
    }

    private static UknativeException bad(String from, String message) {
        Path file = from.contains("://") || from.startsWith("embedded:") ? null : Path.of(from);
        return new UknativeException(dev.uknative.core.ExitCode.INVALID_INPUT, file == null ? null : Location.of(file),
                (file == null ? "the manifest " + from + " " : "this manifest ") + message,
                "fix the manifest (kraftkit's format: name, type, origin, channels and versions with resource, sha256, type)");
    }

    private static String firstLine(String message) {
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    /** Whether {@code path} exists as a file; for the command line's choice between a path and a URL. */
    public static boolean isFile(String location) {
        return !SourceSpecs.isAddress(location) && Files.isRegularFile(Path.of(location));
    }
}
