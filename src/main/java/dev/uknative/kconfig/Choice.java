package dev.uknative.kconfig;

import dev.uknative.core.Location;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * A {@code choice … endchoice} block: of its symbols, exactly one is y when the choice is visible (or
 * none, for an {@code optional} choice). A named choice may be defined at several sites, each adding
 * symbols. In expressions a choice stands for its mode, which the choice symbols depend on.
 */
public final class Choice implements Expr {

    private final String name;
    final int index;
    SymbolType type = SymbolType.UNKNOWN;
    final List<MenuNode> nodes = new ArrayList<>();
    final List<Symbol> symbols = new ArrayList<>();
    final List<Default> defaults = new ArrayList<>();
    boolean optional;
    Expr directDependency;

    Choice(String name, int index) {
        this.name = name;
        this.index = index;
    }

    /** The name of a named choice ({@code choice NAME}). */
    public Optional<String> name() {
        return Optional.ofNullable(name);
    }

    public SymbolType type() {
        return type;
    }

    public List<MenuNode> nodes() {
        return Collections.unmodifiableList(nodes);
    }

    /** The choice symbols, in order. */
    public List<Symbol> symbols() {
        return Collections.unmodifiableList(symbols);
    }

    /** The {@code default SYMBOL if …} lines: which symbol is selected when the user selected none. */
    public List<Default> defaults() {
        return Collections.unmodifiableList(defaults);
    }

    public boolean isOptional() {
        return optional;
    }

    public Expr directDependency() {
        return directDependency;
    }

    /** The first prompt, for messages: "Processor optimization" or the choice's name. */
    public String title() {
        for (MenuNode node : nodes) {
            if (node.prompt().isPresent()) {
                return node.prompt().get().text();
            }
        }
        return reference();
    }

    public List<Location> definitionSites() {
        List<Location> sites = new ArrayList<>(nodes.size());
        for (MenuNode node : nodes) {
            sites.add(node.location());
        }
        return sites;
    }

    String reference() {
        return name == null ? "<choice>" : "<choice " + name + ">";
    }

    @Override
    public String toString() {
        return reference();
    }
}
