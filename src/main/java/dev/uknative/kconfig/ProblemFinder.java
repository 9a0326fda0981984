package dev.uknative.kconfig;

import dev.uknative.core.KconfigText;
import dev.uknative.kconfig.ConfigProblem.Kind;
import dev.uknative.kconfig.KconfigSolver.AssignmentOutcome;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns each assignment that did not hold into a {@link ConfigProblem}: it compares what was asked with
 * what kconfig computed, then finds the reason in the same terms kconfig used (visibility, direct and
 * reverse dependencies, choice selection, ranges).
 */
final class ProblemFinder {

    private final Evaluation ev;
    private final Map<Symbol, AssignmentOutcome> bySymbol = new HashMap<>();

    ProblemFinder(Evaluation ev) {
        this.ev = ev;
    }

    List<ConfigProblem> find(List<AssignmentOutcome> outcomes) {
        for (AssignmentOutcome o : outcomes) {
            if (o.symbol() != null && o.wellFormed()) {
                bySymbol.put(o.symbol(), o);
            }
        }
        List<ConfigProblem> problems = new ArrayList<>();
        for (AssignmentOutcome o : outcomes) {
            ConfigProblem p;
            if (o.symbol() == null) {
                p = unknown(o);
            } else if (!o.wellFormed()) {
                p = invalid(o);
            } else if (!holds(o)) {
                p = diagnose(o);
            } else {
                p = null;
            }
            if (p != null) {
                problems.add(p);
            }
        }
        return problems;
    }

    /** Whether the symbol ended up with the value the assignment asked for. */
    boolean holds(AssignmentOutcome o) {
        return ev.str(o.symbol()).equals(o.userValue());
    }

    private static String request(AssignmentOutcome o) {
        return o.assignment().symbol() + "=" + o.assignment().value();
    }

    // --- Unknown symbols and malformed values

    private ConfigProblem unknown(AssignmentOutcome o) {
        ConfigAssignment a = o.assignment();
        String name = a.symbol();
        if (!name.startsWith(KconfigTree.CONFIG_PREFIX)) {
            return new ConfigProblem(Kind.UNKNOWN_SYMBOL, a, request(o) + " cannot hold: kconfig symbols are written "
                    + KconfigTree.CONFIG_PREFIX + "NAME", "write " + KconfigTree.CONFIG_PREFIX + name + "=" + a.value());
        }
        String bare = name.substring(KconfigTree.CONFIG_PREFIX.length());
        List<String> nearest = nearest(ev.tree, bare);
        String message = request(o) + " cannot hold: no Kconfig file of this tree defines " + bare
                + (nearest.isEmpty() ? "" : " (nearest: " + String.join(", ", nearest) + ")");
        String fix = nearest.isEmpty() ? "remove " + request(o)
                : "use " + nearest.get(0) + " instead, or remove " + request(o);
        return new ConfigProblem(Kind.UNKNOWN_SYMBOL, a, message, fix);
    }

    /** Up to three defined symbols closest to {@code name} in edit distance, with their CONFIG_ prefix. */
    static List<String> nearest(KconfigTree tree, String name) {
        record Candidate(String name, int distance) {
        }
        String upper = name.toUpperCase();
        int limit = Math.max(3, upper.length() / 3);
        List<Candidate> candidates = new ArrayList<>();
        for (Symbol s : tree.definedSymbols()) {
            int d = dev.uknative.core.EditDistance.between(upper, s.name().toUpperCase(), limit);
            if (d <= limit) {
                candidates.add(new Candidate(s.configName(), d));
            }
        }
        candidates.sort(Comparator.comparingInt(Candidate::distance).thenComparing(Candidate::name));
        List<String> out = new ArrayList<>();
        for (int i = 0; i < Math.min(3, candidates.size()); i++) {
            out.add(candidates.get(i).name());
        }
        return out;
    }

