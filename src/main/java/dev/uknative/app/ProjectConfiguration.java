package dev.uknative.app;

import dev.uknative.build.KconfigLayers;
import dev.uknative.build.LibraryOption;
import dev.uknative.core.AtomicFiles;
import dev.uknative.core.FileLocks;
import dev.uknative.core.KconfigText;
import dev.uknative.core.Location;
import dev.uknative.core.UknativeException;
import dev.uknative.kconfig.ConfigAssignment;
import dev.uknative.kconfig.ConfigProblem;
import dev.uknative.kconfig.KconfigSolver;
import dev.uknative.kconfig.KconfigTree;
import dev.uknative.kconfig.SolvedConfig;
import dev.uknative.kconfig.Symbol;
import dev.uknative.kconfig.SymbolStatus;
import dev.uknative.kconfig.SymbolType;
import dev.uknative.project.KconfigEntry;
import dev.uknative.project.Kraftfile;
import dev.uknative.project.KraftfileEditor;
import dev.uknative.project.KraftfileReader;
import dev.uknative.project.ProjectLayout;
import dev.uknative.project.TargetSelector;
import dev.uknative.project.TargetSpec;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Changing a project's kconfig in its Kraftfile: the one place {@code uknative config set/unset} and
 * {@code uknative menu} go through.
 *
 * <p>The rules, the same for every front-end:
 * <ul>
 * <li>Changes go to {@code unikraft.kconfig}, or to the kconfig of the target named with {@code --target}.
 * <li>A string symbol's value is written in double quotes (unless already quoted).
 * <li>Each change is solved with the Kraftfile's kconfig plus the new assignments and refused, with the
 *     engine's reason and fix, when any of them cannot hold; the Kraftfile is then left as it was.
 * <li>Selecting an entry of a choice ({@code =y}) removes the block's {@code =y} entries for the other
 *     entries of that choice (two of them would contradict each other).
 * <li>With {@link Defaults#REMOVE} (the menu), an entry whose removal gives the value asked for is
 *     removed instead of rewritten, so that the Kraftfile lists only real choices; with
 *     {@link Defaults#KEEP} ({@code config set}) the value asked for is written, default or not, since
 *     pinning a default is a choice a user can make.
 * <li>Read, edit and write happen under a lock on {@code .unikraft/kraftfile.lock}, with the
 *     Kraftfile read again under it: two changes at once both land, in either order.
 * <li>A Kraftfile that is read-only (no write permission bit) or cannot be written is an environment
 *     error naming the file; it is replaced whole or not at all.
 * </ul>
 *
 * <p>The Kconfig tree is parsed once by the caller, since nothing here changes it.
 */
public final class ProjectConfiguration {

    /** What becomes of an entry set to the value the symbol has without it. */
    public enum Defaults {
        /** Written as asked ({@code config set}). */
        KEEP,
        /** Removed ({@code menu}). */
        REMOVE
    }

    /**
     * A change that was written.
     *
     * @param file     the Kraftfile
     * @param set      what was written, symbol to kconfig text, in the order asked
     * @param removed  entries removed instead: the symbol's own (with {@link Defaults#REMOVE}) and other
     *                 entries of a choice
     * @param wanted   the value each symbol asked for has after the change, symbol to kconfig text
     * @param before   the configuration before
     * @param now      the configuration as the Kraftfile now gives it
     * @param notHeld  symbols whose value written does not hold, with why (a later layer, the engine)
     */
    public record Written(Path file, Map<String, String> set, List<String> removed, Map<String, String> wanted, SolvedConfig before,
            SolvedConfig now, Map<String, String> notHeld) {
        public Written {
            set = Collections.unmodifiableMap(new LinkedHashMap<>(set));
            removed = List.copyOf(removed);
            wanted = Collections.unmodifiableMap(new LinkedHashMap<>(wanted));
            notHeld = Collections.unmodifiableMap(new LinkedHashMap<>(notHeld));
            Objects.requireNonNull(before, "before");
            Objects.requireNonNull(now, "now");
        }

        /** "Also changes: CONFIG_A y→n, …" for the symbols that changed besides the ones asked for. */
        public Optional<String> consequences() {
            return ProjectConfiguration.consequences(before, now, wanted.keySet());
        }
    }

    /** What {@link #set} did: written, or refused because an assignment cannot hold (nothing written). */
    public sealed interface Outcome {
    }

    /** The change was written. */
    public record Applied(Written written) implements Outcome {
    }

    /** The change cannot hold; the Kraftfile is unchanged. */
    public record Refused(List<ConfigProblem> problems) implements Outcome {
        public Refused {
            problems = List.copyOf(problems);
        }

        /** One "message / fix" pair per problem, each line indented, each pair starting on a new line. */
        public String describe() {
            return ProjectConfiguration.describe(problems);
        }
    }

    /**
     * What {@link #unset} did.
     *
     * @param file    the Kraftfile
     * @param changed whether any entry was there to remove
     */
    public record Unset(Path file, boolean changed) {
    }

    private final KconfigTree tree;
    private final List<LibraryOption> libraries;
    private final Path file;
    private final TargetSpec target;
    private final KraftfileEditor.Scope scope;
    private final Defaults defaults;
    private final String origin;
    private final KraftfileReader reader = new KraftfileReader();
    private final KraftfileEditor editor;
    private final Path lockFile;

    /**
     * @param tree      the parsed Kconfig tree of the project's Unikraft
     * @param kraftfile the Kraftfile as read when the work started
     * @param target    the target whose configuration is solved
     * @param scope     where changes go: {@code unikraft.kconfig} or the target's kconfig (see {@link #scope})
     * @param defaults  what becomes of an entry set to its default
     * @param origin    who asks, for the engine's messages: {@code uknative config set}
     */
    public ProjectConfiguration(KconfigTree tree, Kraftfile kraftfile, TargetSpec target, KraftfileEditor.Scope scope, Defaults defaults,
            String origin) {
        this(tree, kraftfile, target, scope, defaults, origin, List.of());
    }

    /** @param libraries the options of the libraries the Kraftfile lists, found in their sources ({@link KconfigLayers#libraryOptions}) */
    public ProjectConfiguration(KconfigTree tree, Kraftfile kraftfile, TargetSpec target, KraftfileEditor.Scope scope, Defaults defaults,
            String origin, List<LibraryOption> libraries) {
        this.libraries = List.copyOf(libraries);
        this.tree = tree;
        this.file = kraftfile.file();
        this.target = target;
        this.scope = scope;
        this.defaults = defaults;
        this.origin = origin;
        this.editor = new KraftfileEditor(file);
        this.lockFile = ProjectLayout.of(kraftfile).workDirectory().resolve("kraftfile.lock");
    }

    /** {@code unikraft.kconfig}, or the kconfig of the target named with {@code --target}. */
    public static KraftfileEditor.Scope scope(Optional<String> target) {
        return target.isEmpty() ? KraftfileEditor.Scope.unikraft() : KraftfileEditor.Scope.target(target.get());
    }

    public Path file() {
        return file;
    }

    public KraftfileEditor.Scope scope() {
        return scope;
    }

    /** The configuration as the Kraftfile gives it now. */
    public SolvedConfig current() {
        return solve(read(), List.of());
    }

    /**
     * Sets symbols (with or without CONFIG_) to values (kconfig text, or a string symbol's text without
     * quotes); an unknown symbol or a malformed value is a usage error.
     */
    public Outcome set(Map<String, String> requested) {
        return locked(() -> {
            Kraftfile kraftfile = read();
            SolvedConfig before = solve(kraftfile, List.of());
            Map<String, String> values = new LinkedHashMap<>();
            requested.forEach((name, value) -> {
                String full = ConfigQueries.symbol(before, name);
                values.put(full, kconfigValue(before.status(full).orElseThrow(), value));
            });
            List<ConfigAssignment> asked = new ArrayList<>();
            values.forEach((k, v) -> asked.add(new ConfigAssignment(k, v, origin, Optional.empty())));
            SolvedConfig after = solve(kraftfile, asked);
            List<ConfigProblem> problems = problemsOf(after, asked);
            if (!problems.isEmpty()) {
                return new Refused(problems);
            }
            Map<String, String> wanted = new LinkedHashMap<>();
            values.forEach((k, v) -> wanted.put(k, after.value(k).orElse(v)));
            String text = readText();
            Edited edited = edit(kraftfile, text, values, wanted);
            if (!edited.text().equals(text)) {
                write(edited.text());
            }
            SolvedConfig now = solve(read(), List.of());
            Map<String, String> notHeld = new LinkedHashMap<>();
            wanted.forEach((k, v) -> {
                if (!now.value(k).orElse("").equals(v)) {
                    notHeld.put(k, "But " + k + " is " + now.value(k).orElse("?") + ": " + overriddenBy(now, k));
                }
            });
            return new Applied(new Written(file, edited.set(), edited.removed(), wanted, before, now, notHeld));
        });
    }

    /** Removes the entries of symbols (with or without CONFIG_) from the block; they return to their defaults. */
    public Unset unset(List<String> names) {
        return locked(() -> {
            List<KraftfileEditor.Edit> edits = new ArrayList<>();
            for (String n : names) {
                edits.add(KraftfileEditor.Edit.unset(scope, n.startsWith("CONFIG_") ? n : "CONFIG_" + n));
            }
            String text = readText();
            String edited = editor.apply(text, edits);
            if (edited.equals(text)) {
                return new Unset(file, false);
            }
            write(edited);
            return new Unset(file, true);
        });
    }

    /** The Kraftfile's new text, what it sets and which entries it removes. */
    private record Edited(String text, Map<String, String> set, List<String> removed) {
    }

    /**
     * Sets the values and removes the other entries of a choice set to y; with {@link Defaults#REMOVE},
     * removes the symbols' own entries instead when the symbols then have the values wanted.
     */
    private Edited edit(Kraftfile kraftfile, String text, Map<String, String> values, Map<String, String> wanted) {
        List<KraftfileEditor.Edit> others = new ArrayList<>();
        values.forEach((k, v) -> others.addAll(otherChoiceEntries(kraftfile, k, v)));
        if (defaults == Defaults.REMOVE) {
            List<KraftfileEditor.Edit> removals = new ArrayList<>();
            values.keySet().forEach(k -> removals.add(KraftfileEditor.Edit.unset(scope, k)));
            removals.addAll(others);
            String removed = editor.apply(text, removals);
            if (!removed.equals(text) && holds(solve(reader.parse(file, removed), List.of()), wanted)) {
                return new Edited(removed, Map.of(), removedBy(text, removals));
            }
        }
        List<KraftfileEditor.Edit> edits = new ArrayList<>();
        values.forEach((k, v) -> edits.add(KraftfileEditor.Edit.set(scope, k, v)));
        edits.addAll(others);
        return new Edited(editor.apply(text, edits), values, removedBy(text, others));
    }

    /** The symbols of the removals that remove an entry from {@code text}. */
    private List<String> removedBy(String text, List<KraftfileEditor.Edit> removals) {
        return removals.stream().filter(e -> !editor.apply(text, List.of(e)).equals(text)).map(KraftfileEditor.Edit::symbol).toList();
    }

    private boolean holds(SolvedConfig solved, Map<String, String> wanted) {
        return wanted.entrySet().stream().allMatch(w -> solved.value(w.getKey()).orElse("").equals(w.getValue()));
    }

    /** For a choice entry set to y: removing the block's y for the other entries of the choice. */
    private List<KraftfileEditor.Edit> otherChoiceEntries(Kraftfile kraftfile, String symbol, String value) {
        List<KraftfileEditor.Edit> edits = new ArrayList<>();
        Optional<Symbol> s = tree.symbol(symbol);
        if (value.equals("y") && s.isPresent() && s.get().choice().isPresent()) {
            for (Symbol other : s.get().choice().get().symbols()) {
                if (other != s.get() && blockEntries(kraftfile).stream()
                        .anyMatch(e -> e.symbol().equals(other.configName()) && e.value().equals("y"))) {
                    edits.add(KraftfileEditor.Edit.unset(scope, other.configName()));
                }
            }
        }
        return edits;
    }

    /** The entries of the block changes go to. */
    private List<KconfigEntry> blockEntries(Kraftfile kraftfile) {
        return scope instanceof KraftfileEditor.Scope.Unikraft ? kraftfile.unikraft().kconfig() : target(kraftfile).kconfig();
    }

    /** Why a value just written does not hold: the problem the engine reports, or a later layer's assignment. */
    private static String overriddenBy(SolvedConfig solved, String symbol) {
        for (ConfigProblem p : solved.problems()) {
            if (p.symbol().equals(symbol)) {
                return p.message() + " (fix: " + p.fix() + ")";
            }
        }
        List<ConfigAssignment> assignments = solved.assignments();
        for (int i = assignments.size() - 1; i >= 0; i--) {
            if (assignments.get(i).symbol().equals(symbol)) {
                return assignments.get(i).describeOrigin() + " sets " + assignments.get(i).value() + ", which comes later.";
            }
        }
        return "the engine decides otherwise (see ? for why).";
    }

    private Kraftfile read() {
        return reader.read(file);
    }

    private String readText() {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw UknativeException.environment(file + " cannot be read: " + e.getMessage(), "check the file's permissions");
        }
    }

    /** The Kraftfile is replaced whole or not at all, and only when the user may write it. */
    private void write(String text) {
        if (readOnly(file)) {
            throw new UknativeException(dev.uknative.core.ExitCode.ENVIRONMENT, Location.of(file), "the Kraftfile is read-only; not changed",
                    "make it writable (chmod u+w " + file + ") and run again");
        }
        try {
            AtomicFiles.write(file, text);
        } catch (IOException e) {
            throw new UknativeException(dev.uknative.core.ExitCode.ENVIRONMENT, Location.of(file),
                    "cannot write the Kraftfile: " + e.getMessage() + "; not changed", "check the permissions of the file and of its folder");
        }
    }

    /**
     * No write permission bit, or not writable by this user: replacing it by a rename would go around
     * the permission (and root passes every access check), so the bits are what counts.
     */
    private static boolean readOnly(Path file) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            return !permissions.contains(PosixFilePermission.OWNER_WRITE) || !Files.isWritable(file);
        } catch (UnsupportedOperationException | IOException e) {
            return !Files.isWritable(file);
        }
    }

    /** The same target in a Kraftfile read again: by its name, or its plat/arch when it has none (as the editor finds it). */
    private TargetSpec target(Kraftfile kraftfile) {
        List<TargetSpec> same = TargetSelector.selected(kraftfile, target.displayName());
        return same.size() == 1 ? same.get(0) : target;
    }

    private SolvedConfig solve(Kraftfile kraftfile, List<ConfigAssignment> extra) {
        List<ConfigAssignment> assignments = new ArrayList<>(KconfigLayers.inOrder(kraftfile, target(kraftfile), libraries));
        assignments.addAll(extra);
        return KconfigSolver.solve(tree, assignments);
    }

    private interface Work<T> {
        T run();
    }

    /**
     * Runs {@code work} holding the project's Kraftfile lock ({@code .unikraft/kraftfile.lock}), so that
     * a read-edit-write never interleaves with another one, in this process or another.
     */
    private <T> T locked(Work<T> work) {
        try {
            Files.createDirectories(lockFile.getParent());
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock lock = FileLocks.acquire(channel, () -> { }, "the lock on " + file)) {
                return work.run();
            }
        } catch (IOException e) {
            throw UknativeException.environment("cannot lock " + lockFile + ": " + e.getMessage(),
                    "check the permissions of " + lockFile.getParent());
        }
    }

    /** The value as kconfig text: a string symbol's text in double quotes (unless already quoted). */
    public static String kconfigValue(SymbolStatus symbol, String value) {
        if (symbol.type() == SymbolType.STRING && !(value.startsWith("\"") && value.endsWith("\"") && value.length() >= 2)) {
            return KconfigText.quote(value);
        }
        return value;
    }

    /** The problems of {@code requested} in a configuration solved with them: any means the change cannot hold. */
    static List<ConfigProblem> problemsOf(SolvedConfig solved, List<ConfigAssignment> requested) {
        return solved.problems().stream().filter(p -> requested.contains(p.assignment())).toList();
    }

    /** One "message / fix" pair per problem, each line indented, each pair starting on a new line. */
    static String describe(List<ConfigProblem> problems) {
        StringBuilder text = new StringBuilder();
        problems.forEach(p -> text.append("\n  ").append(p.message()).append("\n    fix: ").append(p.fix()));
        return text.toString();
    }

    /** "Also changes: CONFIG_A y→n, …" for the symbols that changed besides the ones set. */
    static Optional<String> consequences(SolvedConfig before, SolvedConfig after, Set<String> set) {
        List<String> changes = new ArrayList<>();
        for (SymbolStatus s : after.symbols()) {
            if (set.contains(s.name())) {
                continue;
            }
            before.status(s.name()).filter(b -> !b.value().equals(s.value()))
                    .ifPresent(b -> changes.add(s.name() + " " + display(b.value()) + "→" + display(s.value())));
        }
        if (changes.isEmpty()) {
            return Optional.empty();
        }
        int shown = Math.min(changes.size(), 12);
        return Optional.of("Also changes: " + String.join(", ", changes.subList(0, shown))
                + (changes.size() > shown ? " and " + (changes.size() - shown) + " more" : ""));
    }

    private static String display(String value) {
        return value.isEmpty() ? "\"\"" : value;
    }
}
