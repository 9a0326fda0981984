package dev.uknative.kconfig;

import java.util.ArrayList;
import java.util.List;

/**
 * The lines of one Kconfig file, each with its newline, read one at a time like Python's
 * {@code readline()} (which Kconfiglib's help-text rules are written against): the empty string means
 * end of file. Line endings are universal: CR LF and CR read as LF.
 */
final class LineReader {

    private final List<String> lines;
    private int next;

    LineReader(String content) {
        String text = content.indexOf('\r') < 0 ? content : content.replace("\r\n", "\n").replace('\r', '\n');
        lines = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                lines.add(text.substring(start));
                break;
            }
            lines.add(text.substring(start, end + 1));
            start = end + 1;
        }
    }

    String readLine() {
        return next < lines.size() ? lines.get(next++) : "";
    }
}
