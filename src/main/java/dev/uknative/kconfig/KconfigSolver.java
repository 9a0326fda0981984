package dev.uknative.kconfig;

import dev.uknative.core.KconfigText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code make olddefconfig} without make: the complete configuration that a partial one (assignments in
 * order, later wins) gives, exactly as kconfig loads a .config (Kconfiglib's
 * {@code load_config(…, replace=True)}, conf_read() in the C tools) and computes every value. Assignments
 * that cannot hold are not silently dropped: each becomes a {@link ConfigProblem}, and the caller
 * decides whether they are fatal.
 */
public final class KconfigSolver {

    private KconfigSolver() {
    }

    public static SolvedConfig solve(KconfigTree tree, List<ConfigAssignment> assignments) {
        Evaluation evaluation = new Evaluation(tree);
        Map<String, AssignmentOutcome> last = new LinkedHashMap<>();
        for (ConfigAssignment a : assignments) {
            AssignmentOutcome outcome = load(tree, evaluation, a);
            last.remove(a.symbol());
            last.put(a.symbol(), outcome);
        }
        evaluation.computeAll();
        List<AssignmentOutcome> outcomes = new ArrayList<>(last.values());
        ProblemFinder finder = new ProblemFinder(evaluation);
        List<ConfigProblem> problems = finder.find(outcomes);
        return new SolvedConfig(tree, evaluation, List.copyOf(assignments), outcomes, problems, finder);
    }

    /** What loading one assignment did: the symbol it names, and whether its value was well-formed. */
    record AssignmentOutcome(ConfigAssignment assignment, Symbol symbol, boolean wellFormed, String userValue) {
    }

    /** One .config line read the way kconfig reads it (conf_set_sym_val(), Kconfiglib _load_config()). */
    private static AssignmentOutcome load(KconfigTree tree, Evaluation ev, ConfigAssignment a) {
        String name = a.symbol();
        if (!name.startsWith(KconfigTree.CONFIG_PREFIX)) {
            return new AssignmentOutcome(a, null, false, null);
        }
        Symbol sym = tree.table.byName.get(name.substring(KconfigTree.CONFIG_PREFIX.length()));
        if (sym == null || !sym.isDefined()) {
            return new AssignmentOutcome(a, null, false, null);
        }
        String value = a.value();
        switch (sym.type) {
            case BOOL, TRISTATE -> {
                // The C tools look only at the first character after '='
                if (!(value.startsWith("y") || value.startsWith("n"))) {
                    return new AssignmentOutcome(a, sym, false, null);
                }
                int tri = value.charAt(0) == 'y' ? 2 : 0;
                if (sym.choice != null && tri != 0) {
                    // Loading a .config infers the choice's mode from the values of its symbols
                    ev.choiceUserMode[sym.choice.index] = tri;
                }
                ev.userTri[sym.index] = tri;
                if (sym.choice != null && tri == 2) {
                    ev.choiceUserSelection[sym.choice.index] = sym;
                }
                return new AssignmentOutcome(a, sym, true, tri == 2 ? "y" : "n");
            }
            case STRING -> {
                Optional<String> text = KconfigText.unquote(value);
                if (text.isEmpty()) {
                    return new AssignmentOutcome(a, sym, false, null);
                }
                ev.userString[sym.index] = text.get();
                return new AssignmentOutcome(a, sym, true, text.get());
            }
            case INT, HEX -> {
                if (!CNumbers.valid(value, sym.type)) {
                    return new AssignmentOutcome(a, sym, false, null);
                }
                ev.userString[sym.index] = value;
                return new AssignmentOutcome(a, sym, true, value);
            }
            default -> {
                return new AssignmentOutcome(a, sym, false, null);
            }
        }
    }
}
