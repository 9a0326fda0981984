package dev.uknative.kconfig;

import dev.uknative.core.Location;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one pass kconfig makes over a parsed menu tree (menu_finalize() in the C tools,
 * Kconfig._finalize_node() in Kconfiglib): dependencies are propagated from parents to children and into
 * every property, properties are copied from definition sites to symbols, selects and implies become
 * reverse dependencies, implicit submenus are formed, ifs disappear, choices get their symbols and type.
 * Then the sanity checks and the dependency-loop check.
 */
final class TreeFinalizer {

    private final SymbolTable table;
    private final List<String> warnings;

    TreeFinalizer(SymbolTable table, List<String> warnings) {
        this.table = table;
        this.warnings = warnings;
    }

    KconfigTree finish(MenuNode top, List<Symbol> definitions, List<Choice> choices, Symbol defconfigList,
                       List<Path> files, Map<String, String> generated) {
        finalizeNode(top, table.y);
        List<Symbol> defined = new ArrayList<>(new LinkedHashSet<>(definitions));
        List<Choice> unique = new ArrayList<>(new LinkedHashSet<>(choices));
        checkSymbols(defined);
        checkChoices(unique);
        new DependencyLoops(defined, unique).check();
        return new KconfigTree(top, table, defined, unique, defconfigList, files, generated, warnings);
    }

    private void finalizeNode(MenuNode node, Expr visibleIf) {
        if (node.kind == MenuNode.Kind.SYMBOL) {
            addPropertiesToSymbol(node);
            // Following nodes that depend on this symbol form an implicit submenu under it
            // (kconfig-language.rst, "Menu structure")
            MenuNode cur = node;
            while (cur.next != null && dependsOnSymbol(cur.next, node.symbol)) {
                finalizeNode(cur.next, visibleIf);
                cur = cur.next;
                cur.parent = node;
            }
            if (cur != node) {
                node.list = node.next;
                node.next = cur.next;
                cur.next = null;
            }
        } else if (node.list != null) {
            if (node.kind == MenuNode.Kind.MENU) {
                visibleIf = table.and(visibleIf, node.visibleIf);
            }
            propagateDependencies(node, visibleIf);
            for (MenuNode cur = node.list; cur != null; cur = cur.next) {
                finalizeNode(cur, visibleIf);
            }
        }
        if (node.list != null) {
            flatten(node.list);
            removeIfs(node);
        }
        if (node.kind == MenuNode.Kind.CHOICE) {
            Choice choice = node.choice;
            choice.directDependency = table.or(choice.directDependency, node.dependency);
            choice.defaults.addAll(node.defaults);
            finalizeChoice(node);
        }
    }

    private void propagateDependencies(MenuNode node, Expr visibleIf) {
        // Inside a choice, the choice itself (its mode) is the parent dependency, as in the C tools
        Expr base = node.kind == MenuNode.Kind.CHOICE ? node.choice : node.dependency;
        for (MenuNode cur = node.list; cur != null; cur = cur.next) {
            Expr dep = table.and(cur.dependency, base);
            cur.dependency = dep;
            if (cur.kind == MenuNode.Kind.SYMBOL || cur.kind == MenuNode.Kind.CHOICE) {
                if (cur.prompt != null) {
                    Prompt p = cur.prompt;
                    cur.prompt = new Prompt(p.text(), table.and(p.condition(), table.and(visibleIf, dep)), p.written(),
                            p.location());
                }
                List<Default> defaults = new ArrayList<>(cur.defaults.size());
                for (Default d : cur.defaults) {
                    defaults.add(new Default(d.value(), table.and(d.condition(), dep), d.written(), d.location()));
                }
                cur.defaults = defaults;
                List<Range> ranges = new ArrayList<>(cur.ranges.size());
                for (Range r : cur.ranges) {
                    ranges.add(new Range(r.low(), r.high(), table.and(r.condition(), dep), r.written(), r.location()));
                }
                cur.ranges = ranges;
                cur.selects = withDependency(cur.selects, dep);
                cur.implies = withDependency(cur.implies, dep);
            } else if (cur.prompt != null) {
                // 'visible if' applies only to symbols and choices
                Prompt p = cur.prompt;
                cur.prompt = new Prompt(p.text(), table.and(p.condition(), dep), p.written(), p.location());
            }
        }
    }

