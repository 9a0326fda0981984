package dev.uknative.cli;

import dev.uknative.build.KconfigLayers;
import dev.uknative.core.UknativeException;
import dev.uknative.kconfig.ConfigAssignment;
import dev.uknative.kconfig.ConfigProblem;
import dev.uknative.kconfig.KconfigSolver;
import dev.uknative.kconfig.KconfigTree;
import dev.uknative.kconfig.SolvedConfig;
import dev.uknative.kconfig.Symbol;
import dev.uknative.menu.ChangeOutcome;
import dev.uknative.menu.ConfigChanger;
import dev.uknative.project.KconfigEntry;
import dev.uknative.project.Kraftfile;
import dev.uknative.project.KraftfileEditor;
import dev.uknative.project.KraftfileReader;
import dev.uknative.project.TargetSelector;
import dev.uknative.project.TargetSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The menu's changes, kept in the Kraftfile the way {@code uknative config set} keeps them: each is
 * solved with the Kraftfile's kconfig plus the new assignment and refused when that assignment cannot
 * hold (with the engine's reason and fix, the Kraftfile untouched); otherwise it is written at once
 * with {@link KraftfileEditor}, atomically, to {@code unikraft.kconfig} or the target's kconfig.
 *
 * <p>The Kraftfile is read again for every change (it may have been edited meanwhile); the Kconfig
 * tree is parsed once, since nothing the menu does changes it.
 *
 * <p>Two rules beyond {@code config set}: when the symbol already has an entry in the block and
 * removing that entry gives the value asked for (turning a symbol back to its default), the entry is
 * removed instead of rewritten, so that the Kraftfile lists only real choices; and selecting an entry of
 * a choice removes the block's {@code =y} entries for the other entries of that choice.
 */
final class KraftfileConfigChanger implements ConfigChanger {

    private static final String ORIGIN = "uknative menu";

    private final KconfigTree tree;
    private final Path file;
    private final TargetSpec target;
    private final KraftfileEditor.Scope scope;
    private final KraftfileReader reader = new KraftfileReader();
    private final KraftfileEditor editor;

    /**
     * @param tree      the parsed Kconfig tree of the project's Unikraft
     * @param kraftfile the Kraftfile as read when the menu started
     * @param target    the target whose configuration is shown
     * @param scope     where changes go: {@code unikraft.kconfig} or the target's kconfig
     */
    KraftfileConfigChanger(KconfigTree tree, Kraftfile kraftfile, TargetSpec target, KraftfileEditor.Scope scope) {
        this.tree = tree;
        this.file = kraftfile.file();
        this.target = target;
        this.scope = scope;
        this.editor = new KraftfileEditor(file);
    }

    @Override
    public SolvedConfig current() {
        return solve(read(), List.of());
    }

    @Override
    public String destination() {
        return file.getFileName() + " " + scope.describe();
    }

    @Override
    public ChangeOutcome change(String symbol, String value) {
        try {
            Kraftfile kraftfile = read();
            SolvedConfig before = solve(kraftfile, List.of());
            ConfigAssignment asked = new ConfigAssignment(symbol, value, ORIGIN, Optional.empty());
            SolvedConfig after = solve(kraftfile, List.of(asked));
            List<ConfigProblem> problems = KraftfileKconfig.problemsOf(after, List.of(asked));
            if (!problems.isEmpty()) {
                return new ChangeOutcome.Refused("Not written: " + problems.stream().map(p -> p.message() + "\nfix: " + p.fix())
                        .collect(Collectors.joining("\n")));
            }
            String wanted = after.value(symbol).orElse(value);
            String text = Files.readString(file);
            Edited edited = edit(kraftfile, text, symbol, value, wanted);
            if (!edited.text().equals(text)) {
                KraftfileKconfig.writeAtomically(file, edited.text());
            }
            SolvedConfig now = solve(read(), List.of());
            StringBuilder summary = new StringBuilder(edited.summary());
            if (!now.value(symbol).orElse("").equals(wanted)) {
                summary.append(" But ").append(symbol).append(" is ").append(now.value(symbol).orElse("?"))
                        .append(": ").append(overriddenBy(now, symbol));
            }
            KraftfileKconfig.consequences(before, now, Set.of(symbol)).ifPresent(c -> summary.append(' ').append(c));
            return new ChangeOutcome.Applied(now, summary.toString());
        } catch (UknativeException e) {
            return new ChangeOutcome.Refused("Not written: " + e.describe() + e.hint().map(h -> "\nfix: " + h).orElse(""));
        } catch (IOException e) {
            return new ChangeOutcome.Refused("Not written: cannot read or write " + file + ": " + e.getMessage());
        }
    }

    /** The Kraftfile's new text, and what was done to it. */
    private record Edited(String text, String summary) {
    }

    /**
     * Removes the symbol's entry (and, for a choice entry set to y, the other entries' y) when the symbol
     * then has the value wanted; else sets it.
     */
    private Edited edit(Kraftfile kraftfile, String text, String symbol, String value, String wanted) {
        List<KraftfileEditor.Edit> others = otherChoiceEntries(kraftfile, symbol, value);
        List<KraftfileEditor.Edit> removals = new ArrayList<>(others);
        removals.add(0, KraftfileEditor.Edit.unset(scope, symbol));
        String removed = editor.apply(text, removals);
        if (!removed.equals(text) && solve(reader.parse(file, removed), List.of()).value(symbol).orElse("").equals(wanted)) {
            List<String> gone = removals.stream().filter(e -> !editor.apply(text, List.of(e)).equals(text)).map(KraftfileEditor.Edit::symbol).toList();
            return new Edited(removed, "Removed " + String.join(", ", gone) + " from " + destination() + ": " + symbol + "=" + wanted
                    + " without " + (gone.size() == 1 ? "it" : "them") + ".");
        }
        List<KraftfileEditor.Edit> edits = new ArrayList<>(others);
        edits.add(0, KraftfileEditor.Edit.set(scope, symbol, value));
        return new Edited(editor.apply(text, edits), "Set " + symbol + "=" + value + " in " + destination() + ".");
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

    /** The same target in a Kraftfile read again: by its name, or its plat/arch when it has none (as the editor finds it). */
    private TargetSpec target(Kraftfile kraftfile) {
        List<TargetSpec> same = TargetSelector.selected(kraftfile, target.displayName());
        return same.size() == 1 ? same.get(0) : target;
    }

    private SolvedConfig solve(Kraftfile kraftfile, List<ConfigAssignment> extra) {
        List<ConfigAssignment> assignments = new ArrayList<>(KconfigLayers.inOrder(kraftfile, target(kraftfile)));
        assignments.addAll(extra);
        return KconfigSolver.solve(tree, assignments);
    }
}
