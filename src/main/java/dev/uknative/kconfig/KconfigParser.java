package dev.uknative.kconfig;

import dev.uknative.core.Location;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads a Kconfig tree the way kconfig does (kconfig-language.rst; Kconfiglib 14 is the reference for
 * every detail): config, menuconfig, choice, if, menu, comment, mainmenu, source/rsource/osource with
 * macro expansion, every property, help texts. Then it finalizes the tree once: dependencies of menus,
 * ifs and {@code depends on} are ANDed into every property, selects and implies become reverse
 * dependencies, implicit submenus are formed and dependency loops are rejected.
 *
 * <p>Where kconfig reads the environment, the parser reads {@code variables}; the Unikraft Makefile's
 * set comes from {@link UnikraftKconfigVariables#variables()}. {@code $(shell,…)} is emulated for the
 * commands Unikraft uses and is an error otherwise. Nothing is printed, written or run; warnings are in
 * {@link KconfigTree#warnings()}.
 */
public final class KconfigParser implements ParseContext {

    /**
     * Parses {@code rootKconfig} and everything it sources.
     *
     * @param variables the values of {@code $(NAME)} (kconfig's environment); a relative {@code source}
     *                  is resolved against {@code srctree} when given, else against the root's folder
     * @throws KconfigException on a syntax error, a missing sourced file, an unsupported construct
     *                          (tristate symbols, unknown shell commands) or a dependency loop
     */
    public static KconfigTree parse(Path rootKconfig, Map<String, String> variables) {
        Objects.requireNonNull(rootKconfig, "rootKconfig");
        return new KconfigParser(rootKconfig, Map.copyOf(variables)).run();
    }

    /** Far beyond real trees (Unikraft 0.17.0 nests blocks and sourced files a few levels, expressions less). */
    private static final int MAX_BLOCK_DEPTH = 100;
    private static final int MAX_EXPRESSION_DEPTH = 256;
    private static final int MAX_ECHO = 200;

    private record Frame(LineReader reader, String filename, int line, List<String> includePath) {
    }

    private final Path root;
    private final Path base;
    private final SymbolTable table = new SymbolTable();
    private final Preprocessor preprocessor;
    private final Tokenizer tokenizer;
    private final SourceFiles sources;
    private final List<String> warnings = new ArrayList<>();
    private final Map<String, String> generated = new LinkedHashMap<>();
    private final List<Path> files = new ArrayList<>();
    private final List<Symbol> definitions = new ArrayList<>();
    private final List<Choice> choices = new ArrayList<>();
    private final Map<String, Choice> namedChoices = new HashMap<>();
    private final MenuNode top;
    private final Deque<Frame> stack = new ArrayDeque<>();
    private Symbol defconfigList;

    private LineReader reader;
    private String filename;
    private int lineNumber;
    private List<String> includePath = List.of();
    private String line = "";
    private Object[] tokens;
    private int tokenIndex;
    private boolean reuseTokens;
    private int blockDepth;
    private int expressionDepth;

    private KconfigParser(Path root, Map<String, String> variables) {
        this.root = root;
        String srctree = variables.get("srctree");
        Path parent = root.toAbsolutePath().getParent();
        this.base = srctree != null && !srctree.isEmpty() ? Path.of(srctree) : parent;
        this.preprocessor = new Preprocessor(variables, this, new ShellEmulation(this));
        this.tokenizer = new Tokenizer(table, preprocessor, this);
        this.sources = new SourceFiles(base, generated, this);
        this.filename = root.toString();
        this.top = new MenuNode(MenuNode.Kind.MENU, null, null, Location.of(root, 1));
        top.menuconfig = true;
        top.visibleIf = table.y;
        top.prompt = new Prompt("Main menu", table.y, table.y, top.location);
        top.dependency = table.y;
    }

    private KconfigTree run() {
        files.add(root);
        reader = open(root.toString(), null);
        MenuNode last = parseBlock(null, top, top);
        last.next = null;
        top.list = top.next;
        top.next = null;
        return new TreeFinalizer(table, warnings).finish(top, definitions, choices, defconfigList, files, generated);
    }

    // --- ParseContext

    @Override
    public Location location() {
        return Location.of(Path.of(filename), lineNumber);
    }

    @Override
    public KconfigException error(String message) {
        return KconfigException.invalid(location(), "couldn't parse '" + echo() + "': " + message, null);
    }

    @Override
    public KconfigException unsupported(String message, String hint) {
        return KconfigException.invalid(location(), message + " (in '" + echo() + "')", hint);
    }

    /** The current line for an error message, cut short: the location already says where it is. */
    private String echo() {
        String text = Lexer.strip(line);
        return text.length() <= MAX_ECHO ? text : text.substring(0, MAX_ECHO) + "…";
    }

    @Override
    public void warn(String message) {
        warnings.add(location() + ": warning: " + message);
    }

    @Override
    public void generatedFile(String path, String content) {
        generated.put(path, content);
    }

    // --- Files

    private LineReader open(String name, Location from) {
        String content = generated.get(name);
        if (content != null) {
            return new LineReader(content);
        }
        Path path = Path.of(name);
        try {
            byte[] bytes = Files.readAllBytes(path);
            return new LineReader(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            throw KconfigException.invalid(Location.of(path), "not UTF-8 text", null);
        } catch (NoSuchFileException e) {
            throw KconfigException.unreadable(from == null ? Location.of(path) : from, "Kconfig file " + path
                    + " does not exist", "check the Unikraft tree path", e);
        } catch (IOException e) {
            throw KconfigException.unreadable(from == null ? Location.of(path) : from, "cannot read Kconfig file "
                    + path + ": " + e.getMessage(), null, e);
        }
    }

    private void enterFile(String name) {
        Location from = location();
        List<String> path = new ArrayList<>(includePath);
        path.add(filename + ":" + lineNumber);
        for (String entry : path) {
            if (entry.substring(0, entry.lastIndexOf(':')).equals(name)) {
                throw KconfigException.invalid(from, "recursive 'source' of '" + name + "' detected; include path:\n"
                        + String.join("\n", path), "check that the variables are set correctly");
            }
        }
        stack.push(new Frame(reader, filename, lineNumber, includePath));
        reader = open(name, from);
        includePath = List.copyOf(path);
        filename = name;
        lineNumber = 0;
        files.add(Path.of(name));
    }

    private void leaveFile() {
        Frame frame = stack.pop();
        reader = frame.reader();
        filename = frame.filename();
        lineNumber = frame.line();
        includePath = frame.includePath();
    }

    // --- Lines and tokens

    private boolean nextLine() {
        if (reuseTokens) {
            reuseTokens = false;
            return true;
        }
        String l = reader.readLine();
        if (l.isEmpty()) {
            return false;
        }
        lineNumber++;
        while (l.endsWith("\\\n")) {
            l = l.substring(0, l.length() - 2) + reader.readLine();
            lineNumber++;
        }
        line = l;
        tokens = tokenizer.tokenize(l);
        tokenIndex = 1;
        return true;
    }

    private void lineAfterHelp(String l) {
        while (l.endsWith("\\\n")) {
            l = l.substring(0, l.length() - 2) + reader.readLine();
            lineNumber++;
        }
        line = l;
        tokens = tokenizer.tokenize(l);
        reuseTokens = true;
    }

    private Object token() {
        return tokens[tokenIndex];
    }

    private boolean check(Keyword keyword) {
        if (tokens[tokenIndex] == keyword) {
            tokenIndex++;
            return true;
        }
        return false;
    }

    private Symbol expectSymbol() {
        Object t = tokens[tokenIndex++];
        if (!(t instanceof Symbol s)) {
            throw error("expected symbol");
        }
        return s;
    }

    private Symbol expectNonConstantSymbol() {
        Object t = tokens[1];
        tokenIndex = 2;
        if (!(t instanceof Symbol s) || s.isConstant()) {
            throw error("expected nonconstant symbol");
        }
        return s;
    }

    private String expectStringAndEnd() {
        Object t = tokens[tokenIndex++];
        if (!(t instanceof String s)) {
            throw error("expected string");
        }
        expectEnd();
        return s;
    }

    private void expectEnd() {
        if (tokens[tokenIndex] != null) {
            throw error("extra tokens at end of line");
        }
    }

    private Expr expectExpressionAndEnd() {
        Expr e = expression(true);
        expectEnd();
        return e;
    }

    /** An optional {@code if EXPR}, then the end of the line. */
    private Expr condition() {
        Expr e = check(Keyword.IF) ? expression(true) : table.y;
        expectEnd();
        return e;
    }

    // --- Expressions: expr := and ['||' expr]; and := factor ['&&' and]; factor := sym [rel sym] | '!' factor | '(' expr ')'

    private Expr expression(boolean transformM) {
        Expr and = andExpression(transformM);
        if (!check(Keyword.OR)) {
            return and;
        }
        try {
            deeper();
            return new Expr.Or(and, expression(transformM));
        } finally {
            expressionDepth--;
        }
    }

    private Expr andExpression(boolean transformM) {
        Expr factor = factor(transformM);
        if (!check(Keyword.AND)) {
            return factor;
        }
        try {
            deeper();
            return new Expr.And(factor, andExpression(transformM));
        } finally {
            expressionDepth--;
        }
    }

    /**
     * One more level of parentheses, negation or operand chain. Parsing, and every later walk of the
     * expression tree, recurses once per level: a bound keeps a hostile file from overflowing the stack.
     */
    private void deeper() {
        if (++expressionDepth > MAX_EXPRESSION_DEPTH) {
            throw error("expression nested too deeply (more than " + MAX_EXPRESSION_DEPTH + " levels of (), !, && and ||)");
        }
    }

    private Expr factor(boolean transformM) {
        Object t = tokens[tokenIndex++];
        if (t instanceof Symbol s) {
            Object next = tokens[tokenIndex];
            if (!(next instanceof Keyword k && Keyword.RELATIONS.contains(k))) {
                if (transformM && s == table.m) {
                    return new Expr.And(table.m, table.modules);
                }
                return s;
            }
            tokenIndex++;
            return new Expr.Compare(((Keyword) next).relation(), s, expectSymbol());
        }
        if (t == Keyword.NOT) {
            try {
                deeper();
                return new Expr.Not(factor(transformM));
            } finally {
                expressionDepth--;
            }
        }
        if (t == Keyword.OPEN_PAREN) {
            try {
                deeper();
                Expr e = expression(transformM);
                if (check(Keyword.CLOSE_PAREN)) {
                    return e;
                }
            } finally {
                expressionDepth--;
            }
        }
        throw error("malformed expression");
    }

    // --- Blocks

    /** Each if, menu, choice and sourced file is parsed (and later finalized) one recursion deeper. */
    private MenuNode parseBlock(Keyword endToken, MenuNode parent, MenuNode prev) {
        try {
            if (++blockDepth > MAX_BLOCK_DEPTH) {
                throw error("if, menu, choice and source nested too deeply (more than " + MAX_BLOCK_DEPTH + " levels)");
            }
            return parseBlockLines(endToken, parent, prev);
        } finally {
            blockDepth--;
        }
    }

    private MenuNode parseBlockLines(Keyword endToken, MenuNode parent, MenuNode prev) {
        while (nextLine()) {
            Object t0 = tokens[0];
            if (t0 == Keyword.CONFIG || t0 == Keyword.MENUCONFIG) {
                if (!(tokens[1] instanceof Symbol sym) || sym.isConstant()) {
                    throw error("missing or bad symbol name");
                }
                if (tokens[2] != null) {
                    throw error("extra tokens at end of line");
                }
                definitions.add(sym);
                MenuNode node = new MenuNode(MenuNode.Kind.SYMBOL, sym, null, location());
                node.menuconfig = t0 == Keyword.MENUCONFIG;
                node.parent = parent;
                sym.nodes.add(node);
                parseProperties(node);
                if (node.menuconfig && node.prompt == null) {
                    warnings.add(node.location + ": warning: the menuconfig symbol " + sym.name() + " has no prompt");
                }
                prev.next = node;
                prev = node;
            } else if (t0 == null) {
                continue;
            } else if (t0 instanceof Keyword k && Keyword.SOURCES.contains(k)) {
                String pattern = expectStringAndEnd();
                if (k == Keyword.RSOURCE || k == Keyword.ORSOURCE) {
                    Path dir = Path.of(filename).getParent();
                    pattern = dir == null ? pattern : dir.resolve(pattern).toString();
                }
                for (String file : sources.resolve(pattern, k == Keyword.OSOURCE || k == Keyword.ORSOURCE, line)) {
                    enterFile(file);
                    prev = parseBlock(null, parent, prev);
                    leaveFile();
                }
            } else if (t0 == endToken) {
                if (tokens[1] != null) {
                    throw error("extra tokens at end of line");
                }
                prev.next = null;
                return prev;
            } else if (t0 == Keyword.IF) {
                MenuNode node = new MenuNode(MenuNode.Kind.IF, null, null, location());
                node.parent = parent;
                node.dependency = expectExpressionAndEnd();
                parseBlock(Keyword.ENDIF, node, node);
                node.list = node.next;
                prev.next = node;
                prev = node;
            } else if (t0 == Keyword.MENU) {
                MenuNode node = new MenuNode(MenuNode.Kind.MENU, null, null, location());
                node.menuconfig = true;
                node.prompt = new Prompt(expectStringAndEnd(), table.y, table.y, node.location);
                node.visibleIf = table.y;
                node.parent = parent;
                parseProperties(node);
                parseBlock(Keyword.ENDMENU, node, node);
                node.list = node.next;
                prev.next = node;
                prev = node;
            } else if (t0 == Keyword.COMMENT) {
                MenuNode node = new MenuNode(MenuNode.Kind.COMMENT, null, null, location());
                node.prompt = new Prompt(expectStringAndEnd(), table.y, table.y, node.location);
                node.parent = parent;
                parseProperties(node);
                prev.next = node;
                prev = node;
            } else if (t0 == Keyword.CHOICE) {
                Choice choice;
                if (tokens[1] == null) {
                    choice = new Choice(null, choices.size());
                    choice.directDependency = table.n;
                } else {
                    String name = expectStringAndEnd();
                    choice = namedChoices.get(name);
                    if (choice == null) {
                        choice = new Choice(name, choices.size());
                        choice.directDependency = table.n;
                        namedChoices.put(name, choice);
                    }
                }
                choices.add(choice);
                MenuNode node = new MenuNode(MenuNode.Kind.CHOICE, null, choice, location());
                node.menuconfig = true;
                node.parent = parent;
                choice.nodes.add(node);
                parseProperties(node);
                parseBlock(Keyword.ENDCHOICE, node, node);
                node.list = node.next;
                prev.next = node;
                prev = node;
            } else if (t0 == Keyword.MAINMENU) {
                top.prompt = new Prompt(expectStringAndEnd(), table.y, table.y, location());
            } else {
                throw error(t0 == Keyword.ENDCHOICE ? "no corresponding 'choice'"
                        : t0 == Keyword.ENDIF ? "no corresponding 'if'"
                        : t0 == Keyword.ENDMENU ? "no corresponding 'menu'"
                        : "unrecognized construct");
            }
        }
        if (endToken != null) {
            String expected = endToken == Keyword.ENDCHOICE ? "endchoice" : endToken == Keyword.ENDIF ? "endif" : "endmenu";
            throw KconfigException.invalid(location(), "expected '" + expected + "' at end of '" + filename + "'",
                    "every choice, if and menu must end in the file it starts in");
        }
        return prev;
    }

    private void parseProperties(MenuNode node) {
        node.dependency = table.y;
        while (nextLine()) {
            Object t0 = tokens[0];
            if (t0 instanceof Keyword k && Keyword.TYPES.contains(k)) {
                setType(node, k.type());
                if (tokens[1] != null) {
                    prompt(node);
                }
            } else if (t0 == Keyword.DEPENDS) {
                if (!check(Keyword.ON)) {
                    throw error("expected 'on' after 'depends'");
                }
                node.dependency = table.and(node.dependency, expectExpressionAndEnd());
            } else if (t0 == Keyword.HELP) {
                help(node);
            } else if (t0 == Keyword.SELECT || t0 == Keyword.IMPLY) {
                if (node.kind != MenuNode.Kind.SYMBOL) {
                    throw error(t0 == Keyword.SELECT ? "only symbols can select" : "only symbols can imply");
                }
                Location where = location();
                Symbol target = expectNonConstantSymbol();
                Expr cond = condition();
                (t0 == Keyword.SELECT ? node.selects : node.implies).add(new Reverse(target, cond, cond, where));
            } else if (t0 == null) {
                continue;
            } else if (t0 == Keyword.DEFAULT) {
                Location where = location();
                Expr value = expression(false);
                Expr cond = condition();
                node.defaults.add(new Default(value, cond, cond, where));
            } else if (t0 == Keyword.DEF_BOOL || t0 == Keyword.DEF_TRISTATE || t0 == Keyword.DEF_INT
                    || t0 == Keyword.DEF_HEX || t0 == Keyword.DEF_STRING) {
                setType(node, ((Keyword) t0).type());
                Location where = location();
                Expr value = expression(false);
                Expr cond = condition();
                node.defaults.add(new Default(value, cond, cond, where));
            } else if (t0 == Keyword.PROMPT) {
                prompt(node);
            } else if (t0 == Keyword.RANGE) {
                Location where = location();
                Symbol low = expectSymbol();
                Symbol high = expectSymbol();
                Expr cond = condition();
                node.ranges.add(new Range(low, high, cond, cond, where));
            } else if (t0 == Keyword.VISIBLE) {
                if (!check(Keyword.IF)) {
                    throw error("expected 'if' after 'visible'");
                }
                if (node.kind != MenuNode.Kind.MENU) {
                    throw error("'visible if' is only valid for menus");
                }
                node.visibleIf = table.and(node.visibleIf, expectExpressionAndEnd());
            } else if (t0 == Keyword.OPTION) {
                option(node);
            } else if (t0 == Keyword.OPTIONAL) {
                if (node.kind != MenuNode.Kind.CHOICE) {
                    throw error("\"optional\" is only valid for choices");
                }
                node.choice.optional = true;
            } else {
                reuseTokens = true;
                return;
            }
        }
    }

    private void option(MenuNode node) {
        if (check(Keyword.ENV)) {
            if (!check(Keyword.EQUAL)) {
                throw error("expected '=' after 'env'");
            }
            String variable = expectStringAndEnd();
            if (node.kind != MenuNode.Kind.SYMBOL) {
                throw error("'option env' is only valid for symbols");
            }
            // kconfig takes the value from the environment and never writes such a symbol out
            node.symbol.noWrite = true;
            String value = environmentValue(variable);
            if (value != null) {
                node.defaults.add(new Default(table.constant(value), table.y, table.y, location()));
            } else {
                warn(node.symbol.name() + " has 'option env=\"" + variable + "\"', but " + variable + " is not set");
            }
        } else if (check(Keyword.DEFCONFIG_LIST)) {
            if (node.kind == MenuNode.Kind.SYMBOL) {
                if (defconfigList == null) {
                    defconfigList = node.symbol;
                    node.symbol.noWrite = true;
                } else {
                    warn("'option defconfig_list' set on multiple symbols; only " + defconfigList.name() + " is used");
                }
            }
        } else if (check(Keyword.MODULES)) {
            if (node.symbol != table.modules) {
                warn("the 'modules' option is not supported");
            }
        } else if (check(Keyword.ALLNOCONFIG_Y)) {
            if (node.kind != MenuNode.Kind.SYMBOL) {
                throw error("the 'allnoconfig_y' option is only valid for symbols");
            }
            node.symbol.allNoConfigY = true;
        } else {
            throw error("unrecognized option");
        }
    }

    private String environmentValue(String name) {
        return preprocessor.environment(name);
    }

    private void setType(MenuNode node, SymbolType type) {
        if (type == SymbolType.TRISTATE) {
            throw unsupported("tristate symbols are not supported",
                    "Unikraft has no loadable modules, and uknative supports only bool, int, hex and string");
        }
        SymbolType previous;
        if (node.kind == MenuNode.Kind.SYMBOL) {
            previous = node.symbol.type;
            node.symbol.type = type;
        } else if (node.kind == MenuNode.Kind.CHOICE) {
            previous = node.choice.type;
            node.choice.type = type;
        } else {
            throw error("only symbols and choices have a type");
        }
        if (previous != SymbolType.UNKNOWN && previous != type) {
            warn(describe(node) + " defined with multiple types, " + type.keyword() + " will be used");
        }
    }

    private void prompt(MenuNode node) {
        if (node.prompt != null) {
            warn(describe(node) + " defined with multiple prompts in single location");
        }
        Object t = tokens[1];
        tokenIndex = 2;
        if (!(t instanceof String text)) {
            throw error("expected prompt string");
        }
        if (!text.equals(Lexer.strip(text))) {
            warn(describe(node) + " has leading or trailing whitespace in its prompt");
            text = Lexer.strip(text);
        }
        Location where = location();
        Expr cond = condition();
        node.prompt = new Prompt(text, cond, cond, where);
    }

    private static String describe(MenuNode node) {
        return node.kind == MenuNode.Kind.SYMBOL ? node.symbol.name()
                : node.kind == MenuNode.Kind.CHOICE ? node.choice.reference() : node.kind.name().toLowerCase();
    }

    /**
     * The help text: from the first non-blank line to the first non-blank line indented less, with the
     * first line's indentation removed (tabs count to the next multiple of 8) and trailing blank lines
     * dropped.
     */
    private void help(MenuNode node) {
        if (node.help != null) {
            warn(describe(node) + " defined with more than one help text -- only the last one will be used");
        }
        String l;
        while (true) {
            l = reader.readLine();
            lineNumber++;
            if (l.isEmpty()) {
                emptyHelp(node, l);
                return;
            }
            if (!Lexer.isBlank(l)) {
                break;
            }
        }
        String expanded = Lexer.expandTabs(l);
        int indent = indentation(expanded);
        if (indent == 0) {
            emptyHelp(node, l);
            return;
        }
        StringBuilder text = new StringBuilder(expanded.substring(indent));
        int count = 1;
        while (true) {
            l = reader.readLine();
            if (Lexer.isBlank(l)) {
                text.append('\n');
                count++;
            } else if (l.isEmpty()) {
                break;
            } else {
                expanded = Lexer.expandTabs(l);
                if (indentation(expanded) < indent) {
                    break;
                }
                text.append(expanded.substring(indent));
                count++;
            }
        }
        lineNumber += count;
        node.help = stripTrailing(text.toString());
        if (!l.isEmpty()) {
            lineAfterHelp(l);
        }
    }

    private void emptyHelp(MenuNode node, String l) {
        warn(describe(node) + " has 'help' but empty help text");
        node.help = "";
        if (!l.isEmpty()) {
            lineAfterHelp(l);
        }
    }

    private static int indentation(String s) {
        int i = 0;
        while (i < s.length() && Lexer.isSpace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static String stripTrailing(String s) {
        int end = s.length();
        while (end > 0 && Lexer.isSpace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end);
    }
}
