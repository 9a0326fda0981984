package dev.uknative.kconfig;

import dev.uknative.core.KconfigText;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The other half of {@code conf --syncconfig}: before it rewrites auto.conf it touches (creates or
 * truncates) {@code $(O)/include/config/<symbol>.h} for every symbol whose value changed since the
 * auto.conf it replaces (conf_touch_deps()). Unikraft compiles through fixdep, which replaces each
 * object's dependency on config.h by dependencies on those files for the CONFIG_ words its sources use;
 * so whoever writes config.h instead of conf must touch them too, or a changed symbol rebuilds nothing.
 */
public final class SymbolDependencyFiles {

    /** Where the files are, relative to the build folder {@code $(O)}. */
    public static final String DIRECTORY = "include/config/";

    private SymbolDependencyFiles() {
    }

    /**
     * The files to touch, relative to {@code $(O)} ({@code include/config/libukdebug/printd.h} for
     * LIBUKDEBUG_PRINTD), in conf's order: symbols of the previous auto.conf that no longer exist, then
     * every symbol whose value differs from the previous one. Without a previous auto.conf (a first
     * build) every symbol with a value other than n.
     */
    public static List<String> toTouch(SolvedConfig solved, Optional<String> previousAutoConf) {
        KconfigTree tree = solved.tree();
        Evaluation ev = solved.evaluation;
        Set<String> files = new LinkedHashSet<>();
        Map<Symbol, String> old = new HashMap<>();
        for (String line : previousAutoConf.orElse("").split("\n")) {
            if (!line.startsWith(KconfigTree.CONFIG_PREFIX)) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String name = line.substring(KconfigTree.CONFIG_PREFIX.length(), eq);
            String value = line.substring(eq + 1);
            Symbol sym = tree.table.byName.get(name);
            if (sym == null) {
                // A symbol that is gone: whatever used it must be rebuilt
                files.add(path(name));
                continue;
            }
            String parsed = oldValue(sym, value);
            if (parsed != null) {
                old.put(sym, parsed);
            }
        }
        for (Symbol sym : ConfHeader.hashOrder(solved, true)) {
            String previous = old.get(sym);
            if (ev.written(sym)) {
                String now = ev.str(sym);
                if (previous != null ? previous.equals(now) : sym.type().isBoolOrTristate() && now.equals("n")) {
                    continue;
                }
            } else if (previous == null) {
                continue;
            }
            files.add(path(sym.name()));
        }
        return new ArrayList<>(files);
    }

    /** A value of auto.conf as conf reads it back (conf_set_sym_val() for S_DEF_AUTO); null if it does not. */
    private static String oldValue(Symbol sym, String value) {
        switch (sym.type()) {
            case BOOL, TRISTATE -> {
                return value.startsWith("y") ? "y" : value.startsWith("m") ? "m" : value.startsWith("n") ? "n" : null;
            }
            case STRING -> {
                return KconfigText.unquote(value).orElse(null);
            }
            case INT, HEX -> {
                return CNumbers.valid(value, sym.type()) ? value : null;
            }
            default -> {
                return null;
            }
        }
    }

    /** conf_touch_dep(): FOO_BAR becomes include/config/foo/bar.h. */
    static String path(String name) {
        return DIRECTORY + name.toLowerCase(Locale.ROOT).replace('_', '/') + ".h";
    }
}
