package dev.uknative.kconfig;

import dev.uknative.core.Location;

/**
 * A {@code default VALUE if CONDITION} (or {@code def_bool}, {@code def_int}, …).
 *
 * @param value     an expression for bool symbols, a single symbol or constant otherwise
 * @param condition the condition that decides, with the dependencies of the definition site ANDed in
 * @param written   the condition as written after {@code if} ({@code y} when there is none)
 * @param location  where it is written
 */
public record Default(Expr value, Expr condition, Expr written, Location location) {
}
