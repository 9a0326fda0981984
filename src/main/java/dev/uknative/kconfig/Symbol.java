package dev.uknative.kconfig;

import dev.uknative.core.KconfigText;
import dev.uknative.core.Location;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * A configuration symbol ({@code config FOO}), an undefined symbol that is only referenced, or a
 * constant ({@code "text"}, {@code 42}, {@code y}). Its properties are those of all its definition
 * sites ({@link #nodes()}), with the dependencies of the enclosing menus, ifs and {@code depends on}
 * already ANDed into each condition, as kconfig does after parsing. A symbol has no value: values live
 * in a {@link SolvedConfig}.
 *
 * <p>The parser builds symbols; once a {@link KconfigTree} is returned nothing changes them.
 */
public final class Symbol implements Expr {

    private final String name;
    private final boolean constant;
    final int index;
    final int creationOrder;
    final int fixedTri;

    SymbolType type = SymbolType.UNKNOWN;
    final List<MenuNode> nodes = new ArrayList<>();
    final List<Default> defaults = new ArrayList<>();
    final List<Reverse> selects = new ArrayList<>();
    final List<Reverse> implies = new ArrayList<>();
    final List<Range> ranges = new ArrayList<>();
    final List<Reverse> selectedBy = new ArrayList<>();
    final List<Reverse> impliedBy = new ArrayList<>();
    Expr directDependency;
    Expr reverseDependency;
    Expr weakReverseDependency;
    Choice choice;
    boolean allNoConfigY;
    boolean noWrite;

    Symbol(String name, boolean constant, int index, int creationOrder, int fixedTri) {
        this.name = name;
        this.constant = constant;
        this.index = index;
        this.creationOrder = creationOrder;
        this.fixedTri = fixedTri;
    }

    /** The name without the {@code CONFIG_} prefix; for a constant, its text. */
    public String name() {
        return name;
    }

    /** The name as written in a .config: {@code CONFIG_} and the name. */
    public String configName() {
        return KconfigTree.CONFIG_PREFIX + name;
    }

    /** Whether this is a constant: quoted text, a number, or one of n, m, y. */
    public boolean isConstant() {
        return constant;
    }

    /** Whether some Kconfig file defines the symbol ({@code config}/{@code menuconfig}). */
    public boolean isDefined() {
        return !nodes.isEmpty();
    }

    public SymbolType type() {
        return type;
    }

    /** One menu node per definition site, in parse order. */
    public List<MenuNode> nodes() {
        return Collections.unmodifiableList(nodes);
    }

    /** The {@code default}s of all definition sites, in order; the first whose condition holds wins. */
    public List<Default> defaults() {
        return Collections.unmodifiableList(defaults);
    }

    /** The symbols this one selects, with their conditions. */
    public List<Reverse> selects() {
        return Collections.unmodifiableList(selects);
    }

    /** The symbols this one implies, with their conditions. */
    public List<Reverse> implies() {
        return Collections.unmodifiableList(implies);
    }

    public List<Range> ranges() {
        return Collections.unmodifiableList(ranges);
    }

    /** The {@code select}s that name this symbol: {@link Reverse#symbol()} is the selecting symbol. */
    public List<Reverse> selectedBy() {
        return Collections.unmodifiableList(selectedBy);
    }

    /** The {@code imply}s that name this symbol: {@link Reverse#symbol()} is the implying symbol. */
    public List<Reverse> impliedBy() {
        return Collections.unmodifiableList(impliedBy);
    }

    /**
     * The direct dependencies: the OR of each definition site's {@code depends on}, enclosing ifs and
     * menus. {@code n} for undefined symbols.
     */
    public Expr directDependency() {
        return directDependency;
    }

    /** The reverse dependency: the OR of {@code SELECTOR && condition} over every select of this symbol. */
    public Expr reverseDependency() {
        return reverseDependency;
    }

    /** The weak reverse dependency, from {@code imply}, built like {@link #reverseDependency()}. */
    public Expr weakReverseDependency() {
        return weakReverseDependency;
    }

    /** The choice this symbol belongs to, if it is a choice symbol. */
    public Optional<Choice> choice() {
        return Optional.ofNullable(choice);
    }

    /** Whether any definition site gives the symbol a prompt (only then can a user set it). */
    public boolean hasPrompt() {
        for (MenuNode node : nodes) {
            if (node.prompt().isPresent()) {
                return true;
            }
        }
        return false;
    }

    /** Where the symbol is defined: one location per definition site. */
    public List<Location> definitionSites() {
        List<Location> sites = new ArrayList<>(nodes.size());
        for (MenuNode node : nodes) {
            sites.add(node.location());
        }
        return sites;
    }

    /** The symbol as written in an expression: its name, or a constant in quotes. */
    String reference() {
        if (constant && !(name.equals("n") || name.equals("m") || name.equals("y"))) {
            return KconfigText.quote(name);
        }
        return name;
    }

    @Override
    public String toString() {
        return constant ? reference() : name;
    }
}