    private ConfigProblem invalid(AssignmentOutcome o) {
        Symbol sym = o.symbol();
        String name = sym.configName();
        String value = o.assignment().value();
        String current = display(sym);
        String message;
        String fix;
        switch (sym.type()) {
            case BOOL, TRISTATE -> {
                message = name + " is a bool symbol, which takes y or n";
                fix = "write " + name + "=y or " + name + "=n";
            }
            case STRING -> {
                message = name + " is a string symbol, whose value is written in double quotes";
                fix = "write " + name + "=" + KconfigText.quote(value);
            }
            case INT -> {
                message = name + " is an int symbol, and " + value + " is not a decimal number";
                fix = "write a decimal number, such as " + name + "=" + (current.isEmpty() ? "0" : current);
            }
            case HEX -> {
                message = name + " is a hex symbol, and " + value + " is not a hexadecimal number";
                fix = "write a hexadecimal number, such as " + name + "=" + (current.isEmpty() ? "0x0" : current);
            }
            default -> {
                message = name + " has no type, so no value can be assigned to it";
                fix = "remove " + request(o);
            }
        }
        return new ConfigProblem(Kind.INVALID_VALUE, o.assignment(), request(o) + " cannot hold: " + message, fix);
    }

    // --- Well-formed values that did not hold

    private ConfigProblem diagnose(AssignmentOutcome o) {
        Symbol sym = o.symbol();
        if (sym.choice != null && sym.type.isBoolOrTristate()) {
            return choice(o);
        }
        int vis = ev.visibility(sym);
        if (sym.type.isBoolOrTristate() && o.userValue().equals("n") && ev.eval(sym.reverseDependency) > 0) {
            return selected(o);
        }
        if (vis == 0) {
            return hidden(o, null);
        }
        if (sym.type.isNumber()) {
            Range range = activeRange(sym);
            if (range != null) {
                return new ConfigProblem(Kind.OUT_OF_RANGE, o.assignment(), request(o) + " cannot hold: "
                        + o.userValue() + " is outside the range " + ev.str(range.low()) + " to " + ev.str(range.high())
                        + " of " + sym.configName() + " (" + range.location() + "), so it is " + display(sym),
                        "use a value from " + ev.str(range.low()) + " to " + ev.str(range.high()));
            }
        }
        return new ConfigProblem(Kind.UNMET_DEPENDENCY, o.assignment(), request(o) + " cannot hold: kconfig computed "
                + sym.configName() + "=" + display(sym), "remove " + request(o));
    }

    private Range activeRange(Symbol sym) {
        for (Range r : sym.ranges) {
            if (ev.eval(r.condition()) != 0) {
                return r;
            }
        }
        return null;
    }

    /** The symbol has no visible prompt: either none at all, or its dependencies are not met. */
    private ConfigProblem hidden(AssignmentOutcome o, Expr conditionOverride) {
        Symbol sym = o.symbol();
        String name = sym.configName();
        if (!sym.hasPrompt()) {
            StringBuilder message = new StringBuilder(request(o)).append(" cannot hold: ").append(name)
                    .append(" has no prompt, so only defaults and selects set it (defined at ")
                    .append(sites(sym)).append(")");
            String origin = origin(sym, new HashSet<>());
            message.append("; it is ").append(display(sym)).append(origin.isEmpty() ? "" : ", " + origin);
            String fix = "remove " + request(o);
            if (o.userValue().equals("y") && sym.type.isBoolOrTristate()) {
                List<String> settings = enable(sym, new HashSet<>(), 0);
                if (settings != null && !settings.isEmpty()) {
                    fix = "set " + and(settings) + " (which " + (sym.selectedBy.isEmpty() ? "implies" : "selects")
                            + " it), or remove " + request(o);
                }
            }
            return new ConfigProblem(Kind.NOT_USER_SETTABLE, o.assignment(), message.toString(), fix);
        }
        Expr condition = conditionOverride;
        if (condition == null) {
            for (MenuNode node : sym.nodes) {
                if (node.prompt != null) {
                    condition = node.prompt.condition();
                    break;
                }
            }
        }
        List<Expr> parts = new ArrayList<>();
        unmet(condition, parts, new HashSet<>());
        List<String> reasons = new ArrayList<>();
        for (Expr part : parts) {
            reasons.add(describePart(part));
        }
        List<String> settings = satisfy(parts, new HashSet<>(Set.of(sym)), 0);
        StringBuilder message = new StringBuilder(request(o)).append(" cannot hold: ").append(name);
        Expr depends = withoutChoices(sym.directDependency);
        if (depends != ev.tree.y()) {
            message.append(" depends on ").append(depends.render());
        } else {
            message.append(" is shown only if ").append(withoutChoices(condition).render());
        }
        message.append(", and ").append(reasons.isEmpty() ? "that is n" : String.join("; ", reasons));
        String fix = settings == null || settings.isEmpty() ? "remove " + request(o) : "also set " + and(settings);
        return new ConfigProblem(Kind.UNMET_DEPENDENCY, o.assignment(), message.toString(), fix);
    }

