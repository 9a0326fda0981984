package dev.uknative.project;

import static dev.uknative.project.KraftfileValueYaml.block;
import static dev.uknative.project.KraftfileValueYaml.field;
import static dev.uknative.project.KraftfileValueYaml.flow;
import static dev.uknative.project.KraftfileValueYaml.listItem;
import static dev.uknative.project.KraftfileValueYaml.mapping;
import static dev.uknative.project.KraftfileValueYaml.mappingValue;
import static dev.uknative.project.KraftfileValueYaml.word;

import dev.uknative.core.KconfigText;
import dev.uknative.core.Location;
import dev.uknative.core.UknativeException;
import dev.uknative.project.KraftfileEditor.Edit;
import dev.uknative.project.KraftfileEditor.Scope;
import dev.uknative.project.KraftfileFormat.ComponentKey;
import dev.uknative.project.KraftfileFormat.TargetKey;
import dev.uknative.project.KraftfileFormat.TopKey;
import dev.uknative.project.KraftfileValueYaml.NewMapping;
import dev.uknative.project.KraftfileValueYaml.NewNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.snakeyaml.engine.v2.common.Anchor;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.CollectionNode;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * One edit of one Kraftfile text, the way {@link KraftfileEditor} describes: finds the block in
 * SnakeYAML Engine's composed nodes (whose marks are exact offsets) by the rules of
 * {@link KraftfileFormat}, collects replacements of ranges of the original text, and splices them in;
 * the document is never serialized again, so everything else stays as written.
 */
final class KraftfileSplicer {

    /** Targets named in one message, at most. */
    private static final int TARGETS_SHOWN = 10;

    /** A replacement of {@code [start, end)} of the original text. */
    private record Splice(int start, int end, String replacement) {
    }

    private final Path file;
    private final String text;
    private final Edit edit;
    /** Code point index (what marks count) to char index; null when they are the same. */
    private final int[] charIndex;
    private final String newline;
    private final Node root;
    /** The file's indentation step, for the blocks the edit creates. */
    private final int step;
    private final List<Splice> splices = new ArrayList<>();

    /** @param file names the Kraftfile in errors */
    KraftfileSplicer(Path file, String text, Edit edit) {
        this.file = file;
        this.text = text;
        this.edit = edit;
        this.newline = text.contains("\r\n") ? "\r\n" : "\n";
        int codePoints = text.codePointCount(0, text.length());
        if (codePoints == text.length()) {
            this.charIndex = null;
        } else {
            this.charIndex = new int[codePoints + 1];
            int c = 0;
            for (int i = 0; i < codePoints; i++) {
                charIndex[i] = c;
                c += Character.charCount(text.codePointAt(c));
            }
            charIndex[codePoints] = c;
        }
        this.root = compose();
        this.step = indentStep(root);
    }

    /** The edited text. */
    String run() {
        if (!(root instanceof MappingNode top)) {
            throw error(root, "the Kraftfile must be a mapping of keys to values", "start it with lines such as: spec: v0.6");
        }
        Scope scope = edit.scope();
        if (scope instanceof Scope.Library library) {
            library(top, library.name());
        } else if (scope instanceof Scope.Target target) {
            target(top, target.selector());
        } else {
            unikraft(top);
        }
        return splice();
    }

    private boolean setting() {
        return edit.value().isPresent();
    }

    private NewMapping newKconfig() {
        return mapping(field(edit.symbol(), mappingValue(edit.value().orElseThrow())));
    }

    // ---- Finding the block ----

    private void unikraft(MappingNode top) {
        NodeTuple unikraft = find(top, TopKey.UNIKRAFT);
        if (unikraft == null) {
            if (setting()) {
                addKey(top, TopKey.UNIKRAFT.spelling(), mapping(field(ComponentKey.KCONFIG, newKconfig())), spellings(TopKey.SPEC, TopKey.NAME));
            }
            return;
        }
        component(top, unikraft, "unikraft");
    }

