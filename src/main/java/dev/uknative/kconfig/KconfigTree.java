package dev.uknative.kconfig;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed and finalized Kconfig tree: the menu tree, the symbols and choices, the files read and the
 * warnings kconfig would print. It holds no values; {@link KconfigSolver} computes them. Nothing in a
 * tree changes after {@link KconfigParser#parse} returns it, so one tree serves any number of solves.
 */
public final class KconfigTree {

    /** The prefix of symbol names in .config files (Unikraft's Makefile passes CONFIG_="CONFIG_"). */
    public static final String CONFIG_PREFIX = "CONFIG_";

    private final MenuNode root;
    final SymbolTable table;
    private final List<Symbol> definedSymbols;
    private final List<Choice> choices;
    final Symbol defconfigList;
    private final List<Path> files;
    private final Map<Path, String> generatedFiles;
    private final List<String> warnings;

    KconfigTree(MenuNode root, SymbolTable table, List<Symbol> definedSymbols, List<Choice> choices,
                Symbol defconfigList, List<Path> files, Map<String, String> generated, List<String> warnings) {
        this.root = root;
        this.table = table;
        this.definedSymbols = List.copyOf(definedSymbols);
        this.choices = List.copyOf(choices);
        this.defconfigList = defconfigList;
        this.files = List.copyOf(new LinkedHashSet<>(files));
        Map<Path, String> g = new LinkedHashMap<>();
        generated.forEach((k, v) -> g.put(Path.of(k), v));
        this.generatedFiles = Collections.unmodifiableMap(g);
        this.warnings = List.copyOf(warnings);
    }

    /** The top menu; its prompt is the {@code mainmenu} text. */
    public MenuNode root() {
        return root;
    }

    /** The {@code mainmenu} text ("Main menu" when there is none), which heads every file conf writes. */
    public String mainMenuText() {
        return root.prompt().orElseThrow().text();
    }

    /** The defined symbols, each once, in the order of their first definition (the .config order). */
    public List<Symbol> definedSymbols() {
        return definedSymbols;
    }

    /** Every non-constant symbol, defined or only referenced, in the order kconfig created them. */
    public List<Symbol> allSymbols() {
        return Collections.unmodifiableList(table.inCreationOrder);
    }

    public List<Choice> choices() {
        return choices;
    }

    /** The symbol named {@code name}, with or without the {@code CONFIG_} prefix; only defined symbols. */
    public Optional<Symbol> symbol(String name) {
        Symbol s = table.byName.get(name);
        if ((s == null || !s.isDefined()) && name.startsWith(CONFIG_PREFIX)) {
            s = table.byName.get(name.substring(CONFIG_PREFIX.length()));
        }
        return s != null && s.isDefined() ? Optional.of(s) : Optional.empty();
    }

    /** Every Kconfig file read, each once, in the order first read (generated ones included). */
    public List<Path> files() {
        return files;
    }

    /**
     * The files Unikraft's {@code config-submenu.sh} would have written into {@code $(KCONFIG_DIR)} (the
     * parser reads them from memory), by path, with their content.
     */
    public Map<Path, String> generatedFiles() {
        return generatedFiles;
    }

    /** What kconfig would warn about while parsing, {@code file:line: warning: …}. */
    public List<String> warnings() {
        return warnings;
    }

    /** Every menu node in menu order (depth first), the root excluded. */
    public List<MenuNode> menuNodes() {
        List<MenuNode> out = new ArrayList<>();
        collect(root.list, out);
        return out;
    }

    private static void collect(MenuNode node, List<MenuNode> out) {
        for (MenuNode n = node; n != null; n = n.next) {
            out.add(n);
            collect(n.list, out);
        }
    }

    /** The constant n, the usual "nothing" expression. */
    Symbol n() {
        return table.n;
    }

    Symbol y() {
        return table.y;
    }
}