    private List<Reverse> withDependency(List<Reverse> list, Expr dep) {
        List<Reverse> out = new ArrayList<>(list.size());
        for (Reverse r : list) {
            out.add(new Reverse(r.symbol(), table.and(r.condition(), dep), r.written(), r.location()));
        }
        return out;
    }

    private void addPropertiesToSymbol(MenuNode node) {
        Symbol sym = node.symbol;
        sym.directDependency = table.or(sym.directDependency, node.dependency);
        sym.defaults.addAll(node.defaults);
        sym.ranges.addAll(node.ranges);
        sym.selects.addAll(node.selects);
        sym.implies.addAll(node.implies);
        for (Reverse select : node.selects) {
            Symbol target = select.symbol();
            target.reverseDependency = table.or(target.reverseDependency, table.and(sym, select.condition()));
            target.selectedBy.add(new Reverse(sym, select.condition(), select.written(), select.location()));
        }
        for (Reverse imply : node.implies) {
            Symbol target = imply.symbol();
            target.weakReverseDependency = table.or(target.weakReverseDependency, table.and(sym, imply.condition()));
            target.impliedBy.add(new Reverse(sym, imply.condition(), imply.written(), imply.location()));
        }
    }

    /** Whether {@code node} depends on {@code sym} the way that makes it part of sym's implicit submenu. */
    private boolean dependsOnSymbol(MenuNode node, Symbol sym) {
        return dependsOn(node.prompt != null ? node.prompt.condition() : node.dependency, sym);
    }

    /**
     * expr_depends_symbol() of mconf.c, as Kconfiglib writes it: SYM, SYM=y, SYM=m, SYM!=n (either side),
     * or any of these ANDed with something else.
     */
    private boolean dependsOn(Expr expr, Symbol sym) {
        if (expr instanceof Expr.Compare c
                && (c.relation() == Expr.Relation.EQUAL || c.relation() == Expr.Relation.UNEQUAL)) {
            Symbol left = c.left();
            Symbol right = c.right();
            if (right == sym) {
                right = left;
                left = sym;
            } else if (left != sym) {
                return false;
            }
            return c.relation() == Expr.Relation.EQUAL && right == table.m || right == table.y
                    || c.relation() == Expr.Relation.UNEQUAL && right == table.n;
        }
        if (expr instanceof Expr.And a) {
            return dependsOn(a.left(), sym) || dependsOn(a.right(), sym);
        }
        return expr == sym;
    }

    /** Moves the children of prompt-less nodes (ifs, invisible implicit menus) up to their level. */
    private static void flatten(MenuNode node) {
        while (node != null) {
            if (node.list != null && node.prompt == null && node.kind != MenuNode.Kind.CHOICE) {
                MenuNode last = node.list;
                while (true) {
                    last.parent = node.parent;
                    if (last.next == null) {
                        break;
                    }
                    last = last.next;
                }
                last.next = node.next;
                node.next = node.list;
                node.list = null;
            }
            node = node.next;
        }
    }

    private static void removeIfs(MenuNode node) {
        MenuNode cur = node.list;
        while (cur != null && cur.kind == MenuNode.Kind.IF) {
            cur = cur.next;
        }
        node.list = cur;
        while (cur != null) {
            MenuNode next = cur.next;
            while (next != null && next.kind == MenuNode.Kind.IF) {
                next = next.next;
            }
            cur.next = next;
            cur = next;
        }
    }

    private static void finalizeChoice(MenuNode node) {
        Choice choice = node.choice;
        for (MenuNode cur = node.list; cur != null; cur = cur.next) {
            if (cur.kind == MenuNode.Kind.SYMBOL) {
                cur.symbol.choice = choice;
                choice.symbols.add(cur.symbol);
            }
        }
        if (choice.type == SymbolType.UNKNOWN) {
            for (Symbol s : choice.symbols) {
                if (s.type != SymbolType.UNKNOWN) {
                    choice.type = s.type;
                    break;
                }
            }
        }
        for (Symbol s : choice.symbols) {
            if (s.type == SymbolType.UNKNOWN) {
                s.type = choice.type;
            }
        }
    }

    // --- Sanity checks (Kconfiglib's _check_sym_sanity and _check_choice_sanity)

