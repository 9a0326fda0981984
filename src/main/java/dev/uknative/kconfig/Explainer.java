package dev.uknative.kconfig;

import dev.uknative.core.KconfigText;
import dev.uknative.kconfig.KconfigSolver.AssignmentOutcome;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/** Builds an {@link Explanation} from a solved configuration. */
final class Explainer {

    private final SolvedConfig solved;
    private final Evaluation ev;
    private final ProblemFinder finder;

    Explainer(SolvedConfig solved, ProblemFinder finder) {
        this.solved = solved;
        this.ev = solved.evaluation;
        this.finder = finder;
    }

    Explanation explain(Symbol s) {
        List<Explanation.Site> sites = new ArrayList<>();
        MenuNode visibleNode = null;
        MenuNode promptNode = null;
        for (MenuNode node : s.nodes) {
            Optional<String> prompt = Optional.empty();
            if (node.prompt != null) {
                Prompt p = node.prompt;
                prompt = Optional.of("\"" + p.text() + "\"" + (isY(p.written()) ? "" : " if " + p.written().render()));
                if (promptNode == null) {
                    promptNode = node;
                }
                if (visibleNode == null && ev.eval(p.condition()) > 0) {
                    visibleNode = node;
                }
            }
            sites.add(new Explanation.Site(node.location, prompt, Optional.ofNullable(node.help).filter(h -> !h.isEmpty())));
        }
        boolean visible = ev.visibility(s) > 0;
        String visibility;
        if (promptNode == null) {
            visibility = "it has no prompt, so only defaults and selects set it";
        } else if (visible) {
            Expr condition = visibleNode.prompt.condition();
            visibility = "the prompt at " + visibleNode.location + (isY(condition) ? " is always shown"
                    : " is shown: " + withValues(condition));
        } else {
            visibility = "no prompt is shown: " + withValues(promptNode.prompt.condition()) + " is n";
        }

        Default inEffect = null;
        boolean userValueUsed = visible && s.choice == null && solved.outcome(s)
                .filter(o -> o.wellFormed() && (s.type.isBoolOrTristate() || finder.holds(o))).isPresent();
        if (!userValueUsed) {
            for (Default d : s.defaults) {
                if (ev.eval(d.condition()) != 0) {
                    inEffect = d;
                    break;
                }
            }
        }
        List<String> defaults = new ArrayList<>();
        for (Default d : s.defaults) {
            String line = "default " + d.value().render() + (isY(d.written()) ? "" : " if " + d.written().render())
                    + " (" + d.location() + "): condition " + withValues(d.condition()) + " is " + tri(ev.eval(d.condition()));
            if (d == inEffect) {
                line += " (in effect)";
            }
            defaults.add(line);
        }
        List<String> selectedBy = reverses(s.selectedBy, "select");
        List<String> impliedBy = reverses(s.impliedBy, "imply");
        List<String> ranges = new ArrayList<>();
        boolean first = true;
        for (Range r : s.ranges) {
            boolean active = ev.eval(r.condition()) != 0;
            ranges.add("range " + r.low().render() + " " + r.high().render() + (isY(r.written()) ? "" : " if " + r.written().render())
                    + " (" + r.location() + "): " + ev.str(r.low()) + " to " + ev.str(r.high())
                    + (active && first ? " (in effect)" : active ? "" : " (condition is n)"));
            first &= !active;
        }
        Optional<String> choice = Optional.empty();
        if (s.choice != null) {
            Symbol selection = ev.selection(s.choice);
            choice = Optional.of("\"" + s.choice.title() + "\" (" + s.choice.nodes.get(0).location + "), mode "
                    + tri(ev.tri(s.choice)) + ", selected: " + (selection == null ? "none" : selection.configName()));
        }
        Optional<AssignmentOutcome> outcome = solved.outcome(s);
        Optional<String> user = outcome.map(o -> o.assignment().symbol() + "=" + o.assignment().value() + " from "
                + o.assignment().describeOrigin());
        Optional<Boolean> held = outcome.map(o -> o.wellFormed() && finder.holds(o));
        String reason = reason(s, outcome.filter(o -> o.wellFormed() && finder.holds(o)).isPresent() ? outcome.get() : null,
                inEffect);
        Optional<ConfigProblem> problem = Optional.empty();
        if (outcome.isPresent()) {
            for (ConfigProblem p : solved.problems()) {
                if (p.assignment() == outcome.get().assignment()) {
                    problem = Optional.of(p);
                }
            }
        }
        String value = solved.configValue(s);
        return new Explanation(s.configName(), s.type, value, reason, ev.written(s), visible, visibility, sites,
                withValues(s.directDependency), defaults, selectedBy, impliedBy, ranges, choice, user, held, problem,
                undefinedSelects(s));
    }