    /** The parts of an n condition that make it n: the false operands of ANDs, recursively. */
    private void unmet(Expr e, List<Expr> parts, Set<Choice> seen) {
        if (e instanceof Expr.And a) {
            if (ev.eval(a.left()) == 0) {
                unmet(a.left(), parts, seen);
            }
            if (ev.eval(a.right()) == 0) {
                unmet(a.right(), parts, seen);
            }
        } else if (e instanceof Choice c) {
            // A choice symbol's prompt depends on its choice: the choice's own conditions are the reason
            if (seen.add(c)) {
                for (MenuNode node : c.nodes) {
                    if (node.prompt != null && ev.eval(node.prompt.condition()) == 0) {
                        unmet(node.prompt.condition(), parts, seen);
                        return;
                    }
                }
            }
        } else if (!parts.contains(e)) {
            parts.add(e);
        }
    }

    private String describePart(Expr part) {
        if (part instanceof Symbol s && !s.isConstant()) {
            return describe(s);
        }
        if (part instanceof Expr.Not n && n.operand() instanceof Symbol s && !s.isConstant()) {
            return describe(s) + " (it must be n)";
        }
        List<String> values = new ArrayList<>();
        for (Symbol s : part.referencedSymbols()) {
            values.add(describe(s));
        }
        return part.render() + " is n" + (values.isEmpty() ? "" : ": " + String.join(", ", values));
    }

    /** "CONFIG_A is n (defined at file:line)". */
    private String describe(Symbol s) {
        if (!s.isDefined()) {
            return s.name() + " is not defined by any Kconfig file";
        }
        return s.configName() + " is " + display(s) + " (defined at " + sites(s) + ")";
    }

    /**
     * Assignments that would make each unmet part hold, dependencies first; null when some part has no
     * simple remedy. A heuristic for the suggested fix, looking a few levels deep.
     */
    private List<String> satisfy(List<Expr> parts, Set<Symbol> visiting, int depth) {
        Set<String> settings = new LinkedHashSet<>();
        for (Expr part : parts) {
            List<String> more;
            if (part instanceof Symbol s && s.isDefined() && s.type.isBoolOrTristate()) {
                more = enable(s, visiting, depth);
            } else if (part instanceof Expr.Not n && n.operand() instanceof Symbol s && s.isDefined()
                    && s.type.isBoolOrTristate() && s.hasPrompt() && s.choice == null
                    && ev.eval(s.reverseDependency) == 0) {
                more = List.of(s.configName() + "=n");
            } else if (part instanceof Expr.Compare c && c.relation() == Expr.Relation.EQUAL && c.left().isDefined()
                    && c.left().hasPrompt() && c.right().isConstant() && !c.left().type.isBoolOrTristate()) {
                Symbol s = c.left();
                more = List.of(s.configName() + "=" + (s.type == SymbolType.STRING ? KconfigText.quote(c.right().name())
                        : c.right().name()));
            } else {
                more = null;
            }
            if (more == null) {
                return null;
            }
            settings.addAll(more);
        }
        return new ArrayList<>(settings);
    }

