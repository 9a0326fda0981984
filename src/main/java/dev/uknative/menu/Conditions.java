package dev.uknative.menu;

import dev.uknative.kconfig.Choice;
import dev.uknative.kconfig.Expr;
import dev.uknative.kconfig.MenuNode;
import dev.uknative.kconfig.SolvedConfig;
import dev.uknative.kconfig.Symbol;
import dev.uknative.kconfig.SymbolType;
import java.util.Optional;

/**
 * Evaluates Kconfig conditions in a solved configuration, to decide which menu entries a menu shows and
 * which bools a select forces on. {@link SolvedConfig} tells the visibility of symbols but not of menus,
 * comments and choices, so this evaluates their prompt conditions itself, with the tristate logic of
 * kconfig-language.rst ("Menu dependencies": n=0, m=1, y=2; {@code &&} is min, {@code ||} max, {@code !}
 * is 2-x) over the symbol values the configuration holds.
 *
 * <p>Comparisons follow expr_calc_value() of the C tools closely but not to the last overflow: two
 * operands that both read as numbers (bools as 0/1/2, int in base 10, hex in base 16, anything else in
 * C's base 0) compare as numbers, else as text. Unikraft's menus compare only small numbers and words.
 */
final class Conditions {

    private final SolvedConfig config;

    Conditions(SolvedConfig config) {
        this.config = config;
    }

    /**
     * Whether the node's prompt is visible, as menuconfig decides it (Kconfiglib's {@code _visible}): it
     * has a prompt whose condition holds, and a menu's {@code visible if} holds too.
     */
    boolean visible(MenuNode node) {
        if (node.prompt().isEmpty() || eval(node.prompt().get().condition()) == 0) {
            return false;
        }
        return node.kind() != MenuNode.Kind.MENU || node.visibleIf().map(this::eval).orElse(2) != 0;
    }

    /** Whether {@code select}s force the bool symbol to y, so that the user cannot turn it off. */
    boolean forcedOn(Symbol symbol) {
        return symbol.type().isBoolOrTristate() && eval(symbol.reverseDependency()) == 2;
    }

    /** The value of an expression: 0 (n), 1 (m) or 2 (y). */
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
            return mode(c);
        }
        return compare((Expr.Compare) e);
    }

    /** The symbol this choice has selected, if any (the member whose value is y). */
    Optional<Symbol> selection(Choice choice) {
        return choice.symbols().stream().filter(s -> config.isEnabled(s.configName())).findFirst();
    }

    private int tri(Symbol s) {
        if (s.isConstant()) {
            return switch (s.name()) {
                case "y" -> 2;
                case "m" -> 1;
                default -> 0;
            };
        }
        if (!s.isDefined() || !s.type().isBoolOrTristate()) {
            return 0;
        }
        return switch (text(s)) {
            case "y" -> 2;
            case "m" -> 1;
            default -> 0;
        };
    }

    /** The mode of a choice: y when a member is selected, or when a non-optional choice is visible. */
    private int mode(Choice c) {
        if (selection(c).isPresent()) {
            return 2;
        }
        if (c.isOptional()) {
            return 0;
        }
        int visibility = 0;
        for (MenuNode node : c.nodes()) {
            if (node.prompt().isPresent()) {
                visibility = Math.max(visibility, eval(node.prompt().get().condition()));
            }
        }
        return visibility == 0 ? 0 : 2;
    }

    private String text(Symbol s) {
        if (s.isConstant() || !s.isDefined()) {
            return s.name();
        }
        return config.value(s.configName()).orElse("");
    }

    private int compare(Expr.Compare c) {
        String left = text(c.left());
        String right = text(c.right());
        int result;
        if (c.left().type() == SymbolType.STRING && c.right().type() == SymbolType.STRING) {
            result = Integer.signum(left.compareTo(right));
        } else {
            Optional<Long> l = number(left, c.left().type());
            Optional<Long> r = number(right, c.right().type());
            result = l.isPresent() && r.isPresent() ? Long.compare(l.get(), r.get()) : Integer.signum(left.compareTo(right));
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

    private static Optional<Long> number(String text, SymbolType type) {
        if (type.isBoolOrTristate()) {
            return switch (text) {
                case "n" -> Optional.of(0L);
                case "m" -> Optional.of(1L);
                case "y" -> Optional.of(2L);
                default -> Optional.empty();
            };
        }
        try {
            if (type == SymbolType.INT) {
                return Optional.of(Long.parseLong(text));
            }
            if (type == SymbolType.HEX) {
                return Optional.of(Long.parseUnsignedLong(text.replaceFirst("^0[xX]", ""), 16));
            }
            if (text.matches("-?0[xX][0-9a-fA-F]+")) {
                boolean negative = text.startsWith("-");
                long v = Long.parseUnsignedLong(text.substring(negative ? 3 : 2), 16);
                return Optional.of(negative ? -v : v);
            }
            if (text.matches("-?0[0-7]+")) {
                return Optional.of(Long.parseLong(text, 8));
            }
            return Optional.of(Long.parseLong(text));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
