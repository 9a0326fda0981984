package dev.uknative.kconfig;

import java.util.Arrays;

/**
 * Symbol values for one set of user values, with kconfig's semantics (Kconfiglib's Symbol.tri_value and
 * str_value, which match sym_calc_value() of the C tools; numbers are parsed like the C tools). Values are
 * computed on demand and cached; {@link #computeAll()} fills every cache, after which the object is only
 * read and safe to share.
 *
 * <p>Bool values are 0 (n), 1 (m) and 2 (y); m never survives for bool symbols, as kconfig promotes it.
 */
final class Evaluation {

    private static final String[] TRI = {"n", "m", "y"};

    final KconfigTree tree;
    final int[] userTri;
    final String[] userString;
    final int[] choiceUserMode;
    final Symbol[] choiceUserSelection;

    private final byte[] state;
    private final int[] tri;
    private final String[] str;
    private final boolean[] written;
    private final int[] visibility;
    private final int[] choiceVisibility;
    private final Symbol[] selection;
    private final boolean[] selectionKnown;

    Evaluation(KconfigTree tree) {
        this.tree = tree;
        int symbols = tree.table.inCreationOrder.size();
        int choices = tree.choices().size();
        userTri = new int[symbols];
        Arrays.fill(userTri, -1);
        userString = new String[symbols];
        choiceUserMode = new int[choices];
        Arrays.fill(choiceUserMode, -1);
        choiceUserSelection = new Symbol[choices];
        state = new byte[symbols];
        tri = new int[symbols];
        str = new String[symbols];
        written = new boolean[symbols];
        visibility = new int[symbols];
        Arrays.fill(visibility, -1);
        choiceVisibility = new int[choices];
        Arrays.fill(choiceVisibility, -1);
        selection = new Symbol[choices];
        selectionKnown = new boolean[choices];
    }

    /** Computes every defined symbol and choice, so that later reads never write. */
    void computeAll() {
        for (Symbol s : tree.definedSymbols()) {
            compute(s);
        }
        for (Choice c : tree.choices()) {
            selection(c);
        }
        for (Symbol s : tree.table.inCreationOrder) {
            visibility(s);
        }
    }

    /**
     * What the symbol would hold without a user value of its own (other symbols keep theirs): the
     * default in effect, raised by selects and implies, clamped into the range; for a choice symbol,
     * whether it is the choice's default selection.
     */
    String defaultValue(Symbol s) {
        if (s.type.isBoolOrTristate()) {
            int val = 0;
            if (s.choice != null) {
                val = tri(s.choice) == 2 && defaultSelection(s.choice) == s ? 2 : 0;
            } else {
                for (Default d : s.defaults) {
                    int cond = eval(d.condition());
                    if (cond != 0) {
                        val = Math.min(eval(d.value()), cond);
                        break;
                    }
                }
                int weak = eval(s.weakReverseDependency);
                if (weak != 0 && eval(s.directDependency) != 0) {
                    val = Math.max(weak, val);
                }
                val = Math.max(val, eval(s.reverseDependency));
                if (val == 1) {
                    val = 2;
                }
            }
            return TRI[val];
        }
        String val = "";
        for (Default d : s.defaults) {
            if (eval(d.condition()) != 0) {
                val = str((Symbol) d.value());
                break;
            }
        }
        if (s.type.isNumber()) {
            long[] range = activeRange(s);
            int base = s.type == SymbolType.HEX ? 16 : 10;
            if (range != null) {
                long number = CNumbers.value(val, base);
                if (number < range[0] || number > range[1]) {
                    long clamp = number < range[0] ? range[0] : range[1];
                    val = base == 10 ? Long.toString(clamp) : "0x" + Long.toHexString(clamp);
                }
            }
        }
        return val;
    }

    // --- Public reads

    int tri(Symbol s) {
        if (s.isConstant()) {
            return s.fixedTri;
        }
        if (!s.type.isBoolOrTristate()) {
            return 0;
        }
        compute(s);
        return tri[s.index];
    }

    String str(Symbol s) {
        if (s.isConstant() || s.type == SymbolType.UNKNOWN) {
            return s.name();
        }
        compute(s);
        return s.type.isBoolOrTristate() ? TRI[tri[s.index]] : str[s.index];
    }

    /** Whether kconfig writes the symbol to .config (as a value or as "is not set"). */
    boolean written(Symbol s) {
        if (s.isConstant() || s.type == SymbolType.UNKNOWN) {
            return false;
        }
        compute(s);
        return written[s.index];
    }