    /** Assignments that would make a bool symbol y: its own, after those its prompt or a selector needs. */
    private List<String> enable(Symbol s, Set<Symbol> visiting, int depth) {
        if (ev.tri(s) == 2) {
            return List.of();
        }
        if (depth > 6 || !visiting.add(s)) {
            return null;
        }
        try {
            if (s.choice != null) {
                return null;
            }
            for (MenuNode node : s.nodes) {
                if (node.prompt != null) {
                    List<Expr> parts = new ArrayList<>();
                    if (ev.eval(node.prompt.condition()) == 0) {
                        unmet(node.prompt.condition(), parts, new HashSet<>());
                    }
                    List<String> needed = satisfy(parts, visiting, depth + 1);
                    if (needed != null) {
                        List<String> out = new ArrayList<>(needed);
                        AssignmentOutcome own = bySymbol.get(s);
                        out.add(s.configName() + "=y" + (own != null ? " (instead of " + request(own) + ")" : ""));
                        return out;
                    }
                }
            }
            for (List<Reverse> reverses : List.of(s.selectedBy, s.impliedBy)) {
                for (Reverse r : reverses) {
                    List<String> needed = enable(r.symbol(), visiting, depth + 1);
                    if (needed != null && ev.eval(r.written()) > 0) {
                        return needed;
                    }
                }
            }
            return null;
        } finally {
            visiting.remove(s);
        }
    }

    /** The expression without the choice operands that propagation ANDs into choice symbols. */
    private Expr withoutChoices(Expr e) {
        if (e instanceof Expr.And a) {
            if (a.right() instanceof Choice) {
                return withoutChoices(a.left());
            }
            if (a.left() instanceof Choice) {
                return withoutChoices(a.right());
            }
            return new Expr.And(withoutChoices(a.left()), withoutChoices(a.right()));
        }
        return e instanceof Choice ? ev.tree.y() : e;
    }

