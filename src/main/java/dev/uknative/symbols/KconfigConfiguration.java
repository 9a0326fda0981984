package dev.uknative.symbols;

import dev.uknative.kconfig.ConfigAssignment;
import dev.uknative.kconfig.ConfigProblem;
import dev.uknative.kconfig.KconfigSolver;
import dev.uknative.kconfig.KconfigTree;
import dev.uknative.kconfig.Reverse;
import dev.uknative.kconfig.SolvedConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/** A {@link Configuration} solved by uknative's Kconfig engine from a list of assignments. */
public final class KconfigConfiguration implements Configuration {

    private final KconfigTree tree;
    private final List<ConfigAssignment> assignments;
    private final SolvedConfig solved;

    public KconfigConfiguration(KconfigTree tree, List<ConfigAssignment> assignments) {
        this(tree, assignments, KconfigSolver.solve(tree, assignments));
    }

    /** A configuration already solved from exactly {@code assignments} (saves solving it again). */
    public KconfigConfiguration(KconfigTree tree, List<ConfigAssignment> assignments, SolvedConfig solved) {
        this.tree = tree;
        this.assignments = List.copyOf(assignments);
        this.solved = solved;
    }

    public SolvedConfig solved() {
        return solved;
    }

    public List<ConfigAssignment> assignments() {
        return assignments;
    }

    @Override
    public boolean isEnabled(String option) {
        return solved.isEnabled(option);
    }

    /**
     * Turns the options on one by one. An option whose dependencies are off gets them turned on
     * first, when they are plain options that can be (as {@code LIBPOSIX_MMAP} needs {@code LIBUKVMEM}),
     * up to {@value #DEPENDENCY_DEPTH} levels deep; otherwise it is refused with the engine's reason.
     */
    @Override
    public Change enable(SortedMap<String, String> options) {
        Map<String, String> refused = new HashMap<>();
        KconfigConfiguration current = this;
        for (Map.Entry<String, String> e : options.entrySet()) {
            current = current.enableOne(e.getKey(), e.getValue(), refused, 0);
        }
        return new Change(current, refused);
    }

    private static final int DEPENDENCY_DEPTH = 3;

    private KconfigConfiguration enableOne(String option, String why, Map<String, String> refused, int depth) {
        if (isEnabled(option)) {
            return this;
        }
        ConfigAssignment wanted = new ConfigAssignment("CONFIG_" + option, "y", why, java.util.Optional.empty());
        List<ConfigAssignment> all = new ArrayList<>(assignments);
        all.add(wanted);
        KconfigConfiguration next = new KconfigConfiguration(tree, all);
        java.util.Optional<ConfigProblem> problem = next.solved.problems().stream().filter(p -> p.assignment().equals(wanted)).findFirst();
        if (problem.isEmpty()) {
            return next;
        }
        if (problem.get().kind() == ConfigProblem.Kind.UNMET_DEPENDENCY && depth < DEPENDENCY_DEPTH) {
            KconfigConfiguration withDependencies = this;
            for (String dependency : offDependencies(option)) {
                withDependencies = withDependencies.enableOne(dependency, "uknative link plan: needed by CONFIG_" + option, refused, depth + 1);
            }
            if (withDependencies != this) {
                refused.remove(option);
                KconfigConfiguration retried = withDependencies.enableOne(option, why, refused, DEPENDENCY_DEPTH);
                if (retried.isEnabled(option)) {
                    return retried;
                }
                return this; // the dependencies alone are of no use
            }
        }
        refused.put(option, problem.get().message());
        return this;
    }

    /** The plain bool options (not choice members), now off, that {@code option}'s "depends on" ANDs together. */
    private List<String> offDependencies(String option) {
        List<String> out = new ArrayList<>();
        tree.symbol(option).ifPresent(symbol -> collectAnded(symbol.directDependency(), out));
        return out;
    }

    private void collectAnded(dev.uknative.kconfig.Expr e, List<String> out) {
        if (e instanceof dev.uknative.kconfig.Expr.And and) {
            collectAnded(and.left(), out);
            collectAnded(and.right(), out);
        } else if (e instanceof dev.uknative.kconfig.Symbol s && s.type() == dev.uknative.kconfig.SymbolType.BOOL && s.hasPrompt()
                && !s.isConstant() && s.choice().isEmpty() && !solved.isEnabled(s.name()) && !out.contains(s.name())) {
            // Never a choice member: turning one on switches its choice (the architecture, the platform…).
            out.add(s.name());
        }
    }

    @Override
    public List<String> selects(String option) {
        return tree.symbol(option).map(s -> s.selects().stream().map(r -> r.symbol().name()).distinct().toList())
                .orElse(List.of());
    }
}
