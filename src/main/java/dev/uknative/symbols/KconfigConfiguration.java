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
        this.tree = tree;
        this.assignments = List.copyOf(assignments);
        this.solved = KconfigSolver.solve(tree, this.assignments);
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

    @Override
    public Change enable(SortedMap<String, String> options) {
        Map<String, String> refused = new HashMap<>();
        List<ConfigAssignment> wanted = new ArrayList<>();
        for (Map.Entry<String, String> e : options.entrySet()) {
            wanted.add(new ConfigAssignment("CONFIG_" + e.getKey(), "y", e.getValue(), java.util.Optional.empty()));
        }
        while (true) {
            List<ConfigAssignment> all = new ArrayList<>(assignments);
            all.addAll(wanted);
            KconfigConfiguration next = new KconfigConfiguration(tree, all);
            List<ConfigProblem> ours = next.solved.problems().stream().filter(p -> wanted.contains(p.assignment())).toList();
            if (ours.isEmpty()) {
                return new Change(next, refused);
            }
            for (ConfigProblem p : ours) {
                refused.put(p.assignment().symbol().substring("CONFIG_".length()), p.message());
                wanted.remove(p.assignment());
            }
        }
    }

    @Override
    public List<String> selects(String option) {
        return tree.symbol(option).map(s -> s.selects().stream().map(r -> r.symbol().name()).distinct().toList())
                .orElse(List.of());
    }
}
