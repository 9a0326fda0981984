package dev.uknative.project;

import dev.uknative.core.Location;
import dev.uknative.core.UknativeException;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Reads a Kraftfile (kraftkit's spec v0.6) with YAML 1.2 semantics. Every error names
 * {@code file:line:col}; unknown keys become warnings.
 */
public final class KraftfileReader {

    /** The names kraftkit looks for, in its order of preference. */
    public static final List<String> FILE_NAMES =
            List.of("Kraftfile", "Kraftfile.yaml", "Kraftfile.yml", "kraft.yaml", "kraft.yml");

    private static final Set<String> TOP_LEVEL_KEYS = Set.of("spec", "specification", "name", "unikraft", "libraries", "targets", "cmd", "native");
    /** Keys of kraftkit's spec that only matter for features uknative does not have (yet). */
    private static final Set<String> IGNORED_KRAFTKIT_KEYS = Set.of("runtime", "rootfs", "volumes", "template", "outdir", "env", "labels");
    private static final Pattern SYMBOL = Pattern.compile("[A-Za-z0-9_]+");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Pattern UNQUOTED_VALUE = Pattern.compile("[ynm]|-?[0-9]+|0[xX][0-9a-fA-F]+|\".*\"");

    /** Finds the Kraftfile in a project folder. */
    public static Path locate(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw UknativeException.usage(directory + " is not a folder",
                    "give the folder that holds the Kraftfile, or run uknative inside it");
        }
        for (String name : FILE_NAMES) {
            Path candidate = directory.resolve(name);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw UknativeException.invalidInput(Location.of(directory), "no Kraftfile in this folder",
                "create one named " + String.join(", ", FILE_NAMES.subList(0, 1)) + " (also accepted: "
                        + String.join(", ", FILE_NAMES.subList(1, FILE_NAMES.size())) + ")");
    }

    /** Reads and checks the Kraftfile at {@code file}. */
    public Kraftfile read(Path file) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (CharacterCodingException e) {
            throw UknativeException.invalidInput(Location.of(file), "is not UTF-8 text", "save the Kraftfile as UTF-8");
        } catch (IOException e) {
            throw UknativeException.invalidInput(Location.of(file), "cannot be read: " + e.getMessage(), null);
        }
        return parse(file, text);
    }

    /** Parses Kraftfile text; {@code file} is used for locations and for the default name. */
    public Kraftfile parse(Path file, String text) {
        return new Parse(file.toAbsolutePath().normalize()).kraftfile(text);
    }

    /** One parse: the file, and the warnings it collects. */
    private static final class Parse {
        private final Path file;
        private final List<String> warnings = new ArrayList<>();

        Parse(Path file) {
            this.file = file;
        }

        Kraftfile kraftfile(String text) {
            Node root = compose(text);
            MappingNode top = mapping(root, "the Kraftfile");
            String spec = "v0.6";
            String name = null;
            ComponentSpec unikraft = null;
            List<ComponentSpec> libraries = List.of();
            List<TargetSpec> targets = List.of();
            List<String> cmd = List.of();
            List<NativeLibrary> natives = List.of();
            for (NodeTuple entry : entries(top)) {
                String key = key(entry);
                Node value = entry.getValueNode();
                switch (key) {
                    case "spec", "specification" -> spec = scalar(value, key);
                    case "name" -> name = name(value);
                    case "unikraft" -> unikraft = component("unikraft", value);
                    case "libraries" -> libraries = libraries(value);
                    case "targets" -> targets = targets(value);
                    case "cmd" -> cmd = stringList(value, "cmd");
                    case "native" -> natives = natives(value);
                    default -> warnUnknown(entry.getKeyNode(), key, "top level", TOP_LEVEL_KEYS);
                }
            }
            if (!spec.matches("v?0\\.[5-6]")) {
                warnings.add(at(root) + ": spec " + spec + " is not v0.6; reading it as v0.6");
            }
            if (name == null) {
                Path folder = file.getParent() == null ? null : file.getParent().getFileName();
                name = folder == null ? "" : folder.toString();
                if (!NAME.matcher(name).matches()) {
                    throw error(root, "no name: is given and the folder name '" + name + "' cannot name an image",
                            "add a line such as: name: hello");
                }
            }
            if (unikraft == null) {
                unikraft = new ComponentSpec("unikraft", Optional.empty(), Optional.empty(), List.of(), location(root));
            }
            return new Kraftfile(file, spec, name, unikraft, libraries, targets, cmd, natives, warnings);
        }

        private Node compose(String text) {
            return KraftfileYaml.compose(file, text, "");
        }

        private String name(Node value) {
            String name = scalar(value, "name");
            if (!NAME.matcher(name).matches()) {
                throw error(value, "name '" + name + "' is not a valid image name",
                        "use letters, digits, '.', '_' and '-', starting with a letter or digit");
            }
            return name;
        }

        /** {@code unikraft:} or one library: a string (version, or a local path) or a mapping. */
        private ComponentSpec component(String name, Node value) {
            Location where = location(value);
            if (isNull(value)) {
                return new ComponentSpec(name, Optional.empty(), Optional.empty(), List.of(), where);
            }
            if (value instanceof ScalarNode) {
                String text = scalar(value, name);
                if (looksLikePath(text)) {
                    return new ComponentSpec(name, Optional.of(text), Optional.empty(), List.of(), where);
                }
                return new ComponentSpec(name, Optional.empty(), Optional.of(text), List.of(), where);
            }
            MappingNode map = mapping(value, name);
            Optional<String> source = Optional.empty();
            Optional<String> version = Optional.empty();
            List<KconfigEntry> kconfig = List.of();
            for (NodeTuple entry : entries(map)) {
                String key = key(entry);
                switch (key) {
                    case "source" -> source = Optional.of(scalar(entry.getValueNode(), name + ".source"));
                    case "version" -> version = Optional.of(scalar(entry.getValueNode(), name + ".version"));
                    case "kconfig" -> kconfig = kconfig(entry.getValueNode(), name + ".kconfig");
                    default -> warnUnknown(entry.getKeyNode(), key, name, Set.of("source", "version", "kconfig"));
                }
            }
            return new ComponentSpec(name, source, version, kconfig, where);
        }

        private List<ComponentSpec> libraries(Node value) {
            if (isNull(value)) {
                return List.of();
            }
            List<ComponentSpec> libraries = new ArrayList<>();
            for (NodeTuple entry : entries(mapping(value, "libraries"))) {
                String name = key(entry);
                if (!NAME.matcher(name).matches()) {
                    throw error(entry.getKeyNode(), "library name '" + name + "' is not valid", "use the library's name, e.g. musl or lwip");
                }
                libraries.add(component(name, entry.getValueNode()));
            }
            return libraries;
        }

        /** {@code native:}: foreign static libraries by name. */
        private List<NativeLibrary> natives(Node value) {
            if (isNull(value)) {
                return List.of();
            }
            List<NativeLibrary> natives = new ArrayList<>();
            for (NodeTuple entry : entries(mapping(value, "native"))) {
                String name = key(entry);
                if (!NAME.matcher(name).matches()) {
                    throw error(entry.getKeyNode(), "native library name '" + name + "' is not valid",
                            "use letters, digits, '.', '_' and '-', e.g. ziggy");
                }
                natives.add(nativeLibrary(name, entry.getValueNode()));
            }
            return natives;
        }

        private NativeLibrary nativeLibrary(String name, Node value) {
            String where = "native." + name;
            MappingNode map = mapping(value, where);
            Optional<NativeLibrary.Language> language = Optional.empty();
            Optional<String> path = Optional.empty();
            Optional<String> root = Optional.empty();
            Optional<String> optimize = Optional.empty();
            Optional<String> archive = Optional.empty();
            Optional<String> target = Optional.empty();
            Node optimizeNode = null;
            Node targetNode = null;
            for (NodeTuple entry : entries(map)) {
                String key = key(entry);
                Node v = entry.getValueNode();
                switch (key) {
                    case "lang", "language" -> {
                        String text = scalar(v, where + ".lang");
                        language = Optional.of(NativeLibrary.Language.parse(text).filter(l -> l != NativeLibrary.Language.ARCHIVE)
                                .orElseThrow(() -> error(v, "unknown language '" + text + "' in " + where,
                                        "use one of: " + NativeLibrary.Language.known())));
                    }
                    case "path" -> path = Optional.of(scalar(v, where + ".path"));
                    case "root" -> root = Optional.of(scalar(v, where + ".root"));
                    case "optimize" -> {
                        optimize = Optional.of(scalar(v, where + ".optimize"));
                        optimizeNode = v;
                    }
                    case "archive" -> archive = Optional.of(scalar(v, where + ".archive"));
                    case "target" -> {
                        target = Optional.of(scalar(v, where + ".target"));
                        targetNode = v;
                    }
                    default -> warnUnknown(entry.getKeyNode(), key, where, Set.of("lang", "path", "root", "optimize", "archive", "target"));
                }
            }
            if (archive.isPresent()) {
                if (language.isPresent() || path.isPresent() || root.isPresent() || target.isPresent()) {
                    throw error(value, where + " gives both archive: and sources", "give either archive: PATH, or lang: and path:");
                }
                return new NativeLibrary(name, NativeLibrary.Language.ARCHIVE, path, root, optimize, archive, location(value));
            }
            NativeLibrary.Language lang = language.orElseThrow(() -> error(value, where + " has no lang: (or archive:)",
                    "write for example  " + name + ": {lang: zig, path: " + name + ", root: src/root.zig}"));
            if (lang == NativeLibrary.Language.ZIG && root.isEmpty()) {
                throw error(value, where + ": a zig library needs root: (its root source file)", "add for example  root: src/root.zig");
            }
            if (lang == NativeLibrary.Language.ZIG && optimize.isPresent() && !NativeLibrary.ZIG_MODES.contains(optimize.get())) {
                throw error(optimizeNode, "unknown zig optimize mode '" + optimize.get() + "'",
                        "use one of: " + String.join(", ", NativeLibrary.ZIG_MODES));
            }
            if (target.isPresent() && lang != NativeLibrary.Language.ZIG) {
                throw error(targetNode, where + ": target: is for zig libraries only", "remove target: (" + lang.id()
                        + " libraries are built for x86_64 Linux ABI objects)");
            }
            if (target.isPresent() && !NativeLibrary.ZIG_TARGETS.contains(target.get())) {
                throw error(targetNode, "unknown zig target '" + target.get() + "' in " + where,
                        "use one of: " + String.join(", ", NativeLibrary.ZIG_TARGETS));
            }
            return new NativeLibrary(name, lang, Optional.of(path.orElse(name)), root, optimize, archive, location(value), target);
        }

        private List<TargetSpec> targets(Node value) {
            if (isNull(value)) {
                return List.of();
            }
            if (!(value instanceof SequenceNode sequence)) {
                throw error(value, "targets must be a list", "write for example: targets: [qemu/x86_64]");
            }
            List<TargetSpec> targets = new ArrayList<>();
            Set<String> names = new HashSet<>();
            for (Node item : sequence.getValue()) {
                TargetSpec target = target(item);
                if (target.name().isPresent() && !names.add(target.name().get())) {
                    throw error(item, "a second target is named '" + target.name().get() + "'", "give each target its own name");
                }
                targets.add(target);
            }
            return targets;
        }

        private TargetSpec target(Node item) {
            if (item instanceof ScalarNode) {
                String text = scalar(item, "target");
                String[] parts = text.split("/", -1);
                if (parts.length != 2) {
                    throw error(item, "target '" + text + "' is not of the form plat/arch", "write for example: qemu/x86_64");
                }
                return new TargetSpec(Optional.empty(), platform(item, parts[0]), architecture(item, parts[1]), List.of(), location(item));
            }
            MappingNode map = mapping(item, "a target");
            Optional<String> name = Optional.empty();
            Platform platform = null;
            Architecture architecture = null;
            List<KconfigEntry> kconfig = List.of();
            for (NodeTuple entry : entries(map)) {
                String key = key(entry);
                Node value = entry.getValueNode();
                switch (key) {
                    case "name" -> name = Optional.of(name(value));
                    case "plat", "platform" -> platform = platform(value, scalar(value, key));
                    case "arch", "architecture" -> architecture = architecture(value, scalar(value, key));
                    case "kconfig" -> kconfig = kconfig(value, "targets[" + (name.orElse("")) + "].kconfig");
                    default -> warnUnknown(entry.getKeyNode(), key, "target", Set.of("name", "plat", "platform", "arch", "architecture", "kconfig"));
                }
            }
            if (platform == null || architecture == null) {
                String missing = platform == null && architecture == null ? "plat and arch" : platform == null ? "plat" : "arch";
                throw error(item, "target has no " + missing, "write for example: { plat: qemu, arch: x86_64 }");
            }
            return new TargetSpec(name, platform, architecture, kconfig, location(item));
        }

        private Platform platform(Node node, String text) {
            return Platform.parse(text).orElseThrow(() ->
                    error(node, "unknown platform '" + text + "'", "use one of: " + Platform.known()));
        }

        private Architecture architecture(Node node, String text) {
            return Architecture.parse(text).orElseThrow(() ->
                    error(node, "unknown architecture '" + text + "'", "use one of: " + Architecture.known()));
        }

        /** A kconfig block: a mapping {@code SYMBOL: value} or a list of {@code SYMBOL=value}. */
        private List<KconfigEntry> kconfig(Node value, String where) {
            if (isNull(value)) {
                return List.of();
            }
            List<KconfigEntry> entries = new ArrayList<>();
            if (value instanceof SequenceNode sequence) {
                for (Node item : sequence.getValue()) {
                    String text = scalar(item, where);
                    int eq = text.indexOf('=');
                    if (eq <= 0) {
                        throw error(item, "'" + text + "' in " + where + " is not of the form CONFIG_X=value", "write for example: - CONFIG_LIBUKDEBUG=y");
                    }
                    entries.add(entry(item, text.substring(0, eq).trim(), text.substring(eq + 1).trim(), false));
                }
            } else {
                for (NodeTuple tuple : entries(mapping(value, where))) {
                    Node v = tuple.getValueNode();
                    if (isNull(v)) {
                        throw error(tuple.getKeyNode(), key(tuple) + " in " + where + " has no value", "write y, n, a number or a string");
                    }
                    ScalarNode s = scalarNode(v, key(tuple));
                    entries.add(entry(tuple.getKeyNode(), key(tuple), s.getValue(), s.getTag().equals(Tag.BOOL)));
                }
            }
            return entries;
        }

        private KconfigEntry entry(Node node, String symbol, String value, boolean yamlBoolean) {
            if (!SYMBOL.matcher(symbol).matches()) {
                throw error(node, "'" + symbol + "' is not a kconfig symbol", "use names such as CONFIG_LIBUKDEBUG (the CONFIG_ prefix is optional)");
            }
            String full = symbol.startsWith("CONFIG_") ? symbol : "CONFIG_" + symbol;
            String text = value;
            if (yamlBoolean) {
                text = Boolean.parseBoolean(value) ? "y" : "n";
            } else if (!UNQUOTED_VALUE.matcher(value).matches()) {
                // A string option: kconfig reads it only in double quotes, with \ and " escaped.
                text = "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
            }
            return new KconfigEntry(full, text, location(node));
        }

        private List<String> stringList(Node value, String what) {
            if (isNull(value)) {
                return List.of();
            }
            if (value instanceof ScalarNode) {
                String text = scalar(value, what).trim();
                return text.isEmpty() ? List.of() : List.of(text.split("\\s+"));
            }
            if (!(value instanceof SequenceNode sequence)) {
                throw error(value, what + " must be a string or a list of strings", "write for example: cmd: [\"--verbose\"]");
            }
            List<String> items = new ArrayList<>();
            for (Node item : sequence.getValue()) {
                items.add(scalar(item, what));
            }
            return items;
        }

        private void warnUnknown(Node keyNode, String key, String where, Set<String> known) {
            if (IGNORED_KRAFTKIT_KEYS.contains(key) && where.equals("top level")) {
                warnings.add(at(keyNode) + ": '" + key + "' is not supported by uknative (native unikernels only); ignored");
            } else {
                warnings.add(at(keyNode) + ": unknown key '" + key + "' in " + where + "; ignored (known: "
                        + String.join(", ", known.stream().sorted().toList()) + ")");
            }
        }

        private List<NodeTuple> entries(MappingNode map) {
            Set<String> seen = new HashSet<>();
            for (NodeTuple entry : map.getValue()) {
                String key = key(entry);
                if (!seen.add(key)) {
                    throw error(entry.getKeyNode(), "key '" + key + "' is given twice", "keep only one of them");
                }
            }
            return map.getValue();
        }

        private String key(NodeTuple entry) {
            return scalar(entry.getKeyNode(), "a key");
        }

        private MappingNode mapping(Node node, String what) {
            if (node instanceof MappingNode map) {
                return map;
            }
            throw error(node, what + " must be a mapping of keys to values", "indent its entries as key: value");
        }

        private String scalar(Node node, String what) {
            return scalarNode(node, what).getValue();
        }

        private ScalarNode scalarNode(Node node, String what) {
            if (node instanceof ScalarNode s && !s.getTag().equals(Tag.NULL)) {
                return s;
            }
            throw error(node, what + " must be a single value, not " + describe(node), null);
        }

        private static String describe(Node node) {
            if (node instanceof MappingNode) {
                return "a mapping";
            }
            if (node instanceof SequenceNode) {
                return "a list";
            }
            return "empty";
        }

        private static boolean isNull(Node node) {
            return node instanceof ScalarNode s && s.getTag().equals(Tag.NULL);
        }

        private static boolean looksLikePath(String text) {
            return text.startsWith("/") || text.startsWith("./") || text.startsWith("../") || text.startsWith("~/")
                    || text.equals(".") || text.equals("..");
        }

        private Location location(Node node) {
            return KraftfileYaml.location(file, node);
        }

        private String at(Node node) {
            return location(node).toString();
        }

        private UknativeException error(Node node, String message, String hint) {
            return UknativeException.invalidInput(location(node), message, hint);
        }
    }
}