    int eval(Expr e) {
        if (e instanceof Symbol s) {
            return tri(s);
        }
        if (e instanceof Expr.And a) {
            int left = eval(a.left());
            return left == 0 ? 0 : Math.min(left, eval(a.right()));
        }
        if (e instanceof Expr.Or o) {
            int left = eval(o.left());
            return left == 2 ? 2 : Math.max(left, eval(o.right()));
        }
        if (e instanceof Expr.Not n) {
            return 2 - eval(n.operand());
        }
        if (e instanceof Choice c) {
            return tri(c);
        }
        return compare((Expr.Compare) e);
    }

    /** expr_calc_value() of the C tools for =, !=, <, <=, >, >=. */
    private int compare(Expr.Compare c) {
        String s1 = str(c.left());
        String s2 = str(c.right());
        SymbolType t1 = c.left().type;
        SymbolType t2 = c.right().type;
        int result;
        if (t1 != SymbolType.STRING || t2 != SymbolType.STRING) {
            CNumbers.Operand o1 = CNumbers.operand(s1, t1);
            CNumbers.Operand o2 = CNumbers.operand(s2, t2);
            if (o1.kind() == CNumbers.Kind.STRING || o2.kind() == CNumbers.Kind.STRING) {
                result = Integer.signum(s1.compareTo(s2));
            } else if (o1.kind() == CNumbers.Kind.UNSIGNED || o2.kind() == CNumbers.Kind.UNSIGNED) {
                result = Integer.signum(Long.compareUnsigned(o1.value(), o2.value()));
            } else {
                result = Long.compare(o1.value(), o2.value());
            }
        } else {
            result = Integer.signum(s1.compareTo(s2));
        }
        boolean holds = switch (c.relation()) {
            case EQUAL -> result == 0;
            case UNEQUAL -> result != 0;
            case LESS -> result < 0;
            case LESS_EQUAL -> result <= 0;
            case GREATER -> result > 0;
            case GREATER_EQUAL -> result >= 0;
        };
        return holds ? 2 : 0;
    }

    int visibility(Symbol s) {
        if (s.isConstant()) {
            return 0;
        }
        int v = visibility[s.index];
        if (v >= 0) {
            return v;
        }
        v = 0;
        for (MenuNode node : s.nodes) {
            if (node.prompt != null) {
                v = Math.max(v, eval(node.prompt.condition()));
            }
        }
        if (s.choice != null && s.type == SymbolType.TRISTATE && v == 1 && tri(s.choice) == 2) {
            v = 0;
        }
        if (v == 1 && s.type != SymbolType.TRISTATE) {
            v = 2;
        }
        visibility[s.index] = v;
        return v;
    }

    int visibility(Choice c) {
        int v = choiceVisibility[c.index];
        if (v >= 0) {
            return v;
        }
        v = 0;
        for (MenuNode node : c.nodes) {
            if (node.prompt != null) {
                v = Math.max(v, eval(node.prompt.condition()));
            }
        }
        if (v == 1 && c.type != SymbolType.TRISTATE) {
            v = 2;
        }
        choiceVisibility[c.index] = v;
        return v;
    }

    /** The mode of a choice: y when it is visible (a non-optional choice cannot be n while visible). */
    int tri(Choice c) {
        int v = c.optional ? 0 : 1;
        if (choiceUserMode[c.index] >= 0) {
            v = Math.max(v, choiceUserMode[c.index]);
        }
        v = Math.min(v, visibility(c));
        return v == 1 && c.type == SymbolType.BOOL ? 2 : v;
    }

    /** The symbol a y-mode choice has selected: the user's if visible, else the first visible default. */
    Symbol selection(Choice c) {
        if (selectionKnown[c.index]) {
            return selection[c.index];
        }
        Symbol chosen = tri(c) == 2 ? choose(c) : null;
        selection[c.index] = chosen;
        selectionKnown[c.index] = true;
        return chosen;
    }

    private Symbol choose(Choice c) {
        Symbol user = choiceUserSelection[c.index];
        if (user != null && visibility(user) > 0) {
            return user;
        }
        return defaultSelection(c);
    }

    /** The selection when the user chose nothing visible. */
    Symbol defaultSelection(Choice c) {
        for (Default d : c.defaults) {
            Symbol s = (Symbol) d.value();
            if (eval(d.condition()) > 0 && visibility(s) > 0) {
                return s;
            }
        }
        for (Symbol s : c.symbols) {
            if (visibility(s) > 0) {
                return s;
            }
        }
        return null;
    }

