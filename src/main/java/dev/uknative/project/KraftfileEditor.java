package dev.uknative.project;

import dev.uknative.core.UknativeException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Sets and removes kconfig entries in a Kraftfile's text and changes nothing else: comments, blank
 * lines, key order, quoting, indentation, flow or block style, line endings (LF or CRLF) and a
 * missing final newline stay as written. What to change is found in SnakeYAML Engine's composed nodes,
 * whose marks are exact offsets, and the original text is spliced there; the document is never
 * serialized again.
 *
 * <p>The rules, so that the result can be predicted:
 * <ul>
 *   <li>An existing entry ({@code CONFIG_X} or {@code X}, in a mapping or a list) keeps its spelling,
 *       its place and its own comment; only its value changes. Setting the value it already reads as
 *       ({@code true} for {@code y}) leaves the text as it is.
 *   <li>A new entry goes after the block's last entry, in the block's style: {@code CONFIG_X: value}
 *       at the entries' indentation, or {@code - CONFIG_X=value} after the same dash prefix. It is
 *       spelled without {@code CONFIG_} only when every entry of the block is.
 *   <li>A missing {@code kconfig:} becomes the last key of its owner, as a block mapping; a missing
 *       {@code unikraft:} is added after {@code spec:}/{@code name:}. The short forms are expanded in
 *       place: {@code unikraft: 0.17.0} becomes a mapping with {@code version:} (or {@code source:} for
 *       a path) and keeps the line's comment; a target {@code qemu/x86_64} becomes
 *       {@code plat:}/{@code arch:}/{@code kconfig:}. New blocks are indented by the file's own step.
 *   <li>Flow collections are edited in flow: {@code {CONFIG_A: y}} becomes
 *       {@code {CONFIG_A: y, CONFIG_B: n}}, {@code [qemu/x86_64]} becomes
 *       {@code [{plat: qemu, arch: x86_64, kconfig: {CONFIG_B: n}}]}.
 *   <li>Removing an entry removes its line(s) and its trailing comment, not the comments above it.
 *       Removing the last entry leaves {@code kconfig:} without a value (which reads as no entries),
 *       so that the key and its comments stay; in flow, {@code {}} or {@code []} stays.
 *   <li>Values are kconfig text ({@code y}, {@code n}, {@code m}, {@code 42}, {@code 0x10},
 *       {@code "text"}). Numbers and tristates are written plain. A string is written as given, which
 *       YAML reads in double quotes to the text that {@link KraftfileReader} quotes back exactly;
 *       when that would not give the same text back ({@code "42"}, {@code "y"}, unusual escapes) it
 *       is written in single quotes around the kconfig text ({@code '"42"'}), which the reader keeps.
 *       In a list, {@code CONFIG_X=value} is plain when YAML allows it, else single-quoted.
 *   <li>Anchored or aliased blocks are refused: editing one would change the other.
 *   <li>Keys, their other spellings, the short forms and which target a selector means are those of
 *       {@link KraftfileFormat}, as for the reader.
 * </ul>
 *
 * <p>The editor is pure: it takes the text and returns the new text, and reads and writes no file,
 * so a caller can read, edit and write under its own lock and compare what is on disk before it
 * writes. This class is its API and the check of each result; {@link KraftfileSplicer} finds the
 * block and splices the text, {@link KraftfileValueYaml} writes values and new blocks as YAML.
 *
 * <p>After each edit, when {@link KraftfileReader} accepts the input, it must accept the output and
 * read exactly the expected entries in the edited block; anything else is a bug and fails the edit.
 */
public final class KraftfileEditor {

    private final Path file;
    private final KraftfileReader reader = new KraftfileReader();

    /** An editor for the Kraftfile at {@code file}; the path only names it in errors. */
    public KraftfileEditor(Path file) {
        this.file = Objects.requireNonNull(file, "file").toAbsolutePath().normalize();
    }

    /** Which kconfig block an edit applies to. */
    public sealed interface Scope {

        /** {@code unikraft: {kconfig: …}}. */
        static Scope unikraft() {
            return new Unikraft();
        }

        /** {@code libraries: {NAME: {kconfig: …}}}. */
        static Scope library(String name) {
            return new Library(name);
        }

        /**
         * The kconfig of the target that {@code nameOrPlatArch} selects: the one with this
         * {@code name:}, or else the one of this {@code plat/arch} (as {@link TargetSelector#selected}).
         */
        static Scope target(String nameOrPlatArch) {
            return new Target(nameOrPlatArch);
        }

        /** The kconfig of {@code target}, found again in an edited file by its name, or its plat/arch when it has none. */
        static Scope target(TargetSpec target) {
            return new Target(target.displayName());
        }

        /** Where the block is, as in messages: {@code unikraft.kconfig}. */
        String describe();

        /** The Unikraft core's kconfig. */
        record Unikraft() implements Scope {
            @Override
            public String describe() {
                return "unikraft.kconfig";
            }
        }

        /** A library's kconfig. */
        record Library(String name) implements Scope {
            public Library {
                Objects.requireNonNull(name, "name");
            }

            @Override
            public String describe() {
                return "libraries." + name + ".kconfig";
            }
        }

        /** A target's kconfig, selected by name or by {@code plat/arch} (aliases such as kvm allowed). */
        record Target(String selector) implements Scope {
            public Target {
                Objects.requireNonNull(selector, "selector");
                if (selector.isBlank()) {
                    throw UknativeException.usage("no target given", "name a target, or give its plat/arch such as qemu/x86_64");
                }
            }