    /** "A", "A and B", "A, B and C". */
    private static String and(List<String> items) {
        if (items.size() == 1) {
            return items.get(0);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }

    /** =n on a symbol that an enabled symbol selects: name each select and what enabled the selector. */
    private ConfigProblem selected(AssignmentOutcome o) {
        Symbol sym = o.symbol();
        List<String> chains = new ArrayList<>();
        for (Reverse r : activeSelectors(sym, sym.selectedBy)) {
            Set<Symbol> seen = new HashSet<>();
            seen.add(sym);
            chains.add(r.symbol().configName() + " (" + origin(r.symbol(), seen) + ")" + condition(r));
        }
        String message = request(o) + " cannot hold: selected by " + String.join(", and by ", chains);
        return new ConfigProblem(Kind.SELECTED, o.assignment(), message, "remove " + request(o));
    }

    private static String condition(Reverse r) {
        return r.written() instanceof Symbol s && s.isConstant() && s.name().equals("y") ? ""
                : " through 'select … if " + r.written().render() + "' (" + r.location() + ")";
    }

    /** The selects or implies of {@code sym} that are in effect. */
    private List<Reverse> activeSelectors(Symbol sym, List<Reverse> reverses) {
        List<Reverse> active = new ArrayList<>();
        for (Reverse r : reverses) {
            if (ev.tri(r.symbol()) > 0 && ev.eval(r.condition()) > 0) {
                active.add(r);
            }
        }
        return active;
    }

    /**
     * Why a bool symbol is y: a user assignment that held, a select (followed up the chain to what
     * started it), an imply, or a default. Empty when it is n.
     */
    String origin(Symbol sym, Set<Symbol> seen) {
        if (!seen.add(sym)) {
            return "a select loop";
        }
        AssignmentOutcome o = bySymbol.get(sym);
        if (o != null && holds(o) && !o.userValue().equals("n")) {
            return "set in " + o.assignment().describeOrigin();
        }
        if (!sym.type.isBoolOrTristate()) {
            return o == null ? defaultOrigin(sym) : "";
        }
        if (ev.tri(sym) == 0) {
            return "";
        }
        List<Reverse> selectors = activeSelectors(sym, sym.selectedBy);
        if (!selectors.isEmpty()) {
            Reverse r = selectors.get(0);
            return "selected by " + r.symbol().configName() + " (" + origin(r.symbol(), seen) + ")";
        }
        if (ev.eval(sym.directDependency) > 0) {
            List<Reverse> implied = activeSelectors(sym, sym.impliedBy);
            if (!implied.isEmpty()) {
                Reverse r = implied.get(0);
                return "implied by " + r.symbol().configName() + " (" + origin(r.symbol(), seen) + ")";
            }
        }
        if (sym.choice != null) {
            return "the selection of the choice \"" + sym.choice.title() + "\"";
        }
        return defaultOrigin(sym);
    }

    private String defaultOrigin(Symbol sym) {
        for (Default d : sym.defaults) {
            if (ev.eval(d.condition()) != 0) {
                boolean unconditional = d.written() instanceof Symbol s && s.isConstant() && s.name().equals("y");
                return "by default: default " + d.value().render() + (unconditional ? "" : " if " + d.written().render())
                        + " (" + d.location() + ")";
            }
        }
        return "";
    }

    private ConfigProblem choice(AssignmentOutcome o) {
        Symbol sym = o.symbol();
        Choice c = sym.choice;
        String title = "\"" + c.title() + "\" (" + c.nodes.get(0).location + ")";
        if (o.userValue().equals("y")) {
            if (ev.visibility(sym) == 0) {
                return hidden(o, null);
            }
            Symbol selected = ev.selection(c);
            String by = selected == null ? "" : origin(selected, new HashSet<>());
            String message = request(o) + " cannot hold: " + (selected == null ? "nothing" : selected.configName())
                    + " is selected in the same choice " + title + (by.isEmpty() ? "" : ", " + by);
            AssignmentOutcome other = selected == null ? null : bySymbol.get(selected);
            String fix = other != null ? "keep only one of " + request(o) + " and " + request(other)
                    : "remove " + request(o);
            return new ConfigProblem(Kind.CHOICE, o.assignment(), message, fix);
        }
        List<String> alternatives = new ArrayList<>();
        for (Symbol s : c.symbols) {
            if (s != sym && ev.visibility(s) > 0) {
                alternatives.add(s.configName());
            }
        }
        boolean byUser = ev.choiceUserSelection[c.index] == sym;
        String message = request(o) + " cannot hold: " + sym.configName() + " is the selection of the choice " + title
                + (byUser ? ", made by an earlier assignment of y," : ", its default,")
                + " and a choice always has one symbol set";
        String fix = alternatives.isEmpty() ? "remove " + request(o)
                : alternatives.size() == 1 ? "set " + alternatives.get(0) + "=y instead"
                : "set one of " + String.join(", ", alternatives) + " to y instead";
        return new ConfigProblem(Kind.CHOICE, o.assignment(), message, fix);
    }

    /** A value as a .config shows it: y/n, a number, or text in quotes. */
    private String display(Symbol s) {
        String v = ev.str(s);
        return s.type == SymbolType.STRING ? KconfigText.quote(v) : v;
    }

    private static String sites(Symbol s) {
        List<String> sites = new ArrayList<>();
        for (MenuNode n : s.nodes) {
            sites.add(n.location.toString());
        }
        return String.join(", ", sites);
    }
}