    private void library(MappingNode top, String name) {
        NodeTuple libraries = find(top, TopKey.LIBRARIES);
        if (libraries == null || isNull(libraries.getValueNode())) {
            throw error(libraries == null ? top : libraries.getKeyNode(), "no library named '" + name + "': the Kraftfile has none",
                    "add it under libraries: first");
        }
        if (!(libraries.getValueNode() instanceof MappingNode map)) {
            throw error(libraries.getValueNode(), "libraries must be a mapping of names to versions or mappings",
                    "write for example: libraries: {musl: stable}");
        }
        NodeTuple library = find(map, name);
        if (library == null) {
            throw error(libraries.getKeyNode(), "no library named '" + name + "'", "libraries: " + keys(map));
        }
        component(map, library, "libraries." + name);
    }

    /** {@code unikraft:} or a library: empty, a version or path string, or a mapping. */
    private void component(MappingNode parent, NodeTuple tuple, String where) {
        checkOwned(tuple, where);
        Node value = tuple.getValueNode();
        if (isNull(value)) {
            if (setting()) {
                replaceValue(parent, tuple, mapping(field(ComponentKey.KCONFIG, newKconfig())));
            }
        } else if (value instanceof ScalarNode scalar) {
            if (setting()) {
                ComponentKey key = KraftfileFormat.shortFormKey(scalar.getValue());
                replaceValue(parent, tuple, mapping(field(key, sourceText(scalar)), field(ComponentKey.KCONFIG, newKconfig())));
            }
        } else if (value instanceof MappingNode map) {
            owner(map, where);
        } else {
            throw error(value, where + " must be a version or a mapping, not a list",
                    "write for example: " + where + ": {version: stable, kconfig: {CONFIG_X: y}}");
        }
    }

    private void target(MappingNode top, String selector) {
        NodeTuple targets = find(top, TopKey.TARGETS);
        if (targets == null || isNull(targets.getValueNode())) {
            throw error(targets == null ? top : targets.getKeyNode(), "no target '" + selector + "': the Kraftfile has no targets",
                    "add it first, e.g. targets: [qemu/x86_64]");
        }
        if (!(targets.getValueNode() instanceof SequenceNode list)) {
            throw error(targets.getValueNode(), "targets must be a list", "write for example: targets: [qemu/x86_64]");
        }
        List<TargetItem> items = list.getValue().stream().map(this::targetItem).toList();
        List<TargetItem> chosen = KraftfileFormat.select(items, TargetItem::name, TargetItem::id, selector);
        if (chosen.isEmpty()) {
            throw error(targets.getKeyNode(), "no target '" + selector + "' in targets",
                    "choose one of: " + KraftfileFormat.bounded(items.stream().map(TargetItem::describe).toList(), TARGETS_SHOWN));
        }
        if (chosen.size() > 1) {
            throw error(chosen.get(1).node(), chosen.size() + " targets are " + selector + "; the edit must apply to one",
                    "give each of them a name: and select the target by that name");
        }
        Node item = chosen.get(0).node();
        String where = "targets[" + selector + "]";
        if (item instanceof ScalarNode scalar) {
            if (setting()) {
                expandTarget(list, scalar);
            }
        } else if (item instanceof MappingNode map) {
            checkNotAnchored(map, where);
            owner(map, where);
        } else {
            throw error(item, "a target must be plat/arch or a mapping, not a list", "write for example: - qemu/x86_64");
        }
    }

    private record TargetItem(Node node, Optional<String> name, String id) {
        String describe() {
            return name.map(n -> n + " (" + id + ")").orElse(id);
        }
    }

    private TargetItem targetItem(Node item) {
        if (item instanceof ScalarNode scalar && !isNull(scalar)) {
            return new TargetItem(item, Optional.empty(), KraftfileFormat.canonicalTarget(scalar.getValue()));
        }
        if (item instanceof MappingNode map) {
            Optional<String> name = scalarValue(find(map, TargetKey.NAME));
            String platform = scalarValue(find(map, TargetKey.PLATFORM)).orElse("");
            String architecture = scalarValue(find(map, TargetKey.ARCHITECTURE)).orElse("");
            return new TargetItem(item, name, KraftfileFormat.canonicalTarget(platform + "/" + architecture));
        }
        return new TargetItem(item, Optional.empty(), "");
    }

    private Optional<String> scalarValue(NodeTuple tuple) {
        if (tuple != null && tuple.getValueNode() instanceof ScalarNode scalar && !isNull(scalar)) {
            return Optional.of(scalar.getValue());
        }
        return Optional.empty();
    }

