package dev.uknative.kconfig;

import dev.uknative.core.Location;

/**
 * A {@code range LOW HIGH if CONDITION} on an int or hex symbol; the first range whose condition holds
 * is the active one.
 *
 * @param condition with the dependencies of the definition site ANDed in
 * @param written   the condition as written after {@code if} ({@code y} when there is none)
 */
public record Range(Symbol low, Symbol high, Expr condition, Expr written, Location location) {
}
