package dev.uknative.menu;

import dev.uknative.core.KconfigText;
import dev.uknative.kconfig.MenuNode;
import dev.uknative.kconfig.SolvedConfig;
import dev.uknative.kconfig.Symbol;
import dev.uknative.kconfig.SymbolStatus;
import dev.uknative.kconfig.SymbolType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The menu's state machine: which menu is open and where the cursor is, the mode (browsing, typing a
 * value, typing a search, search results, a help pane), the status line; keys change it, and
 * {@link #render()} draws it for a screen of the size last given to {@link #resize}. No terminal is
 * involved, so all of it is tested with plain key sequences; the terminal layer only decodes keys and
 * draws lines. Changes go through a {@link ConfigChanger}, which checks them with the engine; after
 * each one the menu shows the configuration it returns, so consequences are visible at once.
 *
 * <p>Keys, as in menuconfig: Up/Down (or k/j), PgUp/PgDn, Home/End move; Enter or Right (l) opens a
 * menu, choice or menuconfig symbol; Enter toggles a bool, selects a choice entry or edits a value;
 * Space toggles (or edits); y/n set a bool; Left (h), Escape or Backspace go up; / searches by name or
 * prompt; ? shows the help and why the symbol has its value; q quits (and closes a help pane or the
 * search results); Ctrl-C quits from anywhere. One instance serves one terminal, from one thread.
 */
public final class MenuSession {

    /** How many lines a status message may take at most. */
    private static final int MAX_STATUS_LINES = 5;
    private static final int HEADER_LINES = 2;

    private enum Mode { BROWSE, EDIT, SEARCH, RESULTS, HELP }

    /** An open menu, and where the cursor is in it. */
    private static final class Frame {
        final MenuNode menu;
        int cursor;
        int top;

        Frame(MenuNode menu) {
            this.menu = menu;
        }
    }

    private record Status(String text, boolean error) {
    }

    /** One search result: the symbol, and the node to jump to if one is shown. */
    private record Hit(SymbolStatus status, Symbol symbol) {
    }

    private final ConfigChanger changer;
    private final Deque<Frame> frames = new ArrayDeque<>();
    private SolvedConfig config;
    private MenuRows menuRows;
    private List<MenuRow> rows;
    private Mode mode = Mode.BROWSE;
    private Optional<Status> status = Optional.empty();
    private int width = 80;
    private int height = 24;
    private boolean finished;

    // EDIT and SEARCH: the line being typed, and for EDIT the symbol it is for.
    private LineInput input;
    private String inputPrompt;
    private Symbol editing;

    // RESULTS
    private String searched = "";
    private List<Hit> hits = List.of();
    private int hitCursor;
    private int hitTop;

    // HELP: the text, its scroll position, and the mode to return to.
    private String helpTitle = "";
    private List<String> help = List.of();
    private int helpTop;
    private Mode helpReturn = Mode.BROWSE;

    public MenuSession(ConfigChanger changer) {
        this.changer = Objects.requireNonNull(changer, "changer");
        this.config = changer.current();
        frames.push(new Frame(config.tree().root()));
        reload();
        if (!config.problems().isEmpty()) {
            status = Optional.of(new Status(config.problems().size() + " kconfig assignment(s) cannot hold now, e.g. "
                    + config.problems().get(0).message() + " (fix: " + config.problems().get(0).fix() + ")", true));
        }
    }

    /** Whether the user quit. */
    public boolean finished() {
        return finished;
    }

    /** The screen's size in columns and lines; {@link #render()} fills exactly that. */
    public void resize(int columns, int lines) {
        this.width = Math.max(1, columns);
        this.height = Math.max(1, lines);
        scrollIntoView();
    }

    /** Acts on one key. */
    public void handle(Key key) {
        if (key.kind() == Key.Kind.INTERRUPT) {
            finished = true;
            return;
        }
        switch (mode) {
            case BROWSE -> browse(key);
            case EDIT -> edit(key);
            case SEARCH -> search(key);
            case RESULTS -> results(key);
            case HELP -> help(key);
        }
        scrollIntoView();
    }

    // --- Browsing

    private void browse(Key key) {
        status = Optional.empty();
        Frame frame = frames.peek();
        Optional<MenuRow> row = current();
        switch (key.kind()) {
            case UP -> frame.cursor = Math.max(0, frame.cursor - 1);
            case DOWN -> frame.cursor = Math.min(Math.max(0, rows.size() - 1), frame.cursor + 1);
            case PAGE_UP -> frame.cursor = Math.max(0, frame.cursor - bodyHeight());
            case PAGE_DOWN -> frame.cursor = Math.min(Math.max(0, rows.size() - 1), frame.cursor + bodyHeight());
            case HOME -> frame.cursor = 0;
            case END -> frame.cursor = Math.max(0, rows.size() - 1);
            case ENTER -> row.ifPresent(this::activate);
            case RIGHT -> row.ifPresent(this::open);
            case LEFT, ESCAPE, BACKSPACE -> up();
            case CHARACTER -> browseCharacter(key.character(), row);
            default -> {
            }
        }
    }

    private void browseCharacter(char c, Optional<MenuRow> row) {
        switch (c) {
            case 'k' -> browse(Key.of(Key.Kind.UP));
            case 'j' -> browse(Key.of(Key.Kind.DOWN));
            case 'g' -> browse(Key.of(Key.Kind.HOME));
            case 'G' -> browse(Key.of(Key.Kind.END));
            case 'l' -> row.ifPresent(this::open);
            case 'h' -> up();
            case ' ' -> row.ifPresent(this::space);
            case 'y', 'n' -> row.ifPresent(r -> setBool(r, c == 'y' ? "y" : "n"));
            case '/' -> startInput(Mode.SEARCH, "Search (name or prompt): ", "", null);
            case '?' -> row.ifPresent(r -> showHelp(r.node(), Mode.BROWSE, Optional.empty()));
            case 'q', 'Q' -> finished = true;
            default -> {
            }
        }
    }

    /** Enter: open a submenu, toggle a bool, select a choice entry, or edit a value. */
    private void activate(MenuRow row) {
        if (row.opens()) {
            enter(row.node());
            return;
        }
        row.symbol().ifPresent(s -> {
            if (s.type().isBoolOrTristate()) {
                toggle(s);
            } else {
                startEdit(s);
            }
        });
    }

    /** Right: open a submenu or edit a value; bools are left alone, so that moving never changes them. */
    private void open(MenuRow row) {
        if (row.opens()) {
            enter(row.node());
        } else {
            row.symbol().filter(s -> !s.type().isBoolOrTristate()).ifPresent(this::startEdit);
        }
    }

    /** Space: toggle a bool (a menuconfig one too), select a choice entry, edit a value, open a menu. */
    private void space(MenuRow row) {
        Optional<Symbol> symbol = row.symbol();
        if (symbol.isPresent() && symbol.get().type().isBoolOrTristate()) {
            toggle(symbol.get());
        } else if (symbol.isPresent()) {
            startEdit(symbol.get());
        } else if (row.opens()) {
            enter(row.node());
        }
    }

    private void enter(MenuNode menu) {
        frames.push(new Frame(menu));
        reload();
    }

    private void up() {
        if (frames.size() == 1) {
            status = Optional.of(new Status("This is the top menu; q quits.", false));
            return;
        }
        MenuNode left = frames.pop().menu;
        reload();
        Frame frame = frames.peek();
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).node() == left) {
                frame.cursor = i;
            }
        }
    }

    private void toggle(Symbol s) {
        String value = config.value(s.configName()).orElse("n");
        if (s.choice().isPresent()) {
            if (value.equals("y")) {
                status = Optional.of(new Status(s.configName() + " is already the selected entry of this choice.", false));
            } else {
                change(s, "y");
            }
            return;
        }
        change(s, value.equals("n") ? "y" : "n");
    }

    private void setBool(MenuRow row, String value) {
        row.symbol().filter(s -> s.type().isBoolOrTristate()).ifPresent(s -> {
            if (config.value(s.configName()).orElse("").equals(value)) {
                status = Optional.of(new Status(s.configName() + " is already " + value + ".", false));
            } else {
                change(s, value);
            }
        });
    }

    private void change(Symbol s, String value) {
        ChangeOutcome outcome = changer.change(s.configName(), value);
        if (outcome instanceof ChangeOutcome.Applied applied) {
            config = applied.config();
            refresh();
            status = Optional.of(new Status(applied.summary(), false));
        } else if (outcome instanceof ChangeOutcome.Refused refused) {
            status = Optional.of(new Status(refused.reason(), true));
        }
    }

    // --- Typing a value or a search

    private void startEdit(Symbol s) {
        startInput(Mode.EDIT, s.configName() + " (" + s.type().keyword() + "): ", config.value(s.configName()).orElse(""), s);
    }

    private void startInput(Mode inputMode, String prompt, String initial, Symbol symbol) {
        mode = inputMode;
        inputPrompt = prompt;
        input = new LineInput(initial);
        editing = symbol;
    }

    private void edit(Key key) {
        if (input.handle(key)) {
            return;
        }
        if (key.kind() == Key.Kind.ESCAPE) {
            mode = Mode.BROWSE;
            status = Optional.of(new Status("Not changed.", false));
        } else if (key.kind() == Key.Kind.ENTER) {
            mode = Mode.BROWSE;
            Symbol s = editing;
            String typed = s.type() == SymbolType.STRING ? input.text() : input.text().trim();
            if (typed.equals(config.value(s.configName()).orElse(null))) {
                status = Optional.of(new Status(s.configName() + " already is " + display(s, typed) + ".", false));
                return;
            }
            change(s, s.type() == SymbolType.STRING ? quote(typed) : typed);
        }
    }

    private void search(Key key) {
        if (input.handle(key)) {
            return;
        }
        if (key.kind() == Key.Kind.ESCAPE) {
            mode = Mode.BROWSE;
        } else if (key.kind() == Key.Kind.ENTER) {
            String text = input.text().trim();
            mode = Mode.BROWSE;
            if (text.isEmpty()) {
                return;
            }
            List<Hit> found = new ArrayList<>();
            for (SymbolStatus s : config.search(text)) {
                config.tree().symbol(s.name()).filter(Symbol::hasPrompt).ifPresent(sym -> found.add(new Hit(s, sym)));
            }
            if (found.isEmpty()) {
                status = Optional.of(new Status("No symbol with a prompt has '" + text + "' in its name or prompt.", false));
                return;
            }
            searched = text;
            hits = found;
            hitCursor = 0;
            hitTop = 0;
            mode = Mode.RESULTS;
        }
    }

    // --- Search results

    private void results(Key key) {
        status = Optional.empty();
        int last = Math.max(0, hits.size() - 1);
        switch (key.kind()) {
            case UP -> hitCursor = Math.max(0, hitCursor - 1);
            case DOWN -> hitCursor = Math.min(last, hitCursor + 1);
            case PAGE_UP -> hitCursor = Math.max(0, hitCursor - bodyHeight());
            case PAGE_DOWN -> hitCursor = Math.min(last, hitCursor + bodyHeight());
            case HOME -> hitCursor = 0;
            case END -> hitCursor = last;
            case ENTER, RIGHT -> jump(hits.get(hitCursor));
            case LEFT, ESCAPE, BACKSPACE -> mode = Mode.BROWSE;
            case CHARACTER -> {
                switch (key.character()) {
                    case 'k' -> results(Key.of(Key.Kind.UP));
                    case 'j' -> results(Key.of(Key.Kind.DOWN));
                    case 'q', 'h' -> mode = Mode.BROWSE;
                    case '/' -> startInput(Mode.SEARCH, "Search (name or prompt): ", searched, null);
                    case '?' -> {
                        Hit hit = hits.get(hitCursor);
                        showHelp(hit.symbol().nodes().get(0), Mode.RESULTS, Optional.of(hit.symbol()));
                    }
                    default -> {
                    }
                }
            }
            default -> {
            }
        }
    }

    /** Opens the menu that shows the symbol and puts the cursor on it; the help pane when no menu shows it. */
    private void jump(Hit hit) {
        for (MenuNode node : hit.symbol().nodes()) {
            if (node.prompt().isEmpty()) {
                continue;
            }
            List<MenuNode> path = menusAbove(node);
            List<MenuRow> shown = menuRows.of(path.get(path.size() - 1));
            for (int i = 0; i < shown.size(); i++) {
                if (shown.get(i).node() == node) {
                    frames.clear();
                    path.forEach(menu -> frames.push(new Frame(menu)));
                    placeCursors(path);
                    frames.peek().cursor = i;
                    mode = Mode.BROWSE;
                    reload();
                    return;
                }
            }
        }
        showHelp(hit.symbol().nodes().get(0), Mode.RESULTS, Optional.of(hit.symbol()));
        status = Optional.of(new Status(hit.status().name() + " is not shown in any menu now: its prompt is not visible (see why below).", true));
    }

    /** The menus (root first) whose screen lists {@code node}: the root, menus, choices and menuconfig symbols above it. */
    private static List<MenuNode> menusAbove(MenuNode node) {
        List<MenuNode> path = new ArrayList<>();
        for (Optional<MenuNode> p = node.parent(); p.isPresent(); p = p.get().parent()) {
            if (p.get().isMenuconfig() || p.get().parent().isEmpty()) {
                path.add(0, p.get());
            }
        }
        return path;
    }

    /** Puts the cursor of every frame but the innermost on the submenu that leads to the next one. */
    private void placeCursors(List<MenuNode> path) {
        List<Frame> outerFirst = new ArrayList<>(frames);
        Collections.reverse(outerFirst);
        for (int f = 0; f + 1 < outerFirst.size(); f++) {
            List<MenuRow> shown = menuRows.of(path.get(f));
            for (int i = 0; i < shown.size(); i++) {
                if (shown.get(i).node() == path.get(f + 1)) {
                    outerFirst.get(f).cursor = i;
                }
            }
        }
    }

    // --- Help

    private void showHelp(MenuNode node, Mode returnTo, Optional<Symbol> symbol) {
        helpReturn = returnTo;
        helpTop = 0;
        mode = Mode.HELP;
        List<String> text = new ArrayList<>();
        Optional<Symbol> s = symbol.or(() -> node.kind() == MenuNode.Kind.SYMBOL ? node.symbol() : Optional.empty());
        String prompt = node.prompt().map(p -> p.text()).orElse("");
        helpTitle = s.map(sym -> prompt.isEmpty() ? sym.configName() : prompt + "  (" + sym.configName() + ")")
                .orElse(prompt.isEmpty() ? node.toString() : prompt);
        Optional<String> helpText = node.help().or(() -> s.flatMap(sym -> sym.nodes().stream().flatMap(n -> n.help().stream()).findFirst()));
        if (helpText.isPresent()) {
            helpText.get().lines().forEach(l -> text.add(l.isEmpty() ? "" : "  " + l));
        } else {
            text.add("  There is no help for this entry.");
        }
        text.add("");
        if (s.isPresent()) {
            text.add("uknative config explain " + s.get().configName() + ":");
            config.explain(s.get().configName()).ifPresent(e -> text.addAll(e.render().lines().toList()));
        } else {
            text.add(node.kind().name().toLowerCase(Locale.ROOT) + " at " + node.location());
            text.add("  depends on: " + node.dependency().render());
            node.visibleIf().filter(v -> !v.render().equals("y")).ifPresent(v -> text.add("  visible if: " + v.render()));
            node.choice().ifPresent(c -> {
                text.add("  entries:");
                for (Symbol member : c.symbols()) {
                    text.add("    " + member.configName() + "=" + config.value(member.configName()).orElse(""));
                }
            });
        }
        help = text;
    }

    private void help(Key key) {
        status = Optional.empty();
        int last = Math.max(0, wrappedHelp().size() - bodyHeight());
        switch (key.kind()) {
            case UP -> helpTop = Math.max(0, helpTop - 1);
            case DOWN -> helpTop = Math.min(last, helpTop + 1);
            case PAGE_UP -> helpTop = Math.max(0, helpTop - bodyHeight());
            case PAGE_DOWN -> helpTop = Math.min(last, helpTop + bodyHeight());
            case HOME -> helpTop = 0;
            case END -> helpTop = last;
            case LEFT, ESCAPE, BACKSPACE, ENTER -> mode = helpReturn;
            case CHARACTER -> {
                switch (key.character()) {
                    case 'k' -> help(Key.of(Key.Kind.UP));
                    case 'j', ' ' -> help(Key.of(key.character() == ' ' ? Key.Kind.PAGE_DOWN : Key.Kind.DOWN));
                    case 'q', '?', 'h' -> mode = helpReturn;
                    default -> {
                    }
                }
            }
            default -> {
            }
        }
    }

    private List<String> wrappedHelp() {
        List<String> out = new ArrayList<>();
        for (String line : help) {
            out.addAll(wrap(line, width));
        }
        return out;
    }

    // --- State

    private Optional<MenuRow> current() {
        Frame frame = frames.peek();
        return frame.cursor < rows.size() ? Optional.of(rows.get(frame.cursor)) : Optional.empty();
    }

    /** The open menu's lines, after moving to another menu; the frame's cursor stays where it was put. */
    private void reload() {
        menuRows = new MenuRows(config);
        rows = menuRows.of(frames.peek().menu);
        Frame frame = frames.peek();
        frame.cursor = Math.min(frame.cursor, Math.max(0, rows.size() - 1));
    }

    /** The open menu's lines after a change of the configuration, with the cursor on the same entry. */
    private void refresh() {
        MenuNode selected = current().map(MenuRow::node).orElse(null);
        menuRows = new MenuRows(config);
        rows = menuRows.of(frames.peek().menu);
        Frame frame = frames.peek();
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).node() == selected) {
                frame.cursor = i;
                return;
            }
        }
        frame.cursor = Math.min(frame.cursor, Math.max(0, rows.size() - 1));
    }

    private void scrollIntoView() {
        int body = bodyHeight();
        Frame frame = frames.peek();
        frame.top = clampTop(frame.top, frame.cursor, body);
        hitTop = clampTop(hitTop, hitCursor, body);
        helpTop = Math.max(0, Math.min(helpTop, wrappedHelp().size() - body));
    }

    private static int clampTop(int top, int cursor, int body) {
        if (cursor < top) {
            return cursor;
        }
        if (cursor >= top + body) {
            return cursor - body + 1;
        }
        return top;
    }

    private int bodyHeight() {
        return Math.max(1, height - HEADER_LINES - statusLines().size() - 1);
    }

    private List<String> statusLines() {
        if (status.isEmpty()) {
            return List.of();
        }
        // Each line of the message is a paragraph (a reason, its fix); when they do not all fit, the longest
        // loses lines first, so that a long reason does not push its fix off the screen.
        List<List<String>> paragraphs = new ArrayList<>();
        for (String line : status.get().text().split("\n")) {
            paragraphs.add(new ArrayList<>(wrap(line, width - 1).stream().map(l -> " " + l).toList()));
        }
        int total = paragraphs.stream().mapToInt(List::size).sum();
        while (total > MAX_STATUS_LINES) {
            List<String> longest = paragraphs.stream().max(Comparator.comparingInt(List::size)).orElseThrow();
            if (longest.size() == 1) {
                paragraphs.remove(paragraphs.size() - 1);
            } else {
                longest.remove(longest.size() - 1);
                String last = longest.get(longest.size() - 1);
                longest.set(longest.size() - 1, (last.endsWith(" ...") ? last : fit(last, width - 4) + " ..."));
            }
            total--;
        }
        List<String> lines = new ArrayList<>();
        paragraphs.forEach(lines::addAll);
        return lines;
    }

    // --- Drawing

    /** The screen for the current state: exactly as many lines as the height last given, none wider than the width. */
    public MenuScreen render() {
        List<MenuScreen.Line> lines = new ArrayList<>();
        if (height < HEADER_LINES + 2 || width < 20) {
            lines.add(new MenuScreen.Line(fit("Terminal too small", width), MenuScreen.Style.ERROR));
            while (lines.size() < height) {
                lines.add(new MenuScreen.Line("", MenuScreen.Style.PLAIN));
            }
            return new MenuScreen(lines, Optional.empty());
        }
        lines.add(new MenuScreen.Line(pad(fit(" " + config.tree().mainMenuText() + "  -  " + changer.destination(), width), width),
                MenuScreen.Style.TITLE));
        int body = bodyHeight();
        switch (mode) {
            case RESULTS -> {
                lines.add(line(" Symbols with '" + searched + "' in their name or prompt: " + hits.size()));
                int top = clampTop(hitTop, hitCursor, body);
                for (int i = top; i < Math.min(hits.size(), top + body); i++) {
                    lines.add(i == hitCursor ? selected(hitText(hits.get(i))) : line(hitText(hits.get(i))));
                }
            }
            case HELP -> {
                lines.add(line(" " + helpTitle));
                List<String> wrapped = wrappedHelp();
                for (int i = helpTop; i < Math.min(wrapped.size(), helpTop + body); i++) {
                    lines.add(line(wrapped.get(i)));
                }
            }
            default -> {
                Frame frame = frames.peek();
                lines.add(line(" " + breadcrumb() + (rows.isEmpty() ? "" : "  (" + (frame.cursor + 1) + "/" + rows.size() + ")")));
                if (rows.isEmpty()) {
                    lines.add(line("    (nothing to show here now: the entries of this menu are not visible)"));
                }
                int top = clampTop(frame.top, frame.cursor, body);
                for (int i = top; i < Math.min(rows.size(), top + body); i++) {
                    String text = " " + rows.get(i).text();
                    lines.add(i == frame.cursor ? selected(text) : line(text));
                }
            }
        }
        int footerStart = height - 1 - statusLines().size();
        while (lines.size() < footerStart) {
            lines.add(line(""));
        }
        boolean error = status.map(Status::error).orElse(false);
        for (String s : statusLines()) {
            lines.add(new MenuScreen.Line(fit(s, width), error ? MenuScreen.Style.ERROR : MenuScreen.Style.INFO));
        }
        Optional<MenuScreen.Cursor> cursor = Optional.empty();
        if (mode == Mode.EDIT || mode == Mode.SEARCH) {
            LineInput.View view = input.view(inputPrompt, width);
            lines.add(new MenuScreen.Line(view.line(), MenuScreen.Style.PLAIN));
            cursor = Optional.of(new MenuScreen.Cursor(height - 1, view.column()));
        } else {
            lines.add(new MenuScreen.Line(fit(hints(), width), MenuScreen.Style.HINT));
        }
        return new MenuScreen(lines.subList(0, height), cursor);
    }

    private String hints() {
        return switch (mode) {
            case RESULTS -> " Up/Down move  Enter go to it  ? help  / search again  Esc back";
            case HELP -> " Up/Down/PgUp/PgDn scroll  Esc or q back";
            default -> " Enter select  Space toggle  Left back  / search  ? help  q quit";
        };
    }

    private String breadcrumb() {
        List<String> titles = new ArrayList<>();
        frames.descendingIterator().forEachRemaining(f -> {
            if (f.menu.parent().isPresent()) {
                titles.add(MenuRows.title(f.menu));
            }
        });
        return titles.isEmpty() ? "Main menu" : "Main menu > " + String.join(" > ", titles);
    }

    private String hitText(Hit hit) {
        SymbolStatus s = hit.status();
        String where = hit.symbol().nodes().stream().filter(n -> n.prompt().isPresent()).findFirst()
                .map(n -> menusAbove(n).stream().filter(m -> m.parent().isPresent()).map(MenuRows::title).reduce((a, b) -> a + " > " + b).orElse("Main menu"))
                .orElse("");
        return " " + s.name() + "=" + display(hit.symbol(), s.value()) + "  " + s.prompt().orElse("")
                + (s.visible() ? "" : " (not visible)") + (where.isEmpty() ? "" : "  in " + where);
    }

    private MenuScreen.Line line(String text) {
        return new MenuScreen.Line(fit(text, width), MenuScreen.Style.PLAIN);
    }

    private MenuScreen.Line selected(String text) {
        return new MenuScreen.Line(pad(fit(text, width), width), MenuScreen.Style.SELECTED);
    }

    private static String display(Symbol s, String value) {
        return s.type() == SymbolType.STRING ? quote(value) : value;
    }

    /** A string value as kconfig text: in double quotes, with backslash before quote and backslash. */
    static String quote(String text) {
        return KconfigText.quote(text);
    }

    private static String fit(String text, int width) {
        return text.length() <= width ? text : text.substring(0, Math.max(0, width));
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }

    /** Splits a line into pieces of at most {@code width} columns, at spaces where it can; continuations keep the indentation. */
    static List<String> wrap(String line, int width) {
        List<String> out = new ArrayList<>();
        if (line.length() <= width || width < 8) {
            out.add(fit(line, width));
            return out;
        }
        int indent = 0;
        while (indent < line.length() && line.charAt(indent) == ' ') {
            indent++;
        }
        String continuation = " ".repeat(Math.min(indent + 2, width / 2));
        String rest = line;
        boolean first = true;
        while (!rest.isEmpty()) {
            String prefix = first ? "" : continuation;
            int room = width - prefix.length();
            if (rest.length() <= room) {
                out.add(prefix + rest);
                break;
            }
            int cut = rest.lastIndexOf(' ', room);
            if (cut <= 0) {
                cut = room;
            }
            out.add(prefix + rest.substring(0, cut));
            rest = rest.substring(cut).stripLeading();
            first = false;
        }
        return out;
    }
}
