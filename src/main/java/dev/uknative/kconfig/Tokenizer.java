package dev.uknative.kconfig;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one Kconfig line into tokens the way Kconfiglib does: keywords, symbols (created in the
 * symbol table the first time they are seen, which is also conf's creation order), strings with their
 * macros expanded, and operators; a null ends the list. A line whose first word is no keyword is a
 * macro assignment, handed to the preprocessor.
 */
final class Tokenizer {

    private final SymbolTable table;
    private final Preprocessor preprocessor;
    private final ParseContext context;

    Tokenizer(SymbolTable table, Preprocessor preprocessor, ParseContext context) {
        this.table = table;
        this.preprocessor = preprocessor;
        this.context = context;
    }

    private static final Object[] BLANK = {null};

    /** Kconfiglib's tokenizer: keywords, symbols (created on first sight), strings, operators; null ends. */
    Object[] tokenize(String s) {
        int i = 0;
        while (i < s.length() && Lexer.isSpace(s.charAt(i))) {
            i++;
        }
        int start = i;
        while (i < s.length() && Lexer.isCommandChar(s.charAt(i))) {
            i++;
        }
        if (i == start) {
            if (Lexer.isBlank(s) || Lexer.stripLeading(s).startsWith("#")) {
                return BLANK;
            }
            throw context.error("unknown token at start of line");
        }
        String word = s.substring(start, i);
        while (i < s.length() && Lexer.isSpace(s.charAt(i))) {
            i++;
        }
        Keyword first = Keyword.of(word);
        if (first == null) {
            if (stripHelp(s).equals("help")) {
                return new Object[] {Keyword.HELP, null};
            }
            preprocessor.assignment(s);
            return BLANK;
        }
        List<Object> out = new ArrayList<>();
        out.add(first);
        Object previous = first;
        while (i < s.length()) {
            int end = i;
            while (end < s.length() && Lexer.isNameChar(s.charAt(end))) {
                end++;
            }
            Object token;
            if (end > i) {
                String name = s.substring(i, end);
                Keyword keyword = Keyword.of(name);
                if (keyword != null) {
                    token = keyword;
                    i = skipSpace(s, end);
                } else if (!(previous instanceof Keyword k && Keyword.STRING_LEX.contains(k))) {
                    if (name.indexOf('$') >= 0) {
                        Preprocessor.Expanded e = preprocessor.expandName(s, i);
                        name = e.text().substring(i, e.end());
                        if (Lexer.strip(name).isEmpty()) {
                            throw context.error("macro expanded to blank string");
                        }
                        s = e.text();
                        i = skipSpace(s, e.end());
                    } else {
                        i = skipSpace(s, end);
                    }
                    token = table.word(name);
                } else {
                    // A prompt or title without quotes, or a choice's name
                    if (previous != Keyword.CHOICE) {
                        context.warn("style: quotes recommended around '" + name + "' in '" + Lexer.strip(s) + "'");
                    }
                    token = name;
                    i = skipSpace(s, end);
                }
            } else {
                char c = s.charAt(i);
                if (c == '"' || c == '\'') {
                    String value;
                    if (s.indexOf('$') < 0 && s.indexOf('\\') < 0) {
                        int close = s.indexOf(c, i + 1);
                        if (close < 0) {
                            throw context.error("unterminated string");
                        }
                        value = s.substring(i + 1, close);
                        i = close + 1;
                    } else {
                        Preprocessor.Expanded e = preprocessor.expandString(s, i);
                        s = e.text();
                        value = s.substring(i + 1, e.end() - 1);
                        i = e.end();
                    }
                    token = previous instanceof Keyword k && Keyword.STRING_LEX.contains(k) || out.get(0) == Keyword.OPTION
                            ? value : table.constant(value);
                } else if (s.startsWith("&&", i)) {
                    token = Keyword.AND;
                    i += 2;
                } else if (s.startsWith("||", i)) {
                    token = Keyword.OR;
                    i += 2;
                } else if (c == '=') {
                    token = Keyword.EQUAL;
                    i++;
                } else if (s.startsWith("!=", i)) {
                    token = Keyword.UNEQUAL;
                    i += 2;
                } else if (c == '!') {
                    token = Keyword.NOT;
                    i++;
                } else if (c == '(') {
                    token = Keyword.OPEN_PAREN;
                    i++;
                } else if (c == ')') {
                    token = Keyword.CLOSE_PAREN;
                    i++;
                } else if (c == '#') {
                    break;
                } else if (s.startsWith("<=", i)) {
                    token = Keyword.LESS_EQUAL;
                    i += 2;
                } else if (c == '<') {
                    token = Keyword.LESS;
                    i++;
                } else if (s.startsWith(">=", i)) {
                    token = Keyword.GREATER_EQUAL;
                    i += 2;
                } else if (c == '>') {
                    token = Keyword.GREATER;
                    i++;
                } else {
                    throw context.error("unknown tokens in line");
                }
                i = skipSpace(s, i);
            }
            out.add(token);
            previous = token;
        }
        out.add(null);
        return out.toArray();
    }

    private static int skipSpace(String s, int i) {
        while (i < s.length() && Lexer.isSpace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    /** {@code s.strip(" \t\n-")}: old kconfig accepted "--help--" and the like. */
    private static String stripHelp(String s) {
        int from = 0;
        int to = s.length();
        while (from < to && " \t\n-".indexOf(s.charAt(from)) >= 0) {
            from++;
        }
        while (to > from && " \t\n-".indexOf(s.charAt(to - 1)) >= 0) {
            to--;
        }
        return s.substring(from, to);
    }
}
