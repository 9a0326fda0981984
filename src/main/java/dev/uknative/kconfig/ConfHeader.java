package dev.uknative.kconfig;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** What the files written by kconfig's C tool (conf) have in common: the heading and the symbol order. */
final class ConfHeader {

    private ConfHeader() {
    }

    /** conf_write_heading() with the .config printer: the mainmenu text framed by {@code #} lines. */
    static String hashComment(KconfigTree tree) {
        return "#\n# Automatically generated file; DO NOT EDIT.\n# " + tree.mainMenuText() + "\n#\n";
    }

    /** conf_write_heading() with the C header printer. */
    static String cComment(KconfigTree tree) {
        return "/*\n *\n * Automatically generated file; DO NOT EDIT.\n * " + tree.mainMenuText() + "\n *\n */\n";
    }

    /**
     * The symbols conf writes to auto.conf and config.h, in its order: it walks its symbol hash table
     * (9973 buckets, FNV-1a of the name; for_all_symbols() in expr.h) bucket by bucket, and each bucket
     * from the most recently created symbol to the oldest (sym_lookup() prepends). A symbol is created
     * when the parser first meets its name, which is the creation order of {@link SymbolTable} too.
     */
    static List<Symbol> hashOrder(SolvedConfig solved) {
        return hashOrder(solved, false);
    }

    /** The defined symbols in hash-table order: those written, or all of them. */
    static List<Symbol> hashOrder(SolvedConfig solved, boolean all) {
        List<Symbol> written = new ArrayList<>();
        for (Symbol s : solved.tree().definedSymbols()) {
            if (all || solved.evaluation.written(s)) {
                written.add(s);
            }
        }
        written.sort(Comparator.comparingInt((Symbol s) -> bucket(s.name()))
                .thenComparing(Comparator.comparingInt((Symbol s) -> s.creationOrder).reversed()));
        return written;
    }

    /** strhash() of symbol.c modulo SYMBOL_HASHSIZE; name bytes are signed chars, as on x86. */
    static int bucket(String name) {
        int hash = 0x811c9dc5;
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            hash = (hash ^ b) * 0x01000193;
        }
        return Integer.remainderUnsigned(hash, 9973);
    }

    static void requireSame(KconfigTree tree, SolvedConfig solved) {
        if (solved.tree() != tree) {
            throw new IllegalArgumentException("the configuration was solved for another Kconfig tree");
        }
    }
}
