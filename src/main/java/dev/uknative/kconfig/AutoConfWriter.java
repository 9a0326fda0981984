package dev.uknative.kconfig;

/**
 * Writes {@code $(O)/kconfig/auto.conf} as {@code conf --syncconfig} does (conf_write_autoconf()): the
 * heading, then every symbol the .config has a value line for ({@code is not set} lines are left out),
 * in the order of conf's symbol hash table (see {@link ConfHeader#hashOrder}). Also the
 * {@code tristate.config} conf writes next to it, which without tristate symbols is only the heading.
 */
public final class AutoConfWriter {

    private AutoConfWriter() {
    }

    public static String write(KconfigTree tree, SolvedConfig solved) {
        ConfHeader.requireSame(tree, solved);
        StringBuilder out = new StringBuilder(ConfHeader.hashComment(tree));
        for (Symbol s : ConfHeader.hashOrder(solved)) {
            if (s.type().isBoolOrTristate() && solved.evaluation.str(s).equals("n")) {
                continue;
            }
            DotConfigWriter.appendLine(out, s, solved.evaluation);
        }
        return out.toString();
    }

    /** {@code $(O)/kconfig/tristate.config} (KCONFIG_TRISTATE): the heading, as Unikraft has no tristates. */
    public static String writeTristate(KconfigTree tree, SolvedConfig solved) {
        ConfHeader.requireSame(tree, solved);
        return ConfHeader.hashComment(tree);
    }
}
