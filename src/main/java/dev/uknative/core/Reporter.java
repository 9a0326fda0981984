package dev.uknative.core;

/**
 * Where the pipeline stages send what the user should see. Stages never print: they report events
 * and the front-end decides how to render them (a redrawn progress line on a terminal, plain lines
 * otherwise).
 */
public interface Reporter {

    /** A step that is worth a line: "Configuring hello for qemu/x86_64". */
    void info(String message);

    /** Something the user should fix but that does not stop the work. */
    void warn(String message);

    /**
     * What to do about the warnings just reported; shown after them as {@code hint: …}. By default an
     * info line, so reporters that only collect lines need nothing more.
     */
    default void hint(String message) {
        info("hint: " + message);
    }

    /** The current state of a long step; replaces the previous progress line. */
    void progress(String message);

    /** Output of a child process, shown only when the user asked for it (--verbose). */
    void detail(String line);

    /** A reporter that drops everything; for tests and library use. */
    Reporter SILENT = new Reporter() {
        @Override
        public void info(String message) {
        }

        @Override
        public void warn(String message) {
        }

        @Override
        public void progress(String message) {
        }

        @Override
        public void detail(String line) {
        }
    };
}
