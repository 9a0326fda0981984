package dev.uknative.menu;

/** A one-line text field: its text and the cursor in it. */
final class LineInput {

    private final StringBuilder text;
    private int cursor;

    LineInput(String initial) {
        this.text = new StringBuilder(initial);
        this.cursor = initial.length();
    }

    String text() {
        return text.toString();
    }

    int cursor() {
        return cursor;
    }

    /** Edits the text for keys that edit; returns false for keys it does not handle (Enter, Escape, …). */
    boolean handle(Key key) {
        switch (key.kind()) {
            case LEFT -> cursor = Math.max(0, cursor - 1);
            case RIGHT -> cursor = Math.min(text.length(), cursor + 1);
            case HOME -> cursor = 0;
            case END -> cursor = text.length();
            case BACKSPACE -> {
                if (cursor > 0) {
                    text.deleteCharAt(--cursor);
                }
            }
            case DELETE -> {
                if (cursor < text.length()) {
                    text.deleteCharAt(cursor);
                }
            }
            case CHARACTER -> {
                char c = key.character();
                if (c == 0x15) { // Ctrl-U: clear, as in a shell
                    text.setLength(0);
                    cursor = 0;
                } else if (c == 0x01) { // Ctrl-A
                    cursor = 0;
                } else if (c == 0x05) { // Ctrl-E
                    cursor = text.length();
                } else if (!Character.isISOControl(c)) {
                    text.insert(cursor++, c);
                }
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    /**
     * The part of {@code prompt + text} that fits in {@code width} columns with the cursor in view, and
     * the cursor's column in it.
     */
    View view(String prompt, int width) {
        String whole = prompt + text;
        int at = prompt.length() + cursor;
        int start = Math.max(0, at - (width - 1));
        String shown = whole.substring(start, Math.min(whole.length(), start + width));
        return new View(shown, at - start);
    }

    record View(String line, int column) {
    }
}
