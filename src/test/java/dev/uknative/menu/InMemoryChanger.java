package dev.uknative.menu;

import dev.uknative.kconfig.ConfigAssignment;
import dev.uknative.kconfig.ConfigProblem;
import dev.uknative.kconfig.KconfigParser;
import dev.uknative.kconfig.KconfigSolver;
import dev.uknative.kconfig.KconfigTree;
import dev.uknative.kconfig.SolvedConfig;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link ConfigChanger} that keeps its assignments in a list, checking each change with the engine
 * like the Kraftfile one does; it records what it was asked.
 */
final class InMemoryChanger implements ConfigChanger {

    final KconfigTree tree;
    final List<ConfigAssignment> assignments = new ArrayList<>();
    final List<String> asked = new ArrayList<>();
    /** When set, every change is refused with this reason. */
    String refuseWith;

    InMemoryChanger(KconfigTree tree) {
        this.tree = tree;
    }

    /** The menu tests' own tree, src/test/resources/menu/Config.uk. */
    static InMemoryChanger menuTree() {
        return new InMemoryChanger(KconfigParser.parse(resource("/menu/Config.uk"), Map.of()));
    }

    /** The stand-in Unikraft tree the command tests use, with the variables its Config.uk reads. */
    static InMemoryChanger fakeUnikraft() {
        return new InMemoryChanger(KconfigParser.parse(resource("/fake-unikraft/Config.uk"),
                Map.of("UK_FULLVERSION", "0.17.0", "UK_NAME", "hello")));
    }

    static Path resource(String name) {
        try {
            return Path.of(InMemoryChanger.class.getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public SolvedConfig current() {
        return KconfigSolver.solve(tree, assignments);
    }

    @Override
    public String destination() {
        return "memory";
    }

    @Override
    public ChangeOutcome change(String symbol, String value) {
        asked.add(symbol + "=" + value);
        if (refuseWith != null) {
            return new ChangeOutcome.Refused(refuseWith);
        }
        ConfigAssignment a = new ConfigAssignment(symbol, value, "test", Optional.empty());
        List<ConfigAssignment> with = new ArrayList<>(assignments);
        with.add(a);
        List<ConfigProblem> problems = KconfigSolver.solve(tree, with).problems().stream().filter(p -> p.assignment().equals(a)).toList();
        if (!problems.isEmpty()) {
            return new ChangeOutcome.Refused("Not written: " + problems.get(0).message() + "\nfix: " + problems.get(0).fix());
        }
        assignments.removeIf(x -> x.symbol().equals(symbol));
        assignments.add(a);
        return new ChangeOutcome.Applied(current(), "Set " + symbol + "=" + value + ".");
    }
}
