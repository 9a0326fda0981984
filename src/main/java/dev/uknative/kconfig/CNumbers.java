package dev.uknative.kconfig;

import java.math.BigInteger;

/**
 * The C library's number parsing as kconfig's C tools use it (strtoll, strtoull, sym_string_valid), so
 * that int and hex values, ranges and comparisons behave exactly as in {@code make olddefconfig}.
 */
final class CNumbers {

    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);
    private static final BigInteger ULONG_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    /** A parse: the value (two's complement for unsigned), where parsing stopped, and whether it overflowed. */
    record Parse(long value, int end, boolean overflow) {
    }

    private CNumbers() {
    }

    /** {@code strtoll(s, &end, base)}. */
    static Parse strtoll(String s, int base) {
        return parse(s, base, true);
    }

    /** {@code strtoull(s, &end, base)}. */
    static Parse strtoull(String s, int base) {
        return parse(s, base, false);
    }

    private static Parse parse(String s, int base, boolean signed) {
        int i = 0;
        int n = s.length();
        while (i < n && isCSpace(s.charAt(i))) {
            i++;
        }
        boolean negative = false;
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            negative = s.charAt(i) == '-';
            i++;
        }
        if ((base == 0 || base == 16) && i + 1 < n && s.charAt(i) == '0'
                && (s.charAt(i + 1) == 'x' || s.charAt(i + 1) == 'X') && i + 2 < n && digit(s.charAt(i + 2)) < 16) {
            i += 2;
            base = 16;
        } else if (base == 0) {
            base = i < n && s.charAt(i) == '0' ? 8 : 10;
        }
        int digitsStart = i;
        BigInteger value = BigInteger.ZERO;
        BigInteger b = BigInteger.valueOf(base);
        while (i < n) {
            int d = digit(s.charAt(i));
            if (d >= base) {
                break;
            }
            value = value.multiply(b).add(BigInteger.valueOf(d));
            i++;
        }
        if (i == digitsStart) {
            // No digits: nothing is consumed (a lone "0x" consumes the 0 only, handled above)
            return new Parse(0, 0, false);
        }
        if (negative) {
            value = value.negate();
        }
        boolean overflow = false;
        long result;
        if (signed) {
            if (value.compareTo(LONG_MAX) > 0) {
                overflow = true;
                result = Long.MAX_VALUE;
            } else if (value.compareTo(LONG_MIN) < 0) {
                overflow = true;
                result = Long.MIN_VALUE;
            } else {
                result = value.longValue();
            }
        } else {
            BigInteger magnitude = value.abs();
            if (magnitude.compareTo(ULONG_MAX) > 0) {
                overflow = true;
                result = -1L;
            } else {
                result = value.longValue();
            }
        }
        return new Parse(result, i, overflow);
    }

    private static boolean isCSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0b;
    }

    private static int digit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'Z') {
            return c - 'A' + 10;
        }
        return 99;
    }

    private static boolean isXDigit(char c) {
        return digit(c) < 16;
    }

    /** {@code strtoll(s, NULL, base)}: the value of the leading number, 0 when there is none. */
    static long value(String s, int base) {
        return strtoll(s, base).value();
    }

    /** sym_string_valid() of the C tools: whether a user value is well-formed for an int or hex symbol. */
    static boolean valid(String s, SymbolType type) {
        if (type == SymbolType.STRING) {
            return true;
        }
        if (type == SymbolType.INT) {
            int i = 0;
            if (s.startsWith("-")) {
                i = 1;
            }
            if (i >= s.length() || !Character.isDigit(s.charAt(i)) || s.charAt(i) > '9') {
                return false;
            }
            if (s.charAt(i) == '0' && i + 1 < s.length()) {
                return false;
            }
            for (int k = i + 1; k < s.length(); k++) {
                char c = s.charAt(k);
                if (c < '0' || c > '9') {
                    return false;
                }
            }
            return true;
        }
        if (type == SymbolType.HEX) {
            int i = s.startsWith("0x") || s.startsWith("0X") ? 2 : 0;
            if (i >= s.length()) {
                return false;
            }
            for (int k = i; k < s.length(); k++) {
                if (!isXDigit(s.charAt(k))) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    /** For warnings only: whether all of {@code s} is a number in {@code base}. */
    static boolean parsesAs(String s, int base) {
        Parse p = strtoll(s, base);
        return p.end() > 0 && p.end() == s.length() && !p.overflow();
    }

    /** How expr_parse_string() of the C tools classifies a comparison operand. */
    enum Kind { SIGNED, UNSIGNED, STRING }

    /** An operand of a comparison: its kind and numeric value. */
    record Operand(Kind kind, long value) {
    }

    /** expr_parse_string(): bool values are 0, 1, 2; int and hex parse in their base; others in base 0. */
    static Operand operand(String s, SymbolType type) {
        if (type.isBoolOrTristate()) {
            return new Operand(Kind.SIGNED, s.equals("n") ? 0 : s.equals("m") ? 1 : s.equals("y") ? 2 : -1);
        }
        Parse p;
        Kind kind;
        if (type == SymbolType.INT) {
            p = strtoll(s, 10);
            kind = Kind.SIGNED;
        } else if (type == SymbolType.HEX) {
            p = strtoull(s, 16);
            kind = Kind.UNSIGNED;
        } else {
            p = strtoll(s, 0);
            kind = Kind.SIGNED;
        }
        boolean ok = !p.overflow() && p.end() == s.length() && p.end() > 0 && isXDigit(s.charAt(p.end() - 1));
        return new Operand(ok ? kind : Kind.STRING, p.value());
    }
}
