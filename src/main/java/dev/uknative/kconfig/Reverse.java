package dev.uknative.kconfig;

import dev.uknative.core.Location;

/**
 * One {@code select} or {@code imply}. Seen from the selecting symbol, {@link #symbol()} is the target;
 * seen from the target ({@link Symbol#selectedBy()}), it is the selecting symbol.
 *
 * @param symbol    the other end of the select
 * @param condition the condition that decides, with the dependencies of the selecting symbol's
 *                  definition site ANDed in
 * @param written   the condition as written after {@code if} ({@code y} when there is none)
 * @param location  where the {@code select}/{@code imply} is written
 */
public record Reverse(Symbol symbol, Expr condition, Expr written, Location location) {
}
