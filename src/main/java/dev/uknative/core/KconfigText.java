package dev.uknative.core;

import java.util.Optional;

/**
 * A kconfig string value as text, the way {@code .config} files, {@code config.h} and Kraftfiles write
 * it: in double quotes, a backslash before each {@code \} and {@code "} inside. One definition for
 * every package that writes or reads such values (the Kconfig engine, the Kraftfile, the commands).
 */
public final class KconfigText {

    private KconfigText() {
    }

    /** {@code text} in double quotes, with {@code \} and {@code "} escaped. */
    public static String quote(String text) {
        StringBuilder quoted = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' || c == '"') {
                quoted.append('\\');
            }
            quoted.append(c);
        }
        return quoted.append('"').toString();
    }

    /**
     * The text of a quoted value as kconfig's own reader takes it: it must start with a double quote;
     * a backslash stands for the character after it; anything after the closing quote is ignored.
     * Empty when there is no opening or no closing quote.
     */
    public static Optional<String> unquote(String value) {
        if (!value.startsWith("\"")) {
            return Optional.empty();
        }
        StringBuilder text = new StringBuilder();
        for (int i = 1; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') {
                return Optional.of(text.toString());
            }
            if (c == '\\') {
                i++;
                if (i >= value.length()) {
                    return Optional.empty();
                }
                c = value.charAt(i);
            }
            text.append(c);
        }
        return Optional.empty();
    }

    /** Whether {@code value} is exactly one quoted string: nothing before the opening or after the closing quote. */
    public static boolean isQuoted(String value) {
        if (!value.startsWith("\"")) {
            return false;
        }
        for (int i = 1; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                return i == value.length() - 1;
            }
        }
        return false;
    }
}
