package dev.uknative.kconfig;

import dev.uknative.core.Location;

/**
 * The text a menu shows for a symbol, choice, menu or comment, and when it shows it.
 *
 * @param condition for symbols and choices: the prompt's own {@code if}, the site's dependencies and the
 *                  {@code visible if} of enclosing menus, ANDed; for menus and comments: the
 *                  dependencies only
 * @param written   the condition as written after {@code if} ({@code y} when there is none)
 */
public record Prompt(String text, Expr condition, Expr written, Location location) {
}
