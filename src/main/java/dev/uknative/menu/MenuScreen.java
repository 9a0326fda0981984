package dev.uknative.menu;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the terminal shows: one line per row of the screen, each at most as wide as the screen, with a
 * style, and where the text cursor is when a value is being typed (hidden otherwise).
 */
public record MenuScreen(List<Line> lines, Optional<Cursor> cursor) {

    /** How a line is drawn; the terminal layer picks the colours. */
    public enum Style { TITLE, PLAIN, SELECTED, INFO, ERROR, HINT }

    /** One row of the screen. */
    public record Line(String text, Style style) {
        public Line {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(style, "style");
        }
    }

    /** A position on the screen, from 0. */
    public record Cursor(int row, int column) {
    }

    public MenuScreen {
        lines = List.copyOf(lines);
        Objects.requireNonNull(cursor, "cursor");
    }

    /** The lines' text, without styles: what tests compare. */
    public List<String> text() {
        return lines.stream().map(Line::text).toList();
    }

    /** The line drawn as the selected one, if any. */
    public Optional<String> selected() {
        return lines.stream().filter(l -> l.style() == Style.SELECTED).map(Line::text).findFirst();
    }
}
