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
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.constructor.StandardConstructor;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

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
        List<Manifest> manifests = new ArrayList<>();
        for (Object document : load(text, from)) {
            manifests.addAll(document(document, base, from, depth));
        }
        return new ManifestIndex(manifests);
    }

    /** One YAML document of a manifest: a component, or an index ({@code manifests:}). */
    private List<Manifest> document(Object document, URI base, String from, int depth) {
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
                    URI next = uri(from, "manifest: '" + pointer + "'", () -> URI.create(Manifest.relativeTo(base, pointer.toString())));
                    manifests.addAll(read(next, depth + 1).manifests());
                } else {
                    manifests.add(component(map, base, from));
                }
            }
        } else {
            manifests.add(component(root, base, from));
        }
        return manifests;
    }

    private static Manifest component(Map<?, ?> map, URI base, String from) {
        String name = string(map, "name", from).orElseThrow(() -> bad(from, "a component has no name:"));
        String type = string(map, "type", from).orElse("core");
        Optional<String> origin = string(map, "origin", from).map(o -> relativeTo(base, o, from, name + ": origin"));
        List<Manifest.Channel> channels = new ArrayList<>();
        for (Map<?, ?> c : list(map, "channels", from)) {
            String channelName = string(c, "name", from).orElseThrow(() -> bad(from, name + ": a channel has no name:"));
            String resource = string(c, "resource", from).orElseThrow(() -> bad(from, name + ": channel " + channelName + " has no resource:"));
            channels.add(new Manifest.Channel(channelName, Boolean.parseBoolean(String.valueOf(c.get("default"))),
                    relativeTo(base, resource, from, name + " " + channelName + ": resource"), sha256(c, from, name + " " + channelName)));
        }
        List<Manifest.Version> versions = new ArrayList<>();
        for (Map<?, ?> v : list(map, "versions", from)) {
            String version = string(v, "version", from).orElseThrow(() -> bad(from, name + ": a version has no version:"));
            String resource = string(v, "resource", from).orElseThrow(() -> bad(from, name + ": version " + version + " has no resource:"));
            versions.add(new Manifest.Version(version, relativeTo(base, resource, from, name + " " + version + ": resource"),
                    sha256(v, from, name + " " + version),
                    string(v, "type", from).orElse("version")));
        }
        return new Manifest(name, type, origin, channels, versions, from);
    }

    /**
     * The documents as maps and lists: kraftkit writes one component per document, so a stream of
     * several ({@code ---} between them) is one manifest. SnakeYAML's reader is driven here, not
     * through {@code Load}, to know where it stopped: a few inputs (a tag or an escape cut off by the
     * end of the text) make it throw an IllegalArgumentException without a position, and a manifest
     * may come from anyone.
     */
    private static List<Object> load(String text, String from) {
        LoadSettings settings = LoadSettings.builder().setLabel(from).build();
        StreamReader reader = new StreamReader(settings, text);
        try {
            Composer composer = new Composer(settings, new ParserImpl(settings, reader));
            StandardConstructor constructor = new StandardConstructor(settings);
            List<Object> documents = new ArrayList<>();
            while (composer.hasNext()) {
                Object document = constructor.constructSingleDocument(Optional.of(composer.next()));
                if (document != null) {
                    documents.add(document);
                }
            }
            if (documents.isEmpty()) {
                documents.add(null);
            }
            return documents;
        } catch (MarkedYamlEngineException e) {
            int line = e.getProblemMark().or(e::getContextMark).map(m -> m.getLine() + 1).orElse(reader.getLine() + 1);
            String problem = e.getProblem() == null ? e.getContext() : e.getProblem();
            throw notYaml(from, line, problem == null ? firstLine(e.getMessage()) : problem);
        } catch (YamlEngineException e) {
            throw notYaml(from, reader.getLine() + 1, firstLine(e.getMessage()));
        } catch (NumberFormatException e) {
            throw notYaml(from, reader.getLine() + 1, "the text ends inside an escape sequence (\\x, \\u or \\U needs its hexadecimal digits)");
        } catch (IllegalArgumentException e) {
            String message = e.getMessage() == null ? "" : e.getMessage().replaceAll("\\.$", "");
            throw notYaml(from, reader.getLine() + 1, message.startsWith("Tag ")
                    ? "a tag (!name) " + message.substring(4).replace("must not contain", "contains") + " (a %-escape cut short?)"
                    : message);
        }
    }

    private static UknativeException notYaml(String from, int line, String problem) {
        Path file = file(from);
        if (file == null) {
            return bad(from, "is not valid YAML at line " + line + ": " + problem);
        }
        return bad(Location.of(file, line), from, "is not valid YAML: " + problem);
    }

    /** A resource, origin or pointer resolved against the manifest's own address; one that is no URL is the manifest's error. */
    private static String relativeTo(URI base, String resource, String from, String what) {
        return uri(from, what + " '" + resource + "'", () -> Manifest.relativeTo(base, resource));
    }

    private static <T> T uri(String from, String what, java.util.function.Supplier<T> resolve) {
        try {
            return resolve.get();
        } catch (IllegalArgumentException e) {
            // URI.create's URISyntaxException and Path.of's InvalidPathException both arrive as this.
            throw bad(from, what + " is not a valid URL or path");
        }
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
        Path file = file(from);
        return bad(file == null ? null : Location.of(file), from, message);
    }

    private static UknativeException bad(Location location, String from, String message) {
        Path file = location == null ? null : location.file();
        return new UknativeException(dev.uknative.core.ExitCode.INVALID_INPUT, location,
                (file == null ? "the manifest " + from + " " : "this manifest ") + message,
                "fix the manifest (kraftkit's format: name, type, origin, channels and versions with resource, sha256, type)");
    }

    /** The manifest's file, or null when it came from a URL or is the embedded one. */
    private static Path file(String from) {
        return from.contains("://") || from.startsWith("embedded:") ? null : Path.of(from);
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
