package dev.uknative.menu;

import java.util.Objects;

/**
 * A key press, as the terminal layer decoded it.
 *
 * @param kind      which key
 * @param character for {@link Kind#CHARACTER}: the character typed (control characters included)
 */
public record Key(Kind kind, char character) {

    /** The keys the menu tells apart. */
    public enum Kind {
        UP, DOWN, LEFT, RIGHT, ENTER, ESCAPE, BACKSPACE, DELETE, HOME, END, PAGE_UP, PAGE_DOWN,
        /** Ctrl-C, which the terminal delivers as a key (raw mode, no signal). */
        INTERRUPT,
        CHARACTER
    }

    public Key {
        Objects.requireNonNull(kind, "kind");
    }

    public static Key of(Kind kind) {
        if (kind == Kind.CHARACTER) {
            throw new IllegalArgumentException("a character key needs its character: use Key.character");
        }
        return new Key(kind, '\0');
    }

    public static Key character(char c) {
        return new Key(Kind.CHARACTER, c);
    }

    /** Whether this is the character {@code c}. */
    public boolean is(char c) {
        return kind == Kind.CHARACTER && character == c;
    }
}