    // --- The value of one symbol

    private void compute(Symbol s) {
        int i = s.index;
        if (state[i] == 2) {
            return;
        }
        if (state[i] == 1) {
            throw new IllegalStateException("dependency loop through " + s.name() + " while evaluating");
        }
        state[i] = 1;
        if (s.type.isBoolOrTristate()) {
            computeBool(s);
        } else if (s.type.isNumber()) {
            computeNumber(s);
        } else if (s.type == SymbolType.STRING) {
            computeString(s);
        } else {
            str[i] = s.name();
        }
        state[i] = 2;
    }

    private void computeBool(Symbol s) {
        int i = s.index;
        int vis = visibility(s);
        boolean write = vis != 0;
        int val = 0;
        if (s.choice == null) {
            if (vis != 0 && userTri[i] >= 0) {
                val = Math.min(userTri[i], vis);
            } else {
                for (Default d : s.defaults) {
                    int cond = eval(d.condition());
                    if (cond != 0) {
                        val = Math.min(eval(d.value()), cond);
                        if (val != 0) {
                            write = true;
                        }
                        break;
                    }
                }
                int weak = eval(s.weakReverseDependency);
                if (weak != 0 && eval(s.directDependency) != 0) {
                    val = Math.max(weak, val);
                    write = true;
                }
            }
            int reverse = eval(s.reverseDependency);
            if (reverse != 0) {
                val = Math.max(reverse, val);
                write = true;
            }
            if (val == 1 && (s.type == SymbolType.BOOL || eval(s.weakReverseDependency) == 2)) {
                val = 2;
            }
        } else if (vis == 2) {
            val = selection(s.choice) == s ? 2 : 0;
        } else if (vis != 0 && userTri[i] > 0) {
            val = 1;
        }
        tri[i] = val;
        written[i] = write;
    }

    private void computeString(Symbol s) {
        int i = s.index;
        int vis = visibility(s);
        boolean write = vis != 0;
        String val = "";
        if (vis != 0 && userString[i] != null) {
            val = userString[i];
        } else {
            for (Default d : s.defaults) {
                if (eval(d.condition()) != 0) {
                    val = str((Symbol) d.value());
                    write = true;
                    break;
                }
            }
        }
        str[i] = val;
        written[i] = write && !s.noWrite;
    }

    /**
     * int and hex: the user value if visible and inside the active range, else the first default whose
     * condition holds, clamped into the active range (a clamped value is rewritten, hex in lower case
     * with 0x, as sym_validate_range() does).
     */
    private void computeNumber(Symbol s) {
        int i = s.index;
        int base = s.type == SymbolType.HEX ? 16 : 10;
        int vis = visibility(s);
        boolean write = vis != 0;
        long[] range = activeRange(s);
        String val = "";
        boolean useDefaults = true;
        String user = userString[i];
        if (vis != 0 && user != null && !user.isEmpty()) {
            long number = CNumbers.value(user, base);
            if (range == null || number >= range[0] && number <= range[1]) {
                val = user;
                useDefaults = false;
            }
        }
        if (useDefaults) {
            for (Default d : s.defaults) {
                if (eval(d.condition()) != 0) {
                    write = true;
                    val = str((Symbol) d.value());
                    break;
                }
            }
            if (range != null) {
                long number = CNumbers.value(val, base);
                Long clamp = number < range[0] ? Long.valueOf(range[0]) : number > range[1] ? Long.valueOf(range[1]) : null;
                if (clamp != null) {
                    val = base == 10 ? Long.toString(clamp) : "0x" + Long.toHexString(clamp);
                }
            }
        }
        str[i] = val;
        written[i] = write && !s.noWrite;
    }

    /** The first range whose condition holds, as {low, high}; null when none does. */
    long[] activeRange(Symbol s) {
        int base = s.type == SymbolType.HEX ? 16 : 10;
        for (Range r : s.ranges) {
            if (eval(r.condition()) != 0) {
                return new long[] {rangeValue(r.low(), base), rangeValue(r.high(), base)};
            }
        }
        return null;
    }

    /** sym_get_range_val(): an int or hex bound parses in its own base, a constant in the symbol's. */
    private long rangeValue(Symbol bound, int base) {
        int b = bound.type == SymbolType.INT ? 10 : bound.type == SymbolType.HEX ? 16 : base;
        return CNumbers.value(str(bound), b);
    }
}