    private void checkSymbols(List<Symbol> defined) {
        for (Symbol sym : defined) {
            if (sym.type.isBoolOrTristate()) {
                for (Reverse r : sym.selects) {
                    if (r.symbol().type != SymbolType.UNKNOWN && !r.symbol().type.isBoolOrTristate()) {
                        warn(nameAndLocation(sym) + " selects the " + r.symbol().type.keyword() + " symbol "
                                + nameAndLocation(r.symbol()) + ", which is not bool or tristate");
                    }
                }
                for (Reverse r : sym.implies) {
                    if (r.symbol().type != SymbolType.UNKNOWN && !r.symbol().type.isBoolOrTristate()) {
                        warn(nameAndLocation(sym) + " implies the " + r.symbol().type.keyword() + " symbol "
                                + nameAndLocation(r.symbol()) + ", which is not bool or tristate");
                    }
                }
            } else if (sym.type != SymbolType.UNKNOWN) {
                for (Default d : sym.defaults) {
                    if (!(d.value() instanceof Symbol value)) {
                        throw KconfigException.invalid(d.location(), "the " + sym.type.keyword() + " symbol " + sym.name()
                                + " has a malformed default " + d.value().render() + " -- expected a single symbol", null);
                    }
                    if (sym.type.isNumber() && !numberOk(value, sym.type)) {
                        warn("the " + sym.type.keyword() + " symbol " + nameAndLocation(sym) + " has a non-"
                                + sym.type.keyword() + " default " + nameAndLocation(value));
                    }
                }
                if (!sym.selects.isEmpty() || !sym.implies.isEmpty()) {
                    warn("the " + sym.type.keyword() + " symbol " + nameAndLocation(sym) + " has selects or implies");
                }
            } else {
                warn(nameAndLocation(sym) + " defined without a type");
            }
            if (!sym.ranges.isEmpty()) {
                if (!sym.type.isNumber()) {
                    warn("the " + sym.type.keyword() + " symbol " + nameAndLocation(sym) + " has ranges, but is not int or hex");
                } else {
                    for (Range r : sym.ranges) {
                        if (!numberOk(r.low(), sym.type) || !numberOk(r.high(), sym.type)) {
                            warn("the " + sym.type.keyword() + " symbol " + nameAndLocation(sym) + " has a non-"
                                    + sym.type.keyword() + " range [" + nameAndLocation(r.low()) + ", "
                                    + nameAndLocation(r.high()) + "]");
                        }
                    }
                }
            }
        }
    }

    private static boolean numberOk(Symbol value, SymbolType type) {
        if (value.nodes.isEmpty()) {
            return CNumbers.parsesAs(value.name(), type == SymbolType.HEX ? 16 : 10);
        }
        return value.type == type;
    }

    private void checkChoices(List<Choice> choices) {
        for (Choice choice : choices) {
            if (!choice.type.isBoolOrTristate()) {
                warn(choice.reference() + " " + locations(choice.nodes) + " defined with type " + choice.type.keyword());
            }
            if (choice.nodes.stream().noneMatch(n -> n.prompt != null)) {
                warn(choice.reference() + " " + locations(choice.nodes) + " defined without a prompt");
            }
            for (Default d : choice.defaults) {
                if (!(d.value() instanceof Symbol value)) {
                    throw KconfigException.invalid(d.location(), choice.reference() + " has a malformed default "
                            + d.value().render(), null);
                }
                if (value.choice != choice) {
                    warn("the default selection " + nameAndLocation(value) + " of " + choice.reference()
                            + " is not contained in the choice");
                }
            }
            for (Symbol sym : choice.symbols) {
                if (!sym.defaults.isEmpty()) {
                    warn("default on the choice symbol " + nameAndLocation(sym)
                            + " will have no effect, as defaults do not affect choice symbols");
                }
                if (sym.reverseDependency != table.n) {
                    warn("the choice symbol " + nameAndLocation(sym)
                            + " is selected, but select/imply has no effect on choice symbols");
                }
                if (sym.weakReverseDependency != table.n) {
                    warn("the choice symbol " + nameAndLocation(sym)
                            + " is implied, but select/imply has no effect on choice symbols");
                }
            }
        }
    }

    private void warn(String message) {
        warnings.add("warning: " + message);
    }

    static String nameAndLocation(Symbol sym) {
        if (sym.isConstant()) {
            return sym.reference();
        }
        return sym.name() + " " + (sym.nodes.isEmpty() ? "(undefined)" : locations(sym.nodes));
    }

    private static String locations(List<MenuNode> nodes) {
        List<String> sites = new ArrayList<>();
        for (MenuNode n : nodes) {
            sites.add(n.location.toString());
        }
        return "(defined at " + String.join(", ", sites) + ")";
    }