    /** Where the value comes from: the user's assignment, a select or imply, the choice, or a default. */
    private String reason(Symbol s, AssignmentOutcome held, Default inEffect) {
        if (held != null) {
            return "set in " + held.assignment().describeOrigin();
        }
        if (s.type.isBoolOrTristate()) {
            return finder.origin(s, new HashSet<>());
        }
        if (inEffect == null) {
            return "";
        }
        String reason = "by default: default " + inEffect.value().render()
                + (isY(inEffect.written()) ? "" : " if " + inEffect.written().render()) + " (" + inEffect.location() + ")";
        String fromDefault = ev.str((Symbol) inEffect.value());
        if (!fromDefault.equals(ev.str(s)) && s.type.isNumber()) {
            long[] range = ev.activeRange(s);
            if (range != null) {
                reason += ", " + fromDefault + " clamped into the range";
            }
        }
        return reason;
    }

    /** The selects and implies of {@code s} naming a symbol no Kconfig file defines. */
    private List<String> undefinedSelects(Symbol s) {
        List<String> out = new ArrayList<>();
        for (String keyword : List.of("select", "imply")) {
            for (Reverse r : keyword.equals("select") ? s.selects : s.implies) {
                if (!r.symbol().isConstant() && !r.symbol().isDefined()) {
                    boolean active = ev.tri(s) > 0 && ev.eval(r.condition()) > 0;
                    out.add(keyword + " " + r.symbol().name() + " at " + r.location()
                            + (isY(r.written()) ? "" : " if " + withValues(r.written())) + (active ? " (active)" : ""));
                }
            }
        }
        return out;
    }

    private List<String> reverses(List<Reverse> reverses, String keyword) {
        List<String> out = new ArrayList<>();
        for (Reverse r : reverses) {
            boolean active = ev.tri(r.symbol()) > 0 && ev.eval(r.condition()) > 0;
            out.add(r.symbol().configName() + " [=" + ev.str(r.symbol()) + "]: " + keyword + " at " + r.location()
                    + (isY(r.written()) ? "" : " if " + withValues(r.written())) + (active ? " (active)" : ""));
        }
        return out;
    }

    private static boolean isY(Expr e) {
        return e instanceof Symbol s && s.isConstant() && s.name().equals("y");
    }

    private static String tri(int v) {
        return v == 2 ? "y" : v == 1 ? "m" : "n";
    }

    /** An expression with the value of each symbol after it, menuconfig style: {@code A [=y] && B [=n]}. */
    String withValues(Expr e) {
        if (e instanceof Symbol s) {
            return s.isConstant() ? s.reference() : s.name() + " [=" + display(s) + "]";
        }
        if (e instanceof Choice c) {
            return c.reference() + " [=" + tri(ev.tri(c)) + "]";
        }
        if (e instanceof Expr.And a) {
            return paren(a.left(), Expr.Or.class) + " && " + paren(a.right(), Expr.Or.class);
        }
        if (e instanceof Expr.Or o) {
            return paren(o.left(), Expr.And.class) + " || " + paren(o.right(), Expr.And.class);
        }
        if (e instanceof Expr.Not n) {
            return n.operand() instanceof Symbol || n.operand() instanceof Choice ? "!" + withValues(n.operand())
                    : "!(" + withValues(n.operand()) + ")";
        }
        Expr.Compare c = (Expr.Compare) e;
        return withValues(c.left()) + " " + c.relation().operator() + " " + withValues(c.right());
    }

    private String paren(Expr e, Class<?> type) {
        return type.isInstance(e) ? "(" + withValues(e) + ")" : withValues(e);
    }

    private String display(Symbol s) {
        String v = ev.str(s);
        return s.type == SymbolType.STRING ? KconfigText.quote(v) : v;
    }
}