    /** A mapping that may hold {@code kconfig:}: unikraft's, a library's or a target's. */
    private void owner(MappingNode map, String where) {
        NodeTuple kconfig = find(map, ComponentKey.KCONFIG);
        if (kconfig == null) {
            if (setting()) {
                addKey(map, ComponentKey.KCONFIG.spelling(), newKconfig(), null);
            }
            return;
        }
        String block = where + ".kconfig";
        checkOwned(kconfig, block);
        Node value = kconfig.getValueNode();
        if (isNull(value)) {
            if (setting()) {
                replaceValue(map, kconfig, newKconfig());
            }
        } else if (value instanceof MappingNode entries) {
            mappingEntries(entries, block);
        } else if (value instanceof SequenceNode items) {
            listEntries(items, block);
        } else {
            throw error(value, block + " must be a mapping (CONFIG_X: y) or a list (- CONFIG_X=y)",
                    "write its entries on their own lines under kconfig:, e.g. CONFIG_LIBUKDEBUG: y");
        }
    }

    // ---- Editing the block ----

    private void mappingEntries(MappingNode map, String where) {
        List<NodeTuple> tuples = map.getValue();
        List<String> spellings = new ArrayList<>();
        List<Integer> matches = new ArrayList<>();
        List<int[]> spans = new ArrayList<>();
        for (int i = 0; i < tuples.size(); i++) {
            Node key = tuples.get(i).getKeyNode();
            if (!(key instanceof ScalarNode k) || isNull(key)) {
                throw error(key, "a key in " + where + " is not a kconfig symbol", "write its entries as CONFIG_X: value");
            }
            spellings.add(k.getValue());
            spans.add(new int[] {start(key), valueEnd(tuples.get(i))});
            if (KraftfileFormat.fullSymbol(k.getValue()).equals(edit.symbol())) {
                matches.add(i);
            }
        }
        checkOnce(matches.stream().map(i -> tuples.get(i).getKeyNode()).toList(), where);
        if (!matches.isEmpty()) {
            NodeTuple tuple = tuples.get(matches.get(0));
            if (!setting()) {
                if (!isAlias(tuple.getValueNode(), end(tuple.getKeyNode()))) {
                    // Removing an anchor would leave its aliases undefined.
                    checkNotAnchored(tuple.getValueNode(), edit.symbol());
                }
                remove(map, spans, matches.get(0));
                return;
            }
            checkOwned(tuple, edit.symbol());
            setMappingValue(tuple, where);
            return;
        }
        if (!setting()) {
            return;
        }
        String entry = spelling(spellings, true) + ": " + mappingValue(edit.value().get());
        if (isFlow(map)) {
            appendFlow(map, spans, entry);
        } else {
            int indent = column(start(tuples.get(0).getKeyNode()));
            insertLines(nextLineStart(spans.get(spans.size() - 1)[1]), List.of(" ".repeat(indent) + entry));
        }
    }

    private void setMappingValue(NodeTuple tuple, String where) {
        String value = edit.value().orElseThrow();
        if (!(tuple.getValueNode() instanceof ScalarNode scalar)) {
            throw error(tuple.getValueNode(), edit.symbol() + " in " + where + " must be a single value",
                    "write y, n, a number or a string");
        }
        String yaml = mappingValue(value);
        if (isNull(scalar)) {
            if (start(scalar) == end(scalar)) {
                insert(start(scalar), " " + yaml);
            } else {
                replace(start(scalar), end(scalar), yaml);
            }
            return;
        }
        String current = KraftfileFormat.kconfigText(scalar.getValue(), scalar.getTag().equals(Tag.BOOL));
        if (!current.equals(value)) {
            replace(start(scalar), contentEnd(scalar), yaml);
        }
    }