    /**
     * Rejects dependency loops, which kconfig cannot evaluate (Kconfiglib's _check_dep_loop_sym): a
     * depth-first search over "X's value may change Y's" edges.
     */
    private static final class DependencyLoops {
        private final Map<Object, Set<Object>> dependents = new IdentityHashMap<>();
        private final Map<Object, Integer> visited = new IdentityHashMap<>();
        private final List<Symbol> symbols;
        private final List<Choice> choices;

        DependencyLoops(List<Symbol> symbols, List<Choice> choices) {
            this.symbols = symbols;
            this.choices = choices;
            for (Symbol sym : symbols) {
                for (MenuNode node : sym.nodes) {
                    if (node.prompt != null) {
                        dependOn(sym, node.prompt.condition());
                    }
                }
                for (Default d : sym.defaults) {
                    dependOn(sym, d.value());
                    dependOn(sym, d.condition());
                }
                dependOn(sym, sym.reverseDependency);
                dependOn(sym, sym.weakReverseDependency);
                for (Range r : sym.ranges) {
                    dependOn(sym, r.low());
                    dependOn(sym, r.high());
                    dependOn(sym, r.condition());
                }
                dependOn(sym, sym.directDependency);
            }
            for (Choice choice : choices) {
                for (MenuNode node : choice.nodes) {
                    if (node.prompt != null) {
                        dependOn(choice, node.prompt.condition());
                    }
                }
                for (Default d : choice.defaults) {
                    dependOn(choice, d.condition());
                }
            }
        }

        private void dependOn(Object item, Expr expr) {
            for (Object used : expr.referencedItems()) {
                dependents.computeIfAbsent(used, k -> new LinkedHashSet<>()).add(item);
            }
        }

        void check() {
            for (Symbol sym : symbols) {
                List<Object> loop = checkSymbol(sym, false);
                if (loop != null) {
                    throw loopError(loop);
                }
            }
        }

        private List<Object> checkSymbol(Symbol sym, boolean ignoreChoice) {
            int state = visited.getOrDefault(sym, 0);
            if (state == 2) {
                return null;
            }
            if (state == 1) {
                List<Object> loop = new ArrayList<>();
                loop.add(sym);
                return loop;
            }
            visited.put(sym, 1);
            for (Object dep : dependents.getOrDefault(sym, Set.of())) {
                List<Object> loop = dep instanceof Choice c ? checkChoice(c, null) : checkSymbol((Symbol) dep, false);
                if (loop != null) {
                    return found(loop, sym);
                }
            }
            if (sym.choice != null && !ignoreChoice) {
                List<Object> loop = checkChoice(sym.choice, sym);
                if (loop != null) {
                    return found(loop, sym);
                }
            }
            visited.put(sym, 2);
            return null;
        }

        private List<Object> checkChoice(Choice choice, Symbol skip) {
            int state = visited.getOrDefault(choice, 0);
            if (state == 2) {
                return null;
            }
            if (state == 1) {
                List<Object> loop = new ArrayList<>();
                loop.add(choice);
                return loop;
            }
            visited.put(choice, 1);
            for (Symbol sym : choice.symbols) {
                if (sym != skip) {
                    List<Object> loop = checkSymbol(sym, true);
                    if (loop != null) {
                        return found(loop, choice);
                    }
                }
            }
            visited.put(choice, 2);
            return null;
        }

        /** Called on the way back; null once the loop is complete and thrown. */
        private List<Object> found(List<Object> loop, Object current) {
            if (loop.get(0) != current) {
                loop.add(current);
                return loop;
            }
            throw loopError(loop);
        }

        private static KconfigException loopError(List<Object> loop) {
            // Each entry depends on the next one; the last depends on the first again
            StringBuilder b = new StringBuilder("dependency loop: ");
            Location where = null;
            for (Object item : loop) {
                List<MenuNode> nodes = item instanceof Symbol s ? s.nodes : ((Choice) item).nodes;
                if (where == null && !nodes.isEmpty()) {
                    where = nodes.get(0).location;
                }
                b.append(item instanceof Symbol s ? s.name() : item.toString()).append(' ').append(locations(nodes));
                b.append(" depends on ");
            }
            Object first = loop.get(0);
            b.append(first instanceof Symbol s ? s.name() : first.toString());
            return KconfigException.invalid(where, b.toString(), "kconfig cannot evaluate a symbol whose value depends"
                    + " on itself (through depends on, select, default or a choice); break the loop in the Kconfig files");
        }
    }
}
