package dev.uknative.kconfig;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Kconfig assignments merged in order: a later assignment to a symbol replaces an earlier one, and
 * keeps the earlier one's position, so the fragment reads in the order symbols were first mentioned.
 * What is merged and in which order is the caller's business (for a Kraftfile: kraftkit's order).
 */
public record ConfigFragment(List<ConfigAssignment> assignments) {

    public ConfigFragment {
        assignments = List.copyOf(assignments);
    }

    public static ConfigFragment merge(List<ConfigAssignment> inOrder) {
        Map<String, ConfigAssignment> bySymbol = new LinkedHashMap<>();
        for (ConfigAssignment a : inOrder) {
            bySymbol.put(a.symbol(), a);
        }
        return new ConfigFragment(new ArrayList<>(bySymbol.values()));
    }

    /**
     * The fragment as a defconfig file: one {@code CONFIG_X=value} line each, {@code =n} written the
     * way kconfig reads it back ({@code # CONFIG_X is not set}), each preceded by who asked for it.
     */
    public String render() {
        StringBuilder text = new StringBuilder("# Written by uknative from the Kraftfile; do not edit.\n");
        for (ConfigAssignment a : assignments) {
            text.append("# ").append(a.describeOrigin()).append('\n');
            if (a.disables()) {
                text.append("# ").append(a.symbol()).append(" is not set\n");
            } else {
                text.append(a.symbol()).append('=').append(a.value()).append('\n');
            }
        }
        return text.toString();
    }
}
