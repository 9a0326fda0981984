package dev.uknative.kconfig;

import dev.uknative.core.KconfigText;
import dev.uknative.kconfig.KconfigSolver.AssignmentOutcome;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A complete configuration: the value of every symbol of a {@link KconfigTree} for a partial
 * configuration, the problems of the assignments that could not hold, and explanations. Immutable; the
 * writers ({@link DotConfigWriter}, {@link AutoConfWriter}, {@link AutoHeaderWriter}) turn it into the
 * files kconfig would write.
 */
public final class SolvedConfig {

    private final KconfigTree tree;
    final Evaluation evaluation;
    private final List<ConfigAssignment> assignments;
    private final Map<Symbol, AssignmentOutcome> outcomes = new LinkedHashMap<>();
    private final List<ConfigProblem> problems;
    private final ProblemFinder finder;

    SolvedConfig(KconfigTree tree, Evaluation evaluation, List<ConfigAssignment> assignments,
                 List<AssignmentOutcome> outcomes, List<ConfigProblem> problems, ProblemFinder finder) {
        this.tree = tree;
        this.evaluation = evaluation;
        this.assignments = assignments;
        for (AssignmentOutcome o : outcomes) {
            if (o.symbol() != null) {
                this.outcomes.put(o.symbol(), o);
            }
        }
        this.problems = List.copyOf(problems);
        this.finder = finder;
    }

    public KconfigTree tree() {
        return tree;
    }

    /** The partial configuration this was solved from, in order. */
    public List<ConfigAssignment> assignments() {
        return assignments;
    }

    /** The assignments that could not hold, in the order of their last assignment. */
    public List<ConfigProblem> problems() {
        return problems;
    }

    /**
     * Refuses values that their symbol's type cannot take (text or {@code 0x10} for an int, {@code m}
     * for a bool…), wherever they were written: the solver drops them as kconfig does, so a command
     * that only shows the configuration would otherwise show the default as if nothing were wrong.
     * Well-formed values that cannot hold (dependencies, ranges) are left to build and explain.
     */
    public void requireWellFormedValues() {
        List<ConfigProblem> malformed = problems.stream().filter(p -> p.kind() == ConfigProblem.Kind.INVALID_VALUE).toList();
        if (!malformed.isEmpty()) {
            throw ConfigProblem.refusal(malformed);
        }
    }

    /**
     * The symbols a .config lists, with their values as written there ({@code n} for "is not set",
     * strings in quotes).
     */
    public DotConfig configuration() {
        Map<String, String> values = new LinkedHashMap<>();
        for (Symbol s : tree.definedSymbols()) {
            if (evaluation.written(s)) {
                values.put(s.configName(), configValue(s));
            }
        }
        return new DotConfig(values);
    }

    /** The value of a defined symbol (name with or without CONFIG_): y/n, a number, or unquoted text. */
    public Optional<String> value(String symbol) {
        return tree.symbol(symbol).map(evaluation::str);
    }

    /** Whether a bool symbol is y. */
    public boolean isEnabled(String symbol) {
        return value(symbol).filter(v -> v.equals("y")).isPresent();
    }

    /** Every defined symbol, in definition order. */
    public List<SymbolStatus> symbols() {
        List<SymbolStatus> out = new ArrayList<>();
        for (Symbol s : tree.definedSymbols()) {
            out.add(status(s));
        }
        return out;
    }

    public Optional<SymbolStatus> status(String symbol) {
        return tree.symbol(symbol).map(this::status);
    }

    /** The symbols whose name or prompt contains {@code text}, ignoring case. */
    public List<SymbolStatus> search(String text) {
        String needle = text.toLowerCase(Locale.ROOT);
        List<SymbolStatus> out = new ArrayList<>();
        for (SymbolStatus s : symbols()) {
            if (s.name().toLowerCase(Locale.ROOT).contains(needle)
                    || s.prompt().map(p -> p.toLowerCase(Locale.ROOT).contains(needle)).orElse(false)) {
                out.add(s);
            }
        }
        return out;
    }

    /** Everything about one symbol: its value and why, its definitions, dependencies and help. */
    public Optional<Explanation> explain(String symbol) {
        return tree.symbol(symbol).map(s -> new Explainer(this, finder).explain(s));
    }

    /** An expression's value in this configuration: 0 (n), 1 (m) or 2 (y), computed as kconfig does. */
    public int evaluate(Expr expression) {
        return evaluation.eval(expression);
    }

    /**
     * Whether the node's prompt is visible, as menuconfig decides it (Kconfiglib's {@code _visible}): it
     * has a prompt whose condition holds, and a menu's {@code visible if} holds too.
     */
    public boolean visible(MenuNode node) {
        if (node.prompt().isEmpty() || evaluate(node.prompt().get().condition()) == 0) {
            return false;
        }
        return node.kind() != MenuNode.Kind.MENU || node.visibleIf().map(this::evaluate).orElse(2) != 0;
    }

    /** Whether {@code select}s force the bool symbol to y, so that no user value can turn it off. */
    public boolean forcedOn(Symbol symbol) {
        return symbol.type().isBoolOrTristate() && evaluate(symbol.reverseDependency()) == 2;
    }

    /**
     * The {@code select}s and {@code imply}s in effect whose target no Kconfig file defines: the
     * selecting symbol is on and the select's condition (with its definition site's dependencies) is
     * not n. A symbol that is off selects nothing, so its dangling selects are left out. In the order of
     * the selecting symbols' definitions, then as written. Nothing here changes a value: kconfig ignores
     * such selects and so does the solver.
     */
    public List<UndefinedSelect> undefinedSelects() {
        List<UndefinedSelect> out = new ArrayList<>();
        for (Symbol s : tree.definedSymbols()) {
            if (evaluation.tri(s) == 0) {
                continue;
            }
            undefined(s, s.selects, UndefinedSelect.Kind.SELECT, out);
            undefined(s, s.implies, UndefinedSelect.Kind.IMPLY, out);
        }
        return List.copyOf(out);
    }

    private void undefined(Symbol s, List<Reverse> reverses, UndefinedSelect.Kind kind, List<UndefinedSelect> out) {
        for (Reverse r : reverses) {
            Symbol target = r.symbol();
            if (!target.isConstant() && !target.isDefined() && evaluation.eval(r.condition()) != 0) {
                out.add(new UndefinedSelect(s.name(), target.name(), kind, r.location()));
            }
        }
    }

    /** Up to three defined symbols whose names are nearest {@code name} (edit distance), with CONFIG_. */
    public List<String> nearestSymbols(String name) {
        String bare = name.startsWith(KconfigTree.CONFIG_PREFIX) ? name.substring(KconfigTree.CONFIG_PREFIX.length()) : name;
        return ProblemFinder.nearest(tree, bare);
    }

    Optional<AssignmentOutcome> outcome(Symbol s) {
        return Optional.ofNullable(outcomes.get(s));
    }

    private SymbolStatus status(Symbol s) {
        String prompt = null;
        for (MenuNode node : s.nodes()) {
            if (node.prompt().isPresent()) {
                prompt = node.prompt().get().text();
                break;
            }
        }
        return new SymbolStatus(s.configName(), s.type(), evaluation.str(s), evaluation.defaultValue(s),
                evaluation.written(s), evaluation.visibility(s) > 0,
                outcome(s).map(o -> o.assignment().value()), Optional.ofNullable(prompt));
    }

    /** The value as a .config line shows it. */
    String configValue(Symbol s) {
        String v = evaluation.str(s);
        return s.type() == SymbolType.STRING ? KconfigText.quote(v) : v;
    }
}