            @Override
            public String describe() {
                return "targets[" + selector + "].kconfig";
            }
        }
    }

    /**
     * One change: set {@code symbol} to {@code value}, or remove it when the value is empty. The
     * symbol is stored with its {@code CONFIG_} prefix; an invalid symbol or value is a usage error.
     */
    public record Edit(Scope scope, String symbol, Optional<String> value) {

        public Edit {
            Objects.requireNonNull(scope, "scope");
            Objects.requireNonNull(symbol, "symbol");
            Objects.requireNonNull(value, "value");
            if (!KraftfileFormat.SYMBOL.matcher(symbol).matches()) {
                throw UknativeException.usage("'" + symbol + "' is not a kconfig symbol",
                        "use names such as CONFIG_LIBUKDEBUG (the CONFIG_ prefix is optional)");
            }
            symbol = KraftfileFormat.fullSymbol(symbol);
            value.ifPresent(Edit::check);
        }

        public static Edit set(Scope scope, String symbol, String value) {
            return new Edit(scope, symbol, Optional.of(Objects.requireNonNull(value, "value")));
        }

        public static Edit unset(Scope scope, String symbol) {
            return new Edit(scope, symbol, Optional.empty());
        }

        /** {@code CONFIG_X=y in unikraft.kconfig}, or {@code removing CONFIG_X from …}. */
        public String describe() {
            return value.map(v -> symbol + "=" + v + " in ").orElse("removing " + symbol + " from ") + scope.describe();
        }

        private static void check(String value) {
            if (value.chars().anyMatch(Character::isISOControl)) {
                throw UknativeException.usage("the value for a kconfig symbol must be one line of text without control characters",
                        "write y, n, m, a number or a double-quoted string");
            }
            if (!KraftfileFormat.isKconfigValue(value)) {
                throw UknativeException.usage("'" + value + "' is not a kconfig value",
                        "write y, n, m, a number (42, 0x10) or a double-quoted string (\"hello world\", "
                                + "with \\\" and \\\\ inside it); in a shell, put it in single quotes: '\"hello world\"'");
            }
        }
    }

    /** Sets {@code symbol} to the kconfig text {@code value} in {@code scope}; returns the new text. */
    public String set(String text, Scope scope, String symbol, String value) {
        return apply(text, List.of(Edit.set(scope, symbol, value)));
    }

    /**
     * Removes {@code symbol} from {@code scope}; returns the new text, the same text when it was not
     * there.
     */
    public String unset(String text, Scope scope, String symbol) {
        return apply(text, List.of(Edit.unset(scope, symbol)));
    }

    /**
     * Applies the edits in order, each to the result of the one before; returns the new text (equal
     * to {@code text} when nothing had to change).
     */
    public String apply(String text, List<Edit> edits) {
        Objects.requireNonNull(text, "text");
        String current = text;
        for (Edit edit : edits) {
            String edited = new KraftfileSplicer(file, current, edit).run();
            verify(current, edited, edit);
            current = edited;
        }
        return current;
    }

    /** Re-reads both texts: the edited block must hold exactly the expected entries. */
    private void verify(String before, String after, Edit edit) {
        List<String> expected;
        try {
            expected = expectedLines(entries(reader.parse(file, before), edit.scope()), edit);
        } catch (UknativeException refused) {
            // The reader refuses the input for a reason of its own: there is nothing to compare with.
            return;
        }
        List<String> actual;
        try {
            actual = entries(reader.parse(file, after), edit.scope()).stream().map(KconfigEntry::line).toList();
        } catch (UknativeException e) {
            throw new IllegalStateException("editing " + file + " (" + edit.describe() + ") made it unreadable: " + e.describe(), e);
        }
        if (!actual.equals(expected)) {
            throw new IllegalStateException("editing " + file + " (" + edit.describe() + ") gave " + actual + " instead of " + expected);
        }
    }

    private static List<KconfigEntry> entries(Kraftfile kraftfile, Scope scope) {
        if (scope instanceof Scope.Library library) {
            return kraftfile.libraries().stream().filter(l -> l.name().equals(library.name()))
                    .findFirst().map(ComponentSpec::kconfig).orElse(List.of());
        }
        if (scope instanceof Scope.Target target) {
            List<TargetSpec> selected = TargetSelector.selected(kraftfile, target.selector());
            return selected.size() == 1 ? selected.get(0).kconfig() : List.of();
        }
        return kraftfile.unikraft().kconfig();
    }

    private static List<String> expectedLines(List<KconfigEntry> before, Edit edit) {
        List<String> lines = new ArrayList<>();
        boolean written = false;
        for (KconfigEntry entry : before) {
            if (!entry.symbol().equals(edit.symbol())) {
                lines.add(entry.line());
            } else if (edit.value().isPresent() && !written) {
                lines.add(edit.symbol() + "=" + edit.value().get());
                written = true;
            }
        }
        if (edit.value().isPresent() && !written) {
            lines.add(edit.symbol() + "=" + edit.value().get());
        }
        return lines;
    }

    /** The YAML written after {@code CONFIG_X: } for {@code value} (see {@link KraftfileValueYaml}). */
    static String mappingValue(String value) {
        return KraftfileValueYaml.mappingValue(value);
    }
}
