package dev.uknative.kconfig;

/** Character classes of Kconfig's tokenizer (Kconfiglib's regular expressions, written out). */
final class Lexer {

    private Lexer() {
    }

    /** Python's {@code str.isspace()} for the characters Kconfig files contain. */
    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0b
                || c >= 0x1c && c <= 0x1f || c == 0x85 || c == 0xa0 || Character.isSpaceChar(c);
    }

    /** Whether every character is a space; false for the empty string, as in Python. */
    static boolean isBlank(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!isSpace(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    static String stripLeading(String s) {
        int i = 0;
        while (i < s.length() && isSpace(s.charAt(i))) {
            i++;
        }
        return s.substring(i);
    }

    static String strip(String s) {
        int end = s.length();
        while (end > 0 && isSpace(s.charAt(end - 1))) {
            end--;
        }
        return stripLeading(s.substring(0, end));
    }

    /** {@code [A-Za-z0-9_$/.-]}: characters of symbol names and bare words after the first token. */
    static boolean isNameChar(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
                || c == '_' || c == '$' || c == '/' || c == '.' || c == '-';
    }

    /** {@code [A-Za-z0-9_$-]}: characters of the first token of a line. */
    static boolean isCommandChar(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
                || c == '_' || c == '$' || c == '-';
    }

    /** Python's {@code str.expandtabs()} with tab stops every 8 columns. */
    static String expandTabs(String s) {
        if (s.indexOf('\t') < 0) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        int column = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\t') {
                int spaces = 8 - column % 8;
                b.append(" ".repeat(spaces));
                column += spaces;
            } else {
                b.append(c);
                column = c == '\n' || c == '\r' ? 0 : column + 1;
            }
        }
        return b.toString();
    }
}
