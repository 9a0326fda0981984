package dev.uknative.kconfig;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Kconfig's macro language (kconfig-macro-language.rst): {@code $(VAR)}, {@code $(fn,arg,…)}, variables
 * assigned in Kconfig files with {@code =}, {@code :=} and {@code +=}, and the built-in functions. Where
 * kconfig reads the environment, this reads the caller's variables; {@code $(shell,…)} is emulated by
 * {@link ShellEmulation}, never run.
 */
final class Preprocessor {

    /** A string after expansion, and the index just after the expanded part. */
    record Expanded(String text, int end) {
    }

    private static final class Variable {
        String value;
        boolean recursive;
        int expansions;
    }

    /** Above the 100 expansions after which a function counts as stuck in recursion (see call). */
    private static final int MAX_DEPTH = 200;
    /** A line of a Kconfig file after expansion; Unikraft's longest are a few hundred characters. */
    private static final int MAX_LENGTH = 1 << 20;

    private final Map<String, String> environment;
    private final Map<String, Variable> variables = new HashMap<>();
    private final ParseContext context;
    private final ShellEmulation shell;
    private int depth;

    Preprocessor(Map<String, String> environment, ParseContext context, ShellEmulation shell) {
        this.environment = environment;
        this.context = context;
        this.shell = shell;
    }

    /** A variable of the caller's (kconfig's environment), or null. */
    String environment(String name) {
        return environment.get(name);
    }

    /** Expands every macro in {@code s}. */
    String expandWhole(String s, List<String> args) {
        int i = 0;
        while (true) {
            i = s.indexOf("$(", i);
            if (i < 0) {
                return s;
            }
            Expanded e = expandMacro(s, i, args);
            s = e.text();
            i = e.end();
        }
    }

    /**
     * Expands the quoted string starting at {@code i} (its opening quote): backslash escapes and macros.
     * Returns the whole line with the string expanded, and the index after the closing quote.
     */
    Expanded expandString(String s, int i) {
        char quote = s.charAt(i);
        i++;
        while (true) {
            int m = findStringSpecial(s, i);
            if (m < 0) {
                throw context.error("unterminated string");
            }
            char c = s.charAt(m);
            if (c == quote) {
                return new Expanded(s, m + 1);
            } else if (c == '\\') {
                // '\x' becomes 'x'; i ends after 'x', which lets '\$(foo)' cancel a macro
                s = s.substring(0, m) + s.substring(m + 1);
                i = m + 1;
            } else if (c == '$') {
                Expanded e = expandMacro(s, m, List.of());
                s = e.text();
                i = e.end();
            } else {
                i = m + 1;
            }
        }
    }

    /**
     * Expands macros in a symbol name starting at {@code i}. Returns the line with the name expanded and
     * the index just after the name.
     */
    Expanded expandName(String s, int i) {
        while (true) {
            int m = i;
            while (m < s.length()) {
                char c = s.charAt(m);
                if (c == '$' && m + 1 < s.length() && s.charAt(m + 1) == '(') {
                    break;
                }
                if (!Lexer.isNameChar(c)) {
                    break;
                }
                m++;
            }
            if (m < s.length() && s.charAt(m) == '$') {
                Expanded e = expandMacro(s, m, List.of());
                s = e.text();
                i = e.end();
            } else {
                return new Expanded(s, m);
            }
        }
    }

    /** Expands the macro whose {@code $(} is at {@code i}. */
    Expanded expandMacro(String s, int i, List<String> args) {
        // Each nested $( recurses: bounded so that a hostile file cannot overflow the stack.
        try {
            if (++depth > MAX_DEPTH) {
                throw context.error("macro calls nested too deeply (more than " + MAX_DEPTH + " levels)");
            }
            Expanded expanded = expandMacroAt(s, i, args);
            if (expanded.text().length() > MAX_LENGTH) {
                // Variables that each expand a few others grow exponentially: refuse before memory runs out.
                throw context.error("macro expansion longer than " + MAX_LENGTH + " characters");
            }
            return expanded;
        } finally {
            depth--;
        }
    }

    private Expanded expandMacroAt(String s, int i, List<String> args) {
        String result = s.substring(0, i);
        i += 2;
        int argStart = i;
        List<String> newArgs = new ArrayList<>();
        int nesting = 0;
        while (true) {
            int m = findMacroSpecial(s, i);
            if (m < 0) {
                throw context.error("missing end parenthesis in macro expansion");
            }
            char c = s.charAt(m);
            if (c == '$') {
                Expanded e = expandMacro(s, m, args);
                s = e.text();
                i = e.end();
            } else if (c == '(') {
                nesting++;
                i = m + 1;
            } else if (c == ')') {
                if (nesting > 0) {
                    nesting--;
                    i = m + 1;
                    continue;
                }
                newArgs.add(s.substring(argStart, m));
                String value = argument(newArgs.get(0), args);
                result = result + (value != null ? value : call(newArgs));
                return new Expanded(result + s.substring(m + 1), result.length());
            } else {
                i = m + 1;
                if (nesting == 0) {
                    newArgs.add(s.substring(argStart, m));
                    argStart = i;
                }
            }
        }
    }

