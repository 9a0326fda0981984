package dev.uknative.kconfig;

import dev.uknative.kconfig.Expr.And;
import dev.uknative.kconfig.Expr.Compare;
import dev.uknative.kconfig.Expr.Not;
import dev.uknative.kconfig.Expr.Or;
import java.util.Set;

/** Rendering and traversal of {@link Expr} trees. */
final class Exprs {

    private Exprs() {
    }

    static String render(Expr e) {
        if (e instanceof Symbol s) {
            return s.reference();
        }
        if (e instanceof Choice c) {
            return c.reference();
        }
        if (e instanceof And a) {
            return parenthesize(a.left(), Or.class) + " && " + parenthesize(a.right(), Or.class);
        }
        if (e instanceof Or o) {
            return parenthesize(o.left(), And.class) + " || " + parenthesize(o.right(), And.class);
        }
        if (e instanceof Not n) {
            if (n.operand() instanceof Symbol || n.operand() instanceof Choice) {
                return "!" + render(n.operand());
            }
            return "!(" + render(n.operand()) + ")";
        }
        Compare c = (Compare) e;
        return render(c.left()) + " " + c.relation().operator() + " " + render(c.right());
    }

    private static String parenthesize(Expr e, Class<?> type) {
        return type.isInstance(e) ? "(" + render(e) + ")" : render(e);
    }

    static void collect(Expr e, Set<Object> into) {
        if (e instanceof Symbol s) {
            if (!s.isConstant()) {
                into.add(s);
            }
        } else if (e instanceof Choice c) {
            into.add(c);
        } else if (e instanceof And a) {
            collect(a.left(), into);
            collect(a.right(), into);
        } else if (e instanceof Or o) {
            collect(o.left(), into);
            collect(o.right(), into);
        } else if (e instanceof Not n) {
            collect(n.operand(), into);
        } else {
            Compare c = (Compare) e;
            collect(c.left(), into);
            collect(c.right(), into);
        }
    }
}
