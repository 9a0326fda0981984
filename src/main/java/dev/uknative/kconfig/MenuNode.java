package dev.uknative.kconfig;

import dev.uknative.core.Location;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * One entry of the menu tree, for one definition site: a symbol, a choice, a menu or a comment. Prompts
 * and help texts belong to nodes, not to symbols, since a symbol defined twice may have two of each.
 * {@code if} blocks are gone once the tree is finalized: their condition is part of each child's
 * dependencies.
 */
public final class MenuNode {

    /** What the node stands for. */
    public enum Kind { SYMBOL, CHOICE, MENU, COMMENT, IF }

    final Kind kind;
    final Symbol symbol;
    final Choice choice;
    final Location location;
    Prompt prompt;
    String help;
    Expr dependency;
    Expr visibleIf;
    boolean menuconfig;
    MenuNode parent;
    MenuNode list;
    MenuNode next;
    List<Default> defaults = new ArrayList<>();
    List<Reverse> selects = new ArrayList<>();
    List<Reverse> implies = new ArrayList<>();
    List<Range> ranges = new ArrayList<>();

    MenuNode(Kind kind, Symbol symbol, Choice choice, Location location) {
        this.kind = kind;
        this.symbol = symbol;
        this.choice = choice;
        this.location = location;
    }

    public Kind kind() {
        return kind;
    }

    public Optional<Symbol> symbol() {
        return Optional.ofNullable(symbol);
    }

    public Optional<Choice> choice() {
        return Optional.ofNullable(choice);
    }

    public Optional<Prompt> prompt() {
        return Optional.ofNullable(prompt);
    }

    /** The help text, indentation removed (kconfig-language.rst, "help text"). */
    public Optional<String> help() {
        return Optional.ofNullable(help);
    }

    /** The node's dependencies: its {@code depends on} and those of every enclosing if and menu. */
    public Expr dependency() {
        return dependency;
    }

    /** For menus: the {@code visible if} condition ({@code y} when there is none). */
    public Optional<Expr> visibleIf() {
        return Optional.ofNullable(visibleIf);
    }

    /** Whether the node was written {@code menuconfig} (or is a menu or choice). */
    public boolean isMenuconfig() {
        return menuconfig;
    }

    public Location location() {
        return location;
    }

    public Optional<MenuNode> parent() {
        return Optional.ofNullable(parent);
    }

    /** The nodes inside this one: the contents of a menu or choice, or an implicit submenu. */
    public List<MenuNode> children() {
        List<MenuNode> children = new ArrayList<>();
        for (MenuNode child = list; child != null; child = child.next) {
            children.add(child);
        }
        return children;
    }

    /** The defaults written at this site, with the site's dependencies ANDed into each condition. */
    public List<Default> defaults() {
        return Collections.unmodifiableList(defaults);
    }

    public List<Reverse> selects() {
        return Collections.unmodifiableList(selects);
    }

    public List<Reverse> implies() {
        return Collections.unmodifiableList(implies);
    }

    public List<Range> ranges() {
        return Collections.unmodifiableList(ranges);
    }

    @Override
    public String toString() {
        String what = switch (kind) {
            case SYMBOL -> "config " + symbol.name();
            case CHOICE -> "choice" + choice.name().map(n -> " " + n).orElse("");
            case MENU -> "menu \"" + prompt.text() + "\"";
            case COMMENT -> "comment \"" + prompt.text() + "\"";
            case IF -> "if " + dependency.render();
        };
        return what + " (" + location + ")";
    }
}
