package dev.uknative.kconfig;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a {@code $(shell,…)} command into words the way sh would for the simple commands that
 * {@link ShellEmulation} understands: blanks separate words, single quotes are literal, double quotes
 * and backslashes escape, and {@code &&}, {@code ||}, {@code ;}, {@code |}, {@code &}, {@code <},
 * {@code >}, {@code (}, {@code )} are operators. Anything needing expansion ({@code $}, backquotes,
 * unquoted globs) is rejected, since emulating it would mean guessing.
 */
final class ShellWords {

    static final String AND = "\0&&";
    static final String OR = "\0||";

    private ShellWords() {
    }

    static boolean isOperator(String word) {
        return word.startsWith("\0");
    }

    static List<String> split(String command, ParseContext context) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        int i = 0;
        int n = command.length();
        while (i < n) {
            char c = command.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n') {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
                i++;
            } else if (c == '\'') {
                int end = command.indexOf('\'', i + 1);
                if (end < 0) {
                    throw reject(command, "an unterminated single quote", context);
                }
                word = append(word, command.substring(i + 1, end));
                i = end + 1;
            } else if (c == '"') {
                word = word == null ? new StringBuilder() : word;
                i++;
                while (true) {
                    if (i >= n) {
                        throw reject(command, "an unterminated double quote", context);
                    }
                    char d = command.charAt(i);
                    if (d == '"') {
                        i++;
                        break;
                    }
                    if (d == '$' || d == '`') {
                        throw reject(command, "a shell expansion", context);
                    }
                    if (d == '\\' && i + 1 < n && "$`\"\\\n".indexOf(command.charAt(i + 1)) >= 0) {
                        word.append(command.charAt(i + 1));
                        i += 2;
                    } else {
                        word.append(d);
                        i++;
                    }
                }
            } else if (c == '\\') {
                if (i + 1 >= n) {
                    throw reject(command, "a trailing backslash", context);
                }
                word = append(word, String.valueOf(command.charAt(i + 1)));
                i += 2;
            } else if (c == '$' || c == '`' || c == '*' || c == '?' || c == '[' || c == '~' || c == '#') {
                throw reject(command, "'" + c + "', which the shell would expand", context);
            } else if ("&|;<>()".indexOf(c) >= 0) {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
                if (command.startsWith("&&", i)) {
                    words.add(AND);
                    i += 2;
                } else if (command.startsWith("||", i)) {
                    words.add(OR);
                    i += 2;
                } else {
                    words.add("\0" + c);
                    i++;
                }
            } else {
                word = append(word, String.valueOf(c));
                i++;
            }
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }

    private static StringBuilder append(StringBuilder word, String text) {
        return (word == null ? new StringBuilder() : word).append(text);
    }

    private static KconfigException reject(String command, String what, ParseContext context) {
        return context.unsupported("$(shell," + command + ") contains " + what + ": uknative runs no shell"
                + " commands and emulates only Unikraft's simple ones", null);
    }
}
