package dev.uknative.kconfig;

import dev.uknative.core.KconfigText;

/**
 * Writes a .config exactly as Unikraft's {@code make olddefconfig} (kconfig's conf, conf_write()) does:
 * the heading with the mainmenu text, then the symbols in menu order, each once, {@code # CONFIG_X is
 * not set} for bool symbols that are n, a {@code # TITLE} block for each visible menu and comment and
 * {@code # end of TITLE} after each visible menu. Kconfiglib's write_config() writes the same body and no
 * heading.
 */
public final class DotConfigWriter {

    private DotConfigWriter() {
    }

    public static String write(KconfigTree tree, SolvedConfig solved) {
        ConfHeader.requireSame(tree, solved);
        return ConfHeader.hashComment(tree) + body(solved);
    }

    /** The .config without the heading: what Kconfiglib's write_config() writes. */
    public static String body(SolvedConfig solved) {
        Evaluation ev = solved.evaluation;
        MenuNode top = solved.tree().root();
        StringBuilder out = new StringBuilder(64 * 1024);
        boolean[] visited = new boolean[solved.tree().table.inCreationOrder.size()];
        boolean afterEnd = false;
        MenuNode node = top;
        while (true) {
            if (node.list != null) {
                node = node.list;
            } else if (node.next != null) {
                node = node.next;
            } else {
                boolean more = false;
                while (node.parent != null) {
                    node = node.parent;
                    if (node.kind == MenuNode.Kind.MENU && node != top && ev.eval(node.dependency) != 0
                            && ev.eval(node.visibleIf) != 0) {
                        out.append("# end of ").append(node.prompt.text()).append('\n');
                        afterEnd = true;
                    }
                    if (node.next != null) {
                        node = node.next;
                        more = true;
                        break;
                    }
                }
                if (!more) {
                    return out.toString();
                }
            }
            if (node.kind == MenuNode.Kind.SYMBOL) {
                Symbol s = node.symbol;
                if (visited[s.index]) {
                    continue;
                }
                visited[s.index] = true;
                if (!ev.written(s)) {
                    continue;
                }
                if (afterEnd) {
                    out.append('\n');
                    afterEnd = false;
                }
                appendLine(out, s, ev);
            } else if (ev.eval(node.dependency) != 0
                    && (node.kind == MenuNode.Kind.MENU && ev.eval(node.visibleIf) != 0 || node.kind == MenuNode.Kind.COMMENT)) {
                out.append("\n#\n# ").append(node.prompt.text()).append("\n#\n");
                afterEnd = false;
            }
        }
    }

    /** {@code CONFIG_X=value} or {@code # CONFIG_X is not set}. */
    static void appendLine(StringBuilder out, Symbol s, Evaluation ev) {
        String value = ev.str(s);
        if (s.type().isBoolOrTristate()) {
            if (value.equals("n")) {
                out.append("# ").append(s.configName()).append(" is not set\n");
            } else {
                out.append(s.configName()).append('=').append(value).append('\n');
            }
        } else if (s.type() == SymbolType.STRING) {
            out.append(s.configName()).append('=').append(KconfigText.quote(value)).append('\n');
        } else {
            out.append(s.configName()).append('=').append(value).append('\n');
        }
    }
}
