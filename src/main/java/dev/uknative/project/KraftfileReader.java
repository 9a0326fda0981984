package dev.uknative.project;

import dev.uknative.core.Location;
import dev.uknative.core.UknativeException;
import dev.uknative.project.KraftfileFormat.ComponentKey;
import dev.uknative.project.KraftfileFormat.NativeKey;
import dev.uknative.project.KraftfileFormat.RunKey;
import dev.uknative.project.KraftfileFormat.TargetKey;
import dev.uknative.project.KraftfileFormat.TopKey;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Reads a Kraftfile (kraftkit's spec v0.6, as {@link KraftfileFormat} describes it) with YAML 1.2
 * semantics. Every error is a {@link UknativeException} that names {@code file:line[:col]} (only a
 * file that cannot be opened, or holds nothing, is named without a line); unknown keys become
 * warnings. Input is bounded ({@link KraftfileYaml}), so that any file is read or refused quickly.
 */
public final class KraftfileReader {

    /** The names kraftkit looks for, in its order of preference. */
    public static final List<String> FILE_NAMES = KraftfileFormat.FILE_NAMES;


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
        // In a folder we may not read, every candidate just looks absent: opening its listing is
        // what tells, so that the message is not "no Kraftfile".
        try {
            Files.newDirectoryStream(directory).close();
        } catch (IOException e) {
            throw cannotList(directory, e);
        }
        for (String name : FILE_NAMES) {
            Path candidate = directory.resolve(name);
            if (Files.exists(candidate)) {
                String what = Files.isDirectory(candidate) ? "a folder" : "not a regular file";
                throw UknativeException.invalidInput(Location.of(candidate), name + " is " + what + ", so this folder has no Kraftfile",
                        "a Kraftfile is a YAML file: rename " + name + " and create the file in its place");
            }
        }
        throw UknativeException.invalidInput(Location.of(directory), "no Kraftfile in this folder",
                "create one named " + String.join(", ", FILE_NAMES.subList(0, 1)) + " (also accepted: "
                        + String.join(", ", FILE_NAMES.subList(1, FILE_NAMES.size())) + ")");
    }

    /** Reads and checks the Kraftfile at {@code file}. */
    public Kraftfile read(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        if (Files.isDirectory(file)) {
            throw UknativeException.invalidInput(Location.of(absolute), "is a folder, not a Kraftfile",
                    "give the Kraftfile itself, or the folder that holds it");
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            // Read one byte past the limit, no more: a huge file is refused without being loaded.
            bytes = in.readNBytes(KraftfileYaml.MAX_BYTES + 1);
        } catch (IOException e) {
            throw cannotRead(absolute, e);
        }
        return parse(file, KraftfileYaml.decode(absolute, bytes));
    }

    /** The error for a Kraftfile that cannot be read: the reason as the system gives it, and what to do. */
    static UknativeException cannotRead(Path file, IOException e) {
        if (e instanceof NoSuchFileException) {
            return UknativeException.invalidInput(Location.of(file), "cannot be read: there is no such file",
                    "check the path, or run uknative in the project's folder");
        }
        if (e instanceof AccessDeniedException) {
            return UknativeException.invalidInput(Location.of(file), "cannot be read: permission denied",
                    "make it readable for you, e.g. chmod u+r " + file);
        }
        return UknativeException.invalidInput(Location.of(file), "cannot be read: " + reason(e), "check the file and the disk it is on");
    }

    /** The error for a project folder whose entries cannot be listed. */
    static UknativeException cannotList(Path folder, IOException e) {
        if (e instanceof AccessDeniedException) {
            return UknativeException.invalidInput(Location.of(folder), "this folder cannot be read: permission denied",
                    "make it readable for you, e.g. chmod u+rx " + folder);
        }
        return UknativeException.invalidInput(Location.of(folder), "this folder cannot be read: " + reason(e),
                "check the folder and the disk it is on");
    }

    private static String reason(IOException e) {
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage() == null ? "input/output error" : e.getMessage();
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
            RunSettings run = RunSettings.DEFAULT;
            for (NodeTuple entry : entries(top)) {
                String key = key(entry);
                Node value = entry.getValueNode();
                Optional<TopKey> known = KraftfileFormat.key(TopKey.class, key);
                if (known.isEmpty()) {
                    warnUnknown(entry.getKeyNode(), key, "top level", KraftfileFormat.known(TopKey.class));
                    continue;
                }
                once(top, known.get(), entry);
                switch (known.get()) {
                    case SPEC -> spec = scalar(value, key);
                    case NAME -> name = name(value);
                    case UNIKRAFT -> unikraft = component("unikraft", value);
                    case LIBRARIES -> libraries = libraries(value);
                    case TARGETS -> targets = targets(value);
                    case CMD -> cmd = stringList(value, "cmd");
                    case NATIVE -> natives = natives(value);
                    case RUN -> run = run(value);
                }
            }
            if (!spec.matches("v?0\\.[5-6]")) {
                warnings.add(at(root) + ": spec " + spec + " is not v0.6; reading it as v0.6");
            }
            if (name == null) {
                Path folder = file.getParent() == null ? null : file.getParent().getFileName();
                name = folder == null ? "" : folder.toString();
                if (!KraftfileFormat.NAME.matcher(name).matches()) {
                    throw error(root, "no name: is given and the folder name '" + name + "' cannot name an image",
                            "add a line such as: name: hello");
                }
            }
            if (unikraft == null) {
                unikraft = new ComponentSpec("unikraft", Optional.empty(), Optional.empty(), List.of(), location(root));
            }
            return new Kraftfile(file, spec, name, unikraft, libraries, targets, cmd, natives, run, warnings);
        }

        /** {@code run:}: uknative's defaults for {@code uknative run}. */
        private RunSettings run(Node value) {
            if (isNull(value)) {
                return RunSettings.DEFAULT;
            }
            boolean autoConfig = false;
            for (NodeTuple entry : entries(mapping(value, "run"))) {
                String key = key(entry);
                Optional<RunKey> known = KraftfileFormat.key(RunKey.class, key);
                if (known.isEmpty()) {
                    warnUnknown(entry.getKeyNode(), key, "run", KraftfileFormat.known(RunKey.class));
                    continue;
                }
                switch (known.get()) {
                    case AUTO_CONFIG -> autoConfig = bool(entry.getValueNode(), "run.auto-config");
                }
            }
            return new RunSettings(autoConfig);
        }

        private boolean bool(Node value, String what) {
            String text = scalar(value, what);
            return switch (text) {
                case "true", "yes", "on" -> true;
                case "false", "no", "off" -> false;
                default -> throw error(value, what + " must be true or false, not '" + text + "'", "write for example: " + what.substring(what.indexOf('.') + 1) + ": true");
            };
        }

        private Node compose(String text) {
            return KraftfileYaml.compose(file, text, "");
        }

        private String name(Node value) {
            String name = scalar(value, "name");
            if (!KraftfileFormat.NAME.matcher(name).matches()) {
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
                if (KraftfileFormat.isPath(text)) {
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
                Optional<ComponentKey> known = KraftfileFormat.key(ComponentKey.class, key);
                if (known.isEmpty()) {
                    warnUnknown(entry.getKeyNode(), key, name, KraftfileFormat.known(ComponentKey.class));
                    continue;
                }
                switch (known.get()) {
                    case SOURCE -> source = Optional.of(scalar(entry.getValueNode(), name + ".source"));
                    case VERSION -> version = Optional.of(scalar(entry.getValueNode(), name + ".version"));
                    case KCONFIG -> kconfig = kconfig(entry.getValueNode(), name + ".kconfig");
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
                if (!KraftfileFormat.NAME.matcher(name).matches()) {
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
                if (!KraftfileFormat.NAME.matcher(name).matches()) {
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
                Optional<NativeKey> known = KraftfileFormat.key(NativeKey.class, key);
                if (known.isEmpty()) {
                    warnUnknown(entry.getKeyNode(), key, where, KraftfileFormat.known(NativeKey.class));
                    continue;
                }
                once(map, known.get(), entry);
                switch (known.get()) {
                    case LANGUAGE -> {
                        String text = scalar(v, where + ".lang");
                        language = Optional.of(NativeLibrary.Language.parse(text).filter(l -> l != NativeLibrary.Language.ARCHIVE)
                                .orElseThrow(() -> error(v, "unknown language '" + text + "' in " + where,
                                        "use one of: " + NativeLibrary.Language.known())));
                    }
                    case PATH -> path = Optional.of(scalar(v, where + ".path"));
                    case ROOT -> root = Optional.of(scalar(v, where + ".root"));
                    case OPTIMIZE -> {
                        optimize = Optional.of(scalar(v, where + ".optimize"));
                        optimizeNode = v;
                    }
                    case ARCHIVE -> archive = Optional.of(scalar(v, where + ".archive"));
                    case TARGET -> {
                        target = Optional.of(scalar(v, where + ".target"));
                        targetNode = v;
                    }
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
            Map<String, TargetSpec> byIdentity = new HashMap<>();
            for (Node item : sequence.getValue()) {
                TargetSpec target = target(item);
                TargetSpec first = byIdentity.putIfAbsent(KraftfileFormat.identity(target.name(), target.id()), target);
                if (first != null && target.name().isPresent()) {
                    throw error(item, "a second target is named '" + target.name().get() + "'", "give each target its own name");
                }
                if (first != null) {
                    // No option could select one of the two: both are "qemu/x86_64".
                    throw error(item, "target " + target.id() + " is listed twice (first at line " + first.location().line() + ")",
                            "remove one of them, or give each its own name: (- {name: debug, plat: "
                                    + target.platform().id() + ", arch: " + target.architecture().id() + "})");
                }
                targets.add(target);
            }
            return targets;
        }

        private TargetSpec target(Node item) {
            if (item instanceof ScalarNode) {
                String text = scalar(item, "target");
                String[] parts = KraftfileFormat.targetParts(text).orElseThrow(() ->
                        error(item, "target '" + text + "' is not of the form plat/arch", "write for example: qemu/x86_64"));
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
                Optional<TargetKey> known = KraftfileFormat.key(TargetKey.class, key);
                if (known.isEmpty()) {
                    warnUnknown(entry.getKeyNode(), key, "target", KraftfileFormat.known(TargetKey.class));
                    continue;
                }
                once(map, known.get(), entry);
                switch (known.get()) {
                    case NAME -> name = Optional.of(name(value));
                    case PLATFORM -> platform = platform(value, scalar(value, key));
                    case ARCHITECTURE -> architecture = architecture(value, scalar(value, key));
                    case KCONFIG -> kconfig = kconfig(value, "targets[" + (name.orElse("")) + "].kconfig");
                }
            }
            if (platform == null || architecture == null) {
                String missing = platform == null && architecture == null ? "plat and arch" : platform == null ? "plat" : "arch";
                throw error(item, "target has no " + missing, "write for example: { plat: qemu, arch: x86_64 }");
            }
            return new TargetSpec(name, platform, architecture, kconfig, location(item));
        }

        /** Refuses a key given in two spellings ({@code plat:} and {@code platform:}): which one would count? */
        private void once(MappingNode map, KraftfileFormat.Key key, NodeTuple entry) {
            for (NodeTuple other : map.getValue()) {
                if (other == entry) {
                    return;
                }
                if (other.getKeyNode() instanceof ScalarNode k && key.spellings().contains(k.getValue())) {
                    throw error(entry.getKeyNode(), "'" + k.getValue() + "' and '" + key(entry) + "' are the same key, given twice",
                            "keep only one of them");
                }
            }
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
                    String symbol = KraftfileFormat.listEntrySymbol(text).orElseThrow(() -> error(item,
                            "'" + text + "' in " + where + " is not of the form CONFIG_X=value", "write for example: - CONFIG_LIBUKDEBUG=y"));
                    entries.add(entry(item, symbol, KraftfileFormat.listEntryValue(text), false));
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
            if (!KraftfileFormat.SYMBOL.matcher(symbol).matches()) {
                throw error(node, "'" + symbol + "' is not a kconfig symbol", "use names such as CONFIG_LIBUKDEBUG (the CONFIG_ prefix is optional)");
            }
            return new KconfigEntry(KraftfileFormat.fullSymbol(symbol), KraftfileFormat.kconfigText(value, yamlBoolean), location(node));
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

        private void warnUnknown(Node keyNode, String key, String where, String known) {
            if (KraftfileFormat.IGNORED_KRAFTKIT_KEYS.contains(key) && where.equals("top level")) {
                warnings.add(at(keyNode) + ": '" + key + "' is not supported by uknative (native unikernels only); ignored");
            } else {
                warnings.add(at(keyNode) + ": unknown key '" + key + "' in " + where + "; ignored (known: " + known + ")");
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
