package dev.uknative.kconfig;

import dev.uknative.core.KconfigText;

/**
 * Writes the C header {@code $(O)/include/uk/bits/config.h} as {@code conf --syncconfig} does
 * (header_print_symbol()): {@code #define CONFIG_X 1} for bool symbols that are y, nothing for n, text
 * in quotes, int values as they are, hex values with {@code 0x} added when missing; in conf's symbol
 * hash-table order, like auto.conf.
 */
public final class AutoHeaderWriter {

    private AutoHeaderWriter() {
    }

    public static String write(KconfigTree tree, SolvedConfig solved) {
        ConfHeader.requireSame(tree, solved);
        Evaluation ev = solved.evaluation;
        StringBuilder out = new StringBuilder(ConfHeader.cComment(tree));
        for (Symbol s : ConfHeader.hashOrder(solved)) {
            String value = ev.str(s);
            switch (s.type()) {
                case BOOL, TRISTATE -> {
                    if (value.equals("y")) {
                        out.append("#define ").append(s.configName()).append(" 1\n");
                    } else if (value.equals("m")) {
                        out.append("#define ").append(s.configName()).append("_MODULE 1\n");
                    }
                }
                case HEX -> out.append("#define ").append(s.configName()).append(' ')
                        .append(value.startsWith("0x") || value.startsWith("0X") ? "" : "0x").append(value).append('\n');
                case STRING -> out.append("#define ").append(s.configName()).append(' ')
                        .append(KconfigText.quote(value)).append('\n');
                default -> out.append("#define ").append(s.configName()).append(' ').append(value).append('\n');
            }
        }
        return out.toString();
    }
}
