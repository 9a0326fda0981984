package dev.uknative.cli;

import dev.uknative.core.Reporter;
import java.io.PrintWriter;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Renders pipeline events on stderr. On a terminal the progress line is redrawn in place (with the
 * elapsed time ticking); elsewhere progress degrades to a plain line at most every few seconds.
 * Colour only on a terminal, and never when {@code NO_COLOR} is set (no-color.org).
 */
public final class ConsoleReporter implements Reporter, AutoCloseable {

    private static final long PLAIN_PROGRESS_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final PrintWriter err;
    private final boolean terminal;
    private final boolean color;
    private final boolean verbose;
    private final long start = System.nanoTime();
    private final ScheduledExecutorService ticker;

    private String progress;
    private boolean progressShown;
    private long lastPlainProgress;

    public ConsoleReporter(PrintWriter err, boolean terminal, boolean color, boolean verbose) {
        this.err = err;
        this.terminal = terminal;
        this.color = color;
        this.verbose = verbose;
        if (terminal && !verbose) {
            ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "uknative-progress");
                t.setDaemon(true);
                return t;
            });
            ticker.scheduleAtFixedRate(this::redraw, 500, 500, TimeUnit.MILLISECONDS);
        } else {
            ticker = null;
        }
    }

    /**
     * A reporter writing to {@code err} (the command's error writer), redrawing and colouring only when
     * this process runs on a terminal, never in colour when NO_COLOR is set.
     */
    public static ConsoleReporter forTerminal(PrintWriter err, boolean verbose) {
        boolean terminal = onTerminal();
        return new ConsoleReporter(err, terminal, terminal && System.getenv("NO_COLOR") == null, verbose);
    }

    /** For one-off messages (errors, the end of a run): no progress line, colour as on a terminal. */
    public static ConsoleReporter messages(PrintWriter err) {
        return new ConsoleReporter(err, false, onTerminal() && System.getenv("NO_COLOR") == null, false);
    }

    static boolean onTerminal() {
        return System.console() != null && !"dumb".equals(System.getenv("TERM"));
    }

    @Override
    public synchronized void info(String message) {
        clearProgress();
        err.println(message);
        err.flush();
        redrawLocked();
    }

    @Override
    public synchronized void warn(String message) {
        clearProgress();
        err.println(paint("33", "warning: ") + message);
        err.flush();
        redrawLocked();
    }

    @Override
    public synchronized void hint(String message) {
        clearProgress();
        err.println(paint("36", "hint: ") + message);
        err.flush();
        redrawLocked();
    }

    public synchronized void error(String message, String hint) {
        clearProgress();
        progress = null;
        err.println(paint("31;1", "error: ") + message);
        if (hint != null) {
            err.println(paint("36", "hint: ") + hint);
        }
        err.flush();
    }

    @Override
    public synchronized void progress(String message) {
        progress = message;
        if (verbose) {
            return;
        }
        if (terminal) {
            redrawLocked();
        } else {
            long now = System.nanoTime();
            if (now - lastPlainProgress >= PLAIN_PROGRESS_INTERVAL_NANOS) {
                lastPlainProgress = now;
                err.println("[" + elapsed() + "] " + message);
                err.flush();
            }
        }
    }

    @Override
    public synchronized void detail(String line) {
        if (verbose) {
            err.println(line);
            err.flush();
        }
    }

    /** Ends the progress line (the next output starts on a clean line). */
    public synchronized void endProgress() {
        clearProgress();
        progress = null;
    }

    @Override
    public void close() {
        if (ticker != null) {
            ticker.shutdownNow();
        }
        endProgress();
    }

    private synchronized void redraw() {
        redrawLocked();
    }

    private void redrawLocked() {
        if (!terminal || verbose || progress == null) {
            return;
        }
        String line = "[" + elapsed() + "] " + progress;
        int width = terminalWidth();
        if (line.length() > width - 1) {
            line = line.substring(0, Math.max(0, width - 2)) + "…";
        }
        err.print("\r\033[K" + paint("2", line));
        err.flush();
        progressShown = true;
    }

    private void clearProgress() {
        if (progressShown) {
            err.print("\r\033[K");
            err.flush();
            progressShown = false;
        }
    }

    private String elapsed() {
        long tenths = (System.nanoTime() - start) / 100_000_000L;
        return String.format("%d.%ds", tenths / 10, tenths % 10);
    }

    private String paint(String sgr, String text) {
        return color ? "\033[" + sgr + "m" + text + "\033[0m" : text;
    }

    private static int terminalWidth() {
        String columns = System.getenv("COLUMNS");
        try {
            return columns == null ? 80 : Math.max(20, Integer.parseInt(columns.trim()));
        } catch (NumberFormatException e) {
            return 80;
        }
    }
}
