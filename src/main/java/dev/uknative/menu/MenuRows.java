package dev.uknative.menu;

import dev.uknative.kconfig.MenuNode;
import dev.uknative.kconfig.SolvedConfig;
import dev.uknative.kconfig.Symbol;
import dev.uknative.kconfig.SymbolType;
import java.util.ArrayList;
import java.util.List;

/**
 * The lines a menu shows in a solved configuration: its visible entries, as Kconfiglib's menuconfig
 * chooses them ({@code _shown_nodes}). An entry is shown when its prompt is visible; the entries of an
 * implicit submenu follow their symbol, one level deeper, unless the symbol is a {@code menuconfig} (then
 * they are behind it); an invisible symbol is still shown when some entry under it is. A choice shows
 * the entries of all its definition sites.
 */
final class MenuRows {

    private final SolvedConfig config;
    private final Conditions conditions;

    MenuRows(SolvedConfig config) {
        this.config = config;
        this.conditions = new Conditions(config);
    }

    /** The lines of {@code menu}: the root, a menu, a choice or a menuconfig symbol. */
    List<MenuRow> of(MenuNode menu) {
        List<MenuRow> rows = new ArrayList<>();
        if (menu.kind() == MenuNode.Kind.CHOICE && menu.choice().isPresent()) {
            for (MenuNode site : menu.choice().get().nodes()) {
                rows.addAll(shown(site.children(), 0));
            }
        } else {
            rows.addAll(shown(menu.children(), 0));
        }
        return rows;
    }

    /** The title of a menu: its prompt (the root's is the {@code mainmenu} text). */
    static String title(MenuNode menu) {
        return menu.prompt().map(p -> p.text()).orElse(menu.toString());
    }

    private List<MenuRow> shown(List<MenuNode> nodes, int depth) {
        List<MenuRow> rows = new ArrayList<>();
        for (MenuNode node : nodes) {
            List<MenuNode> children = node.children();
            if (conditions.visible(node)) {
                rows.add(row(node, depth));
                if (!children.isEmpty() && !node.isMenuconfig()) {
                    rows.addAll(shown(children, depth + 1));
                }
            } else if (!children.isEmpty() && node.kind() == MenuNode.Kind.SYMBOL) {
                List<MenuRow> below = shown(children, depth + 1);
                if (!below.isEmpty()) {
                    rows.add(row(node, depth));
                    if (!node.isMenuconfig()) {
                        rows.addAll(below);
                    }
                }
            }
        }
        return rows;
    }

    private MenuRow row(MenuNode node, int depth) {
        String prompt = node.prompt().map(p -> p.text()).orElse(node.symbol().map(Symbol::name).orElse(""));
        return switch (node.kind()) {
            case MENU -> new MenuRow(node, depth, "", prompt + arrow(node), true);
            case COMMENT -> new MenuRow(node, depth, "", "*** " + prompt + " ***", false);
            case CHOICE -> new MenuRow(node, depth, "", prompt + selection(node) + "  --->", true);
            case SYMBOL -> new MenuRow(node, depth, value(node.symbol().orElseThrow()),
                    prompt + (node.isMenuconfig() ? arrow(node) : ""), node.isMenuconfig());
            case IF -> new MenuRow(node, depth, "", prompt, false); // gone once the tree is finalized
        };
    }

    /** {@code --->} when the submenu shows something, else {@code ----}, as Kconfiglib's menuconfig does. */
    private String arrow(MenuNode node) {
        return of(node).isEmpty() ? "  ----" : "  --->";
    }

    private String selection(MenuNode node) {
        return node.choice().flatMap(conditions::selection)
                .map(s -> " (" + s.nodes().stream().flatMap(n -> n.prompt().stream()).map(p -> p.text()).findFirst().orElse(s.name()) + ")")
                .orElse("");
    }

    private String value(Symbol s) {
        String value = config.value(s.configName()).orElse("");
        if (s.type().isBoolOrTristate()) {
            if (s.choice().isPresent()) {
                return value.equals("y") ? "(X)" : "( )";
            }
            if (!value.equals("n") && conditions.forcedOn(s)) {
                return "-*-";
            }
            return switch (value) {
                case "y" -> "[*]";
                case "m" -> "<M>";
                default -> "[ ]";
            };
        }
        return s.type() == SymbolType.UNKNOWN ? "" : "(" + value + ")";
    }
}
