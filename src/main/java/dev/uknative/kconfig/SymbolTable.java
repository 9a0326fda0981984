package dev.uknative.kconfig;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The symbols a parse creates, and the two expression constructors that simplify against the constants
 * n and y exactly as kconfig does (so that, for example, a symbol outside any if keeps the dependency
 * {@code y}).
 */
final class SymbolTable {

    final Map<String, Symbol> byName = new HashMap<>();
    final List<Symbol> inCreationOrder = new ArrayList<>();
    private final Map<String, Symbol> constants = new HashMap<>();
    final Symbol n;
    final Symbol m;
    final Symbol y;
    final Symbol modules;

    SymbolTable() {
        n = constant("n", 0);
        m = constant("m", 1);
        y = constant("y", 2);
        for (Symbol s : List.of(n, m, y)) {
            s.type = SymbolType.TRISTATE;
            s.directDependency = n;
            s.reverseDependency = n;
            s.weakReverseDependency = n;
        }
        // kconfig rewrites a plain 'm' in conditions to 'm && MODULES'; Unikraft has no MODULES, so such
        // conditions are n, as in Kconfiglib.
        modules = lookup("MODULES");
    }

    private Symbol constant(String name, int tri) {
        Symbol s = new Symbol(name, true, -1, -1, tri);
        constants.put(name, s);
        return s;
    }

    /** The non-constant symbol with this name, created (undefined, type unknown) on first use. */
    Symbol lookup(String name) {
        Symbol s = byName.get(name);
        if (s == null) {
            s = new Symbol(name, false, inCreationOrder.size(), inCreationOrder.size(), -1);
            s.directDependency = n;
            s.reverseDependency = n;
            s.weakReverseDependency = n;
            byName.put(name, s);
            inCreationOrder.add(s);
        }
        return s;
    }

    /** n, m, y, or the constant symbol for a quoted text or number. */
    Symbol constant(String name) {
        Symbol s = constants.get(name);
        if (s == null) {
            s = new Symbol(name, true, -1, -1, 0);
            s.directDependency = n;
            s.reverseDependency = n;
            s.weakReverseDependency = n;
            constants.put(name, s);
        }
        return s;
    }

    /** A bare word in an expression: n, m and y are the constants, anything else a symbol. */
    Symbol word(String name) {
        if (name.length() == 1 && (name.equals("n") || name.equals("m") || name.equals("y"))) {
            return constants.get(name);
        }
        return lookup(name);
    }

    Expr and(Expr a, Expr b) {
        if (a == y) {
            return b;
        }
        if (b == y) {
            return a;
        }
        if (a == n || b == n) {
            return n;
        }
        return new Expr.And(a, b);
    }

    Expr or(Expr a, Expr b) {
        if (a == n) {
            return b;
        }
        if (b == n) {
            return a;
        }
        if (a == y || b == y) {
            return y;
        }
        return new Expr.Or(a, b);
    }
}