    /** {@code $(1)} inside a function body is its first argument, and so on. */
    private static String argument(String name, List<String> args) {
        if (args.isEmpty() || name.isEmpty()) {
            return null;
        }
        for (int k = 0; k < name.length(); k++) {
            if (!Character.isDigit(name.charAt(k))) {
                return null;
            }
        }
        int index;
        try {
            index = Integer.parseInt(name);
        } catch (NumberFormatException e) {
            return null;
        }
        return index < args.size() ? args.get(index) : null;
    }

    private String call(List<String> args) {
        String fn = args.get(0);
        Variable variable = variables.get(fn);
        if (variable != null) {
            if (args.size() == 1 && variable.expansions > 0) {
                throw context.error("Preprocessor variable " + fn + " recursively references itself");
            }
            if (variable.expansions > 100) {
                throw context.error("Preprocessor function " + fn + " seems stuck in infinite recursion");
            }
            variable.expansions++;
            try {
                return expandWhole(variable.value, args);
            } finally {
                variable.expansions--;
            }
        }
        switch (fn) {
            case "shell":
                arguments(fn, args, 1);
                return shell.run(args.get(1));
            case "info":
                arguments(fn, args, 1);
                context.warn("info: " + args.get(1));
                return "";
            case "warning-if":
                arguments(fn, args, 2);
                if (args.get(1).equals("y")) {
                    context.warn(args.get(2));
                }
                return "";
            case "error-if":
                arguments(fn, args, 2);
                if (args.get(1).equals("y")) {
                    throw KconfigException.invalid(context.location(), args.get(2), null);
                }
                return "";
            case "filename":
                arguments(fn, args, 0);
                return context.location().file().toString();
            case "lineno":
                arguments(fn, args, 0);
                return Integer.toString(context.location().line());
            default:
                // kconfig falls back on the environment; here the caller's variables are the environment
                String value = environment.get(fn);
                return value == null ? "" : value;
        }
    }

    private void arguments(String fn, List<String> args, int expected) {
        if (args.size() - 1 != expected) {
            throw KconfigException.invalid(context.location(), "bad number of arguments in call to " + fn
                    + ", expected " + expected + ", got " + (args.size() - 1), null);
        }
    }

    /**
     * A line whose first word is not a keyword: a variable assignment ({@code NAME = value},
     * {@code :=}, {@code +=}) or a bare macro whose expansion is blank.
     */
    void assignment(String s) {
        s = Lexer.stripLeading(s);
        int i = 0;
        while (true) {
            while (i < s.length() && isAssignmentNameChar(s.charAt(i))) {
                i++;
            }
            if (s.startsWith("$(", i)) {
                Expanded e = expandMacro(s, i, List.of());
                s = e.text();
                i = e.end();
            } else {
                break;
            }
        }
        if (!s.isEmpty() && Lexer.isBlank(s)) {
            return;
        }
        String name = s.substring(0, i);
        int k = i;
        while (k < s.length() && Lexer.isSpace(s.charAt(k))) {
            k++;
        }
        String op;
        if (s.startsWith(":=", k)) {
            op = ":=";
        } else if (s.startsWith("+=", k)) {
            op = "+=";
        } else if (s.startsWith("=", k)) {
            op = "=";
        } else {
            throw context.error("syntax error");
        }
        k += op.length();
        while (k < s.length() && Lexer.isSpace(s.charAt(k))) {
            k++;
        }
        int end = s.indexOf('\n', k);
        String value = end < 0 ? s.substring(k) : s.substring(k, end);

        Variable variable = variables.get(name);
        if (variable == null) {
            variable = new Variable();
            variable.value = "";
            variables.put(name, variable);
            if (op.equals("+=")) {
                op = "=";
            }
        }
        switch (op) {
            case "=" -> {
                variable.recursive = true;
                variable.value = value;
            }
            case ":=" -> {
                variable.recursive = false;
                variable.value = expandWhole(value, List.of());
            }
            default -> variable.value += " " + (variable.recursive ? value : expandWhole(value, List.of()));
        }
    }

    private static boolean isAssignmentNameChar(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-';
    }

    private static int findMacroSpecial(String s, int from) {
        for (int k = from; k < s.length(); k++) {
            char c = s.charAt(k);
            if (c == '(' || c == ')' || c == ',') {
                return k;
            }
            if (c == '$' && k + 1 < s.length() && s.charAt(k + 1) == '(') {
                return k;
            }
        }
        return -1;
    }

    private static int findStringSpecial(String s, int from) {
        for (int k = from; k < s.length(); k++) {
            char c = s.charAt(k);
            if (c == '"' || c == '\'' || c == '\\') {
                return k;
            }
            if (c == '$' && k + 1 < s.length() && s.charAt(k + 1) == '(') {
                return k;
            }
        }
        return -1;
    }
}
