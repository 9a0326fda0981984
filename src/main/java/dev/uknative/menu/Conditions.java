package dev.uknative.menu;

import dev.uknative.kconfig.Choice;
import dev.uknative.kconfig.Expr;
import dev.uknative.kconfig.MenuNode;
import dev.uknative.kconfig.SolvedConfig;
import dev.uknative.kconfig.Symbol;
import java.util.Optional;

/**
 * What the menu asks of a solved configuration to decide which entries it shows, which bools a select
 * forces on, and which member a choice has selected. The evaluation itself is the engine's
 * ({@link SolvedConfig#evaluate}), so the menu can never disagree with the .config it writes.
 */
final class Conditions {

    private final SolvedConfig config;

    Conditions(SolvedConfig config) {
        this.config = config;
    }

    /** Whether the node's prompt is visible, as menuconfig decides it. */
    boolean visible(MenuNode node) {
        return config.visible(node);
    }

    /** Whether {@code select}s force the bool symbol to y, so that the user cannot turn it off. */
    boolean forcedOn(Symbol symbol) {
        return config.forcedOn(symbol);
    }

    /** The value of an expression: 0 (n), 1 (m) or 2 (y). */
    int eval(Expr e) {
        return config.evaluate(e);
    }

    /** The symbol this choice has selected, if any (the member whose value is y). */
    Optional<Symbol> selection(Choice choice) {
        return choice.symbols().stream().filter(s -> config.isEnabled(s.configName())).findFirst();
    }
}
