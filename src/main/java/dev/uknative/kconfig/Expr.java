package dev.uknative.kconfig;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A Kconfig expression as a small tree (kconfig-language.rst, "Menu dependencies"): a symbol or choice,
 * {@code &&}, {@code ||}, {@code !}, or a comparison of two symbols. Quoted text and numbers are constant
 * symbols. Evaluating an expression needs symbol values, so it happens in a {@link SolvedConfig}.
 */
public sealed interface Expr permits Symbol, Choice, Expr.And, Expr.Or, Expr.Not, Expr.Compare {

    /** {@code left && right}. */
    record And(Expr left, Expr right) implements Expr {
    }

    /** {@code left || right}. */
    record Or(Expr left, Expr right) implements Expr {
    }

    /** {@code !operand}. */
    record Not(Expr operand) implements Expr {
    }

    /** {@code left <relation> right}, both operands symbols (constants included). */
    record Compare(Relation relation, Symbol left, Symbol right) implements Expr {
    }

    /** The comparison operators. */
    enum Relation {
        EQUAL("="), UNEQUAL("!="), LESS("<"), LESS_EQUAL("<="), GREATER(">"), GREATER_EQUAL(">=");

        private final String operator;

        Relation(String operator) {
            this.operator = operator;
        }

        public String operator() {
            return operator;
        }
    }

    /** The expression as it would be written in a Kconfig file (parenthesised like Kconfiglib's expr_str). */
    default String render() {
        return Exprs.render(this);
    }

    /** Every symbol and choice the expression mentions, constants excluded, in order of appearance. */
    default Set<Object> referencedItems() {
        Set<Object> items = new LinkedHashSet<>();
        Exprs.collect(this, items);
        return items;
    }

    /** The symbols the expression mentions (constants excluded), in order of appearance. */
    default Set<Symbol> referencedSymbols() {
        Set<Symbol> symbols = new LinkedHashSet<>();
        for (Object item : referencedItems()) {
            if (item instanceof Symbol s) {
                symbols.add(s);
            }
        }
        return symbols;
    }
}