    private void listEntries(SequenceNode list, String where) {
        List<Node> items = list.getValue();
        List<String> spellings = new ArrayList<>();
        List<Integer> matches = new ArrayList<>();
        List<int[]> spans = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Node item = items.get(i);
            int writtenFrom = i == 0 ? start(list) : spans.get(i - 1)[1];
            spans.add(isAlias(item, writtenFrom) ? aliasSpan(item, writtenFrom) : new int[] {start(item), contentEnd(item)});
            if (item instanceof ScalarNode scalar && !isNull(scalar)) {
                Optional<String> symbol = KraftfileFormat.listEntrySymbol(scalar.getValue());
                if (symbol.isPresent()) {
                    spellings.add(symbol.get());
                    if (KraftfileFormat.fullSymbol(symbol.get()).equals(edit.symbol())) {
                        matches.add(i);
                    }
                }
            }
        }
        checkOnce(matches.stream().map(items::get).toList(), where);
        if (!matches.isEmpty()) {
            int index = matches.get(0);
            ScalarNode item = (ScalarNode) items.get(index);
            int writtenFrom = index == 0 ? start(list) : spans.get(index - 1)[1];
            if (!setting()) {
                if (!isAlias(item, writtenFrom)) {
                    checkNotAnchored(item, edit.symbol());
                }
                remove(list, spans, index);
                return;
            }
            checkOwned(item, writtenFrom, edit.symbol());
            String old = item.getValue();
            int eq = old.indexOf('=');
            String after = old.substring(eq + 1);
            if (!KraftfileFormat.kconfigText(after.trim(), false).equals(edit.value().get())) {
                // Keep the spelling and the spacing around '=' of the entry as written.
                String head = old.substring(0, eq + 1) + after.substring(0, after.length() - after.stripLeading().length());
                replace(start(item), contentEnd(item), listItem(head + edit.value().get(), item.getScalarStyle()));
            }
            return;
        }
        if (!setting()) {
            return;
        }
        String entry = listItem(spelling(spellings, false) + "=" + edit.value().get(), ScalarStyle.PLAIN);
        if (isFlow(list)) {
            appendFlow(list, spans, entry);
        } else {
            int first = start(items.get(0));
            String prefix = text.substring(lineStart(first), first);
            if (!prefix.matches(" *- +")) {
                prefix = " ".repeat(column(start(list))) + "- ";
            }
            insertLines(nextLineStart(spans.get(spans.size() - 1)[1]), List.of(prefix + entry));
        }
    }

    /** {@code CONFIG_X}, or {@code X} when every entry of the block omits the prefix. */
    private String spelling(List<String> spellings, boolean asKey) {
        String bare = edit.symbol().substring("CONFIG_".length());
        boolean allBare = !spellings.isEmpty() && spellings.stream().noneMatch(s -> s.startsWith("CONFIG_"));
        if (allBare && (!asKey || word(bare).equals(bare))) {
            return bare;
        }
        return edit.symbol();
    }

    private void checkOnce(List<Node> matches, String where) {
        if (matches.size() > 1) {
            Node first = matches.get(0);
            throw error(matches.get(1), edit.symbol() + " is written twice in " + where + " (also at line "
                    + (first.getStartMark().map(Mark::getLine).orElse(-1) + 1) + ")",
                    "keep only one of them, then edit again");
        }
    }

    // ---- Changing the text ----

    /** Adds {@code key: value} to a mapping: after the last of {@code after}'s keys, or at the end. */
    private void addKey(MappingNode map, String key, NewNode value, Set<String> after) {
        List<NodeTuple> tuples = map.getValue();
        if (isFlow(map)) {
            List<int[]> spans = tuples.stream().map(t -> new int[] {start(t.getKeyNode()), valueEnd(t)}).toList();
            appendFlow(map, spans, key + ": " + flow(value));
            return;
        }
        NodeTuple previous = tuples.get(tuples.size() - 1);
        if (after != null) {
            previous = null;
            for (NodeTuple tuple : tuples) {
                if (tuple.getKeyNode() instanceof ScalarNode k && after.contains(k.getValue())) {
                    previous = tuple;
                }
            }
        }
        int indent = column(start(tuples.get(0).getKeyNode()));
        int at = previous == null ? lineStart(start(tuples.get(0).getKeyNode())) : nextLineStart(valueEnd(previous));
        insertLines(at, block(mapping(field(key, value)), indent, step));
    }

    /** Replaces a scalar value (empty, ~ or a version) by a mapping, keeping the line's comment. */
    private void replaceValue(MappingNode parent, NodeTuple tuple, NewMapping value) {
        Node key = tuple.getKeyNode();
        Node old = tuple.getValueNode();
        if (isFlow(parent)) {
            if (start(old) == end(old)) {
                insert(start(old), " " + flow(value));
            } else {
                replace(start(old), end(old), flow(value));
            }
            return;
        }
        int colon = text.indexOf(':', end(key));
        if (end(old) > colon + 1) {
            replace(colon + 1, end(old), "");
        }
        insertLines(nextLineStart(Math.max(end(key), end(old))), block(value, column(start(key)) + step, step));
    }

    /** {@code - qemu/x86_64} becomes {@code - plat: qemu / arch: x86_64 / kconfig: …}. */
    private void expandTarget(SequenceNode list, ScalarNode item) {
        String[] parts = KraftfileFormat.targetParts(item.getValue()).orElseThrow(() ->
                error(item, "target '" + item.getValue() + "' is not of the form plat/arch", "write for example: qemu/x86_64"));
        NewMapping target = mapping(field(TargetKey.PLATFORM, word(parts[0].trim())), field(TargetKey.ARCHITECTURE, word(parts[1].trim())),
                field(TargetKey.KCONFIG, newKconfig()));
        if (isFlow(list)) {
            replace(start(item), end(item), flow(target));
            return;
        }
        int indent = column(start(item));
        List<String> lines = block(target, indent, step);
        replace(start(item), end(item), lines.get(0).substring(indent));
        insertLines(nextLineStart(end(item)), lines.subList(1, lines.size()));
    }

    private void appendFlow(CollectionNode<?> collection, List<int[]> spans, String entry) {
        if (spans.isEmpty()) {
            boolean isMap = collection instanceof MappingNode;
            replace(start(collection), end(collection), (isMap ? "{" : "[") + entry + (isMap ? "}" : "]"));
        } else {
            insert(spans.get(spans.size() - 1)[1], ", " + entry);
        }
    }

    /** Removes element {@code i} (its span in {@code spans}) of a mapping or list. */
    private void remove(CollectionNode<?> collection, List<int[]> spans, int i) {
        int[] span = spans.get(i);
        if (isFlow(collection)) {
            if (spans.size() == 1) {
                replace(start(collection), end(collection), collection instanceof MappingNode ? "{}" : "[]");
            } else if (i == 0) {
                replace(span[0], spans.get(1)[0], "");
            } else {
                replace(spans.get(i - 1)[1], span[1], "");
            }
            return;
        }
        int from = lineStart(span[0]);
        if (!text.substring(from, span[0]).matches(collection instanceof MappingNode ? " *" : " *- +")) {
            throw UknativeException.invalidInput(location(span[0]), edit.symbol() + " shares its line with other YAML",
                    "put it on a line of its own, or remove it by hand");
        }
        int to = nextLineStart(span[1]);
        if (to == text.length() && !endsWithLineBreak() && from > 0) {
            // The file has no final newline; it still has none after its last line is removed.
            from -= from >= 2 && text.startsWith("\r\n", from - 2) ? 2 : 1;
        }
        replace(from, to, "");
    }

    private void insertLines(int at, List<String> lines) {
        if (lines.isEmpty()) {
            return;
        }
        String body = String.join(newline, lines);
        if (at == text.length() && !text.isEmpty() && !endsWithLineBreak()) {
            insert(at, newline + body);
        } else {
            insert(at, body + newline);
        }
    }

    private void insert(int at, String replacement) {
        replace(at, at, replacement);
    }

    private void replace(int from, int to, String replacement) {
        splices.add(new Splice(from, to, replacement));
    }

    private String splice() {
        List<Splice> ordered = new ArrayList<>(splices);
        ordered.sort(Comparator.comparingInt(Splice::start).reversed());
        StringBuilder result = new StringBuilder(text);
        int limit = text.length() + 1;
        for (Splice s : ordered) {
            if (s.end() > limit || s.start() == limit) {
                throw new IllegalStateException("overlapping edits of " + file + ": " + splices);
            }
            result.replace(s.start(), s.end(), s.replacement());
            limit = s.start();
        }
        return result.toString();
    }

    // ---- Reading the nodes ----

    private Node compose() {
        return KraftfileYaml.compose(file, text, ", then edit again");
    }

    /** The tuple whose key is any spelling of {@code key}; an error when two are. */
    private NodeTuple find(MappingNode map, KraftfileFormat.Key key) {
        NodeTuple found = null;
        for (NodeTuple tuple : map.getValue()) {
            if (tuple.getKeyNode() instanceof ScalarNode k && key.spellings().contains(k.getValue())) {
                if (found != null) {
                    throw error(tuple.getKeyNode(), "key '" + k.getValue() + "' is given twice", "keep only one of them");
                }
                found = tuple;
            }
        }
        return found;
    }

    private static Set<String> spellings(KraftfileFormat.Key... keys) {
        return Arrays.stream(keys).flatMap(k -> k.spellings().stream()).collect(Collectors.toSet());
    }

    /** The tuple whose key is {@code key}; an error when two are. */
    private NodeTuple find(MappingNode map, String key) {
        NodeTuple found = null;
        for (NodeTuple tuple : map.getValue()) {
            if (tuple.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
                if (found != null) {
                    throw error(tuple.getKeyNode(), "key '" + key + "' is given twice", "keep only one of them");
                }
                found = tuple;
            }
        }
        return found;
    }

    private String keys(MappingNode map) {
        return map.getValue().stream().map(t -> t.getKeyNode() instanceof ScalarNode k ? k.getValue() : "?")
                .collect(Collectors.joining(", "));
    }

    /** Refuses to edit through an alias, or a block that an alias elsewhere shares. */
    private void checkOwned(NodeTuple tuple, String where) {
        checkOwned(tuple.getValueNode(), end(tuple.getKeyNode()), where);
    }

    private void checkOwned(Node node, int writtenFrom, String where) {
        if (isAlias(node, writtenFrom)) {
            String anchor = node.getAnchor().map(a -> a.getValue()).orElse("");
            int alias = text.indexOf("*" + anchor, writtenFrom);
            throw UknativeException.invalidInput(alias < 0 ? location(writtenFrom) : location(alias),
                    where + " is an alias (*" + anchor + ") of what is written at line "
                            + (node.getStartMark().map(Mark::getLine).orElse(-1) + 1),
                    "write its own block here instead of the alias, or edit the anchored block by hand");
        }
        checkNotAnchored(node, where);
    }

    /** Where the value of {@code tuple} ends: its content's end, or its alias's when it is one. */
    private int valueEnd(NodeTuple tuple) {
        Node value = tuple.getValueNode();
        int writtenFrom = end(tuple.getKeyNode());
        return isAlias(value, writtenFrom) ? aliasSpan(value, writtenFrom)[1] : contentEnd(value);
    }

    /** Where the alias ({@code *name}) that stands for {@code node} is written, at or after {@code writtenFrom}. */
    private int[] aliasSpan(Node node, int writtenFrom) {
        String alias = "*" + node.getAnchor().map(Anchor::getValue).orElse("");
        int at = text.indexOf(alias, writtenFrom);
        if (at < 0) {
            throw UknativeException.invalidInput(location(writtenFrom), "an alias here cannot be found in the text",
                    "write the value out instead of the alias, then edit again");
        }
        return new int[] {at, at + alias.length()};
    }

    /**
     * Whether a node stands for one written before {@code writtenFrom}: the node composed for an
     * alias is the anchored one, with its marks.
     */
    private boolean isAlias(Node node, int writtenFrom) {
        return start(node) < writtenFrom;
    }

    private void checkNotAnchored(Node node, String where) {
        if (node.getAnchor().isPresent()) {
            String anchor = node.getAnchor().get().getValue();
            throw error(node, where + " is anchored as &" + anchor + "; editing it would change every *" + anchor + " too",
                    "edit it by hand, or write its own block where the alias is");
        }
    }

    /** The source of a version or path, kept as written when it is on one line. */
    private String sourceText(ScalarNode scalar) {
        String written = text.substring(start(scalar), end(scalar));
        boolean simple = scalar.getScalarStyle() == ScalarStyle.PLAIN || scalar.getScalarStyle() == ScalarStyle.SINGLE_QUOTED
                || scalar.getScalarStyle() == ScalarStyle.DOUBLE_QUOTED;
        return simple && written.indexOf('\n') < 0 ? written : KconfigText.quote(scalar.getValue());
    }

    /** The indentation step the file uses: a nested mapping's, else a nested list's, else 2. */
    private int indentStep(Node root) {
        int[] found = {0, 0};
        measure(root, found, Collections.newSetFromMap(new IdentityHashMap<>()));
        return found[0] > 0 ? found[0] : found[1] > 0 ? found[1] : 2;
    }

    private void measure(Node node, int[] found, Set<Node> seen) {
        if (!seen.add(node)) {
            return;
        }
        if (node instanceof MappingNode map) {
            for (NodeTuple tuple : map.getValue()) {
                Node value = tuple.getValueNode();
                if (!isFlow(map) && value instanceof CollectionNode<?> inner && !isFlow(inner) && !inner.getValue().isEmpty()) {
                    int keyColumn = column(start(tuple.getKeyNode()));
                    int index = inner instanceof MappingNode ? 0 : 1;
                    int childColumn = inner instanceof MappingNode m
                            ? column(start(m.getValue().get(0).getKeyNode())) : column(start(inner));
                    if (found[index] == 0 && childColumn > keyColumn) {
                        found[index] = childColumn - keyColumn;
                    }
                }
                measure(value, found, seen);
            }
        } else if (node instanceof SequenceNode list) {
            for (Node item : list.getValue()) {
                measure(item, found, seen);
            }
        }
    }

    private boolean isFlow(CollectionNode<?> node) {
        return node.getFlowStyle() == FlowStyle.FLOW;
    }

    private static boolean isNull(Node node) {
        return node instanceof ScalarNode s && s.getTag().equals(Tag.NULL);
    }

    private int start(Node node) {
        return offset(node.getStartMark());
    }

    private int end(Node node) {
        return offset(node.getEndMark());
    }

    private int offset(Optional<Mark> mark) {
        int index = mark.orElseThrow(() -> new IllegalStateException("a YAML node without a position")).getIndex();
        return charIndex == null ? index : charIndex[index];
    }

    /**
     * Where a node's text ends: its last entry's, for a block collection; a block scalar's last line.
     * An entry that is an alias stands for a node written before (its marks are that node's, maybe
     * this very collection's): the alias's own text ends the collection then.
     */
    private int contentEnd(Node node) {
        if (node instanceof MappingNode map && !isFlow(map) && !map.getValue().isEmpty()) {
            return valueEnd(map.getValue().get(map.getValue().size() - 1));
        }
        if (node instanceof SequenceNode list && !isFlow(list) && !list.getValue().isEmpty()) {
            Node last = list.getValue().get(list.getValue().size() - 1);
            if (start(last) > start(node)) {
                return contentEnd(last);
            }
            String alias = "*" + last.getAnchor().map(Anchor::getValue).orElse("");
            int at = text.lastIndexOf(alias, end(node));
            if (at > start(node)) {
                return at + alias.length();
            }
        }
        int from = start(node);
        int to = end(node);
        while (to > from && (text.charAt(to - 1) == '\n' || text.charAt(to - 1) == '\r' || text.charAt(to - 1) == ' ')) {
            to--;
        }
        return to;
    }

    private int lineStart(int offset) {
        return text.lastIndexOf('\n', offset - 1) + 1;
    }

    /** The start of the line after the one {@code offset} is on, or the end of the text. */
    private int nextLineStart(int offset) {
        int lineBreak = text.indexOf('\n', offset);
        return lineBreak < 0 ? text.length() : lineBreak + 1;
    }

    private int column(int offset) {
        return offset - lineStart(offset);
    }

    private boolean endsWithLineBreak() {
        return text.endsWith("\n");
    }

    private Location location(int offset) {
        int line = 1;
        for (int i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
            line++;
        }
        return new Location(file, line, text.codePointCount(lineStart(offset), offset) + 1);
    }

    private UknativeException error(Node node, String message, String hint) {
        Location where = node.getStartMark()
                .map(m -> new Location(file, m.getLine() + 1, m.getColumn() + 1))
                .orElse(Location.of(file));
        return UknativeException.invalidInput(where, message, hint);
    }
}
