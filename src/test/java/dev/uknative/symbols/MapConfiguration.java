package dev.uknative.symbols;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeSet;

/**
 * A configuration for planner tests: a set of options that are on, and a set that cannot be turned
 * on (as if their dependencies were off). The engine-backed {@link KconfigConfiguration} is tested on
 * a real Kconfig tree separately.
 */
final class MapConfiguration implements Configuration {

    private final Set<String> on;
    private final Set<String> impossible;

    MapConfiguration(Set<String> on, Set<String> impossible) {
        this.on = Set.copyOf(on);
        this.impossible = Set.copyOf(impossible);
    }

    @Override
    public boolean isEnabled(String option) {
        return on.contains(option);
    }

    @Override
    public Change enable(SortedMap<String, String> options) {
        Set<String> next = new TreeSet<>(on);
        Map<String, String> refused = new HashMap<>();
        for (String option : options.keySet()) {
            if (impossible.contains(option)) {
                refused.put(option, "CONFIG_" + option + "=y cannot hold: its dependencies are off");
            } else {
                next.add(option);
            }
        }
        return new Change(new MapConfiguration(next, impossible), refused);
    }
}
