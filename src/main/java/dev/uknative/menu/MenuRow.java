package dev.uknative.menu;

import dev.uknative.kconfig.MenuNode;
import dev.uknative.kconfig.Symbol;
import java.util.Optional;

/**
 * One line of a menu as menuconfig shows it.
 *
 * @param node  the menu node the line stands for
 * @param depth how deep the node sits in implicit submenus (entries that depend on the symbol above
 *              them are shown indented under it)
 * @param value the value column: {@code [*]}, {@code [ ]}, {@code -*-} (forced on by a select),
 *              {@code (X)}/{@code ( )} in a choice, {@code (42)} for int, hex and string; empty for
 *              menus, choices and comments
 * @param label the prompt, with a choice's selection in parentheses, {@code --->} for an entry that
 *              opens a submenu ({@code ----} when it has nothing to show), {@code *** … ***} for a comment
 * @param opens whether Enter opens the entry: a menu, a choice or a {@code menuconfig} symbol
 */
public record MenuRow(MenuNode node, int depth, String value, String label, boolean opens) {

    /** The symbol the line sets, if it is a symbol's line. */
    public Optional<Symbol> symbol() {
        return node.kind() == MenuNode.Kind.SYMBOL ? node.symbol() : Optional.empty();
    }

    /** The line as shown: the value column, the indentation of implicit submenus, the label. */
    public String text() {
        return (value.isEmpty() ? "   " : value) + " " + "  ".repeat(depth) + label;
    }
}
