package dev.uknative.cli;

import dev.uknative.menu.Key;
import dev.uknative.menu.MenuScreen;
import dev.uknative.menu.MenuSession;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jline.keymap.BindingReader;
import org.jline.keymap.KeyMap;
import org.jline.terminal.Attributes;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;
import org.jline.utils.Curses;
import org.jline.utils.Display;
import org.jline.utils.InfoCmp.Capability;
import org.jline.utils.NonBlockingReader;

/**
 * Runs a {@link MenuSession} on a full-screen terminal with JLine: raw mode without signals (Ctrl-C
 * arrives as a key), the alternate screen, the cursor hidden except while a value is typed; keys are
 * decoded with the terminal's own key sequences (terminfo) and the usual xterm ones; the screen is
 * redrawn after each key and on resize, JLine's {@link Display} sending only what changed.
 *
 * <p>The terminal is restored — attributes, cursor, keypad mode, the main screen — when the session
 * ends, when anything throws, on SIGINT (which ends the menu like q), and from a shutdown hook when the
 * JVM stops on SIGTERM or SIGHUP while the menu is open.
 */
final class TerminalMenu {

    /** How long a lone Escape waits for the rest of a key sequence. */
    private static final long ESCAPE_TIMEOUT_MILLIS = 100;
    /** How often waiting for a key looks whether SIGINT came. */
    private static final long POLL_MILLIS = 100;

    private final Terminal terminal;
    private final MenuSession session;
    private final Object drawing = new Object();
    private final AtomicBoolean restored = new AtomicBoolean();
    private OutputStream restoreOutput;
    private String restoreSequence = "";
    private volatile boolean stopping;
    private volatile boolean interrupted;
    /** The terminal's size, asked once and on SIGWINCH (the exec provider runs stty for it). */
    private volatile Size size;
    private Attributes original;
    private Display display;

    TerminalMenu(Terminal terminal, MenuSession session) {
        this.terminal = terminal;
        this.session = session;
    }

    /**
     * Shows the menu until the user quits, the terminal's input ends, or SIGINT comes from outside (Ctrl-C
     * typed is a key); returns whether it was that signal.
     */
    boolean run() throws IOException {
        Thread hook = new Thread(() -> {
            stopping = true;
            restore();
        }, "uknative-menu-restore-terminal");
        restoreSequence = restoreSequence();
        restoreOutput = restoreOutput();
        original = terminal.enterRawMode();
        try {
            Runtime.getRuntime().addShutdownHook(hook);
            Attributes raw = terminal.getAttributes();
            raw.setLocalFlag(Attributes.LocalFlag.ISIG, false);
            terminal.setAttributes(raw);
            terminal.puts(Capability.enter_ca_mode);
            terminal.puts(Capability.keypad_xmit);
            terminal.flush();
            display = new Display(terminal, true);
            size = terminal.getSize();
            terminal.handle(Terminal.Signal.WINCH, signal -> {
                size = terminal.getSize();
                synchronized (drawing) {
                    // The terminal reflowed the old screen: draw the next one whole, from a clear screen.
                    display.clear();
                }
                draw();
            });
            // JLine's default for SIGINT is the system's, which ends the JVM without its shutdown hooks.
            terminal.handle(Terminal.Signal.INT, signal -> interrupted = true);
            BindingReader reader = new BindingReader(terminal.reader());
            KeyMap<Key.Kind> keys = keys();
            draw();
            while (!session.finished() && !interrupted) {
                int next = reader.peekCharacter(POLL_MILLIS);
                if (next == NonBlockingReader.READ_EXPIRED) {
                    continue;
                }
                Key.Kind kind = next == NonBlockingReader.EOF ? null : reader.readBinding(keys);
                if (kind == null) {
                    break;
                }
                Key key = kind == Key.Kind.CHARACTER ? Key.character(reader.getLastBinding().charAt(0)) : Key.of(kind);
                synchronized (drawing) {
                    session.handle(key);
                }
                if (!session.finished()) {
                    draw();
                }
            }
        } finally {
            restore();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
                restoreOutput.close();
            } catch (IllegalStateException shuttingDown) {
                // The JVM is already stopping; the hook has restored the terminal or is about to.
            }
        }
        return interrupted;
    }

    private void draw() {
        synchronized (drawing) {
            if (restored.get()) {
                return;
            }
            Size size = this.size;
            int columns = size.getColumns() > 0 ? size.getColumns() : 80;
            int rows = size.getRows() > 0 ? size.getRows() : 24;
            session.resize(columns, rows);
            MenuScreen screen = session.render();
            List<AttributedString> lines = new ArrayList<>();
            for (MenuScreen.Line line : screen.lines()) {
                lines.add(new AttributedString(line.text(), style(line.style())));
            }
            display.resize(rows, columns);
            if (screen.cursor().isPresent()) {
                terminal.puts(Capability.cursor_visible);
                display.update(lines, size.cursorPos(screen.cursor().get().row(), screen.cursor().get().column()));
            } else {
                terminal.puts(Capability.cursor_invisible);
                display.update(lines, size.cursorPos(rows - 1, 0));
            }
            terminal.flush();
        }
    }

    private static AttributedStyle style(MenuScreen.Style style) {
        return switch (style) {
            case TITLE -> AttributedStyle.DEFAULT.bold().inverse();
            case SELECTED -> AttributedStyle.DEFAULT.inverse();
            case ERROR -> AttributedStyle.DEFAULT.foreground(AttributedStyle.RED).bold();
            case INFO -> AttributedStyle.DEFAULT.foreground(AttributedStyle.GREEN);
            case HINT -> AttributedStyle.DEFAULT.faint();
            case PLAIN -> AttributedStyle.DEFAULT;
        };
    }

    /**
     * Puts the terminal back as it was; once, whoever calls first (the menu's thread or the shutdown hook).
     * The escape sequences are computed beforehand and written to a stream of our own: on SIGTERM, JLine's
     * own shutdown hook may close the terminal first, which restores the attributes but not the screen,
     * and closes standard output with it.
     */
    private void restore() {
        if (!restored.compareAndSet(false, true)) {
            return;
        }
        synchronized (drawing) {
            try {
                restoreOutput.write(restoreSequence.getBytes(StandardCharsets.UTF_8));
                restoreOutput.flush();
            } catch (IOException e) {
                // The terminal is gone: there is no screen left to restore.
            }
            if (original == null) {
                return;
            }
            try {
                terminal.setAttributes(original);
            } catch (RuntimeException e) {
                if (!stopping) {
                    throw e;
                }
                // JLine's shutdown hook closed the terminal first, and restored these attributes itself.
            }
        }
    }

    /**
     * Where the restoring sequences go: the controlling terminal opened anew (not closed with JLine's
     * terminal), else standard output.
     */
    private static OutputStream restoreOutput() {
        try {
            return new FileOutputStream("/dev/tty");
        } catch (IOException e) {
            return new FileOutputStream(FileDescriptor.out);
        }
    }

    /** Shows the cursor, leaves keypad mode and the alternate screen, as the terminal's terminfo spells them. */
    private String restoreSequence() {
        StringBuilder out = new StringBuilder();
        for (Capability c : List.of(Capability.cursor_visible, Capability.keypad_local, Capability.exit_ca_mode)) {
            String s = terminal.getStringCapability(c);
            if (s != null) {
                Curses.tputs(out, s);
            }
        }
        return out.toString();
    }

    /** The key sequences: the terminal's own (terminfo), then the common xterm and VT100 ones. */
    private KeyMap<Key.Kind> keys() {
        KeyMap<Key.Kind> keys = new KeyMap<>();
        bind(keys, Key.Kind.UP, Capability.key_up, "\033[A", "\033OA");
        bind(keys, Key.Kind.DOWN, Capability.key_down, "\033[B", "\033OB");
        bind(keys, Key.Kind.RIGHT, Capability.key_right, "\033[C", "\033OC");
        bind(keys, Key.Kind.LEFT, Capability.key_left, "\033[D", "\033OD");
        bind(keys, Key.Kind.HOME, Capability.key_home, "\033[H", "\033OH", "\033[1~", "\033[7~");
        bind(keys, Key.Kind.END, Capability.key_end, "\033[F", "\033OF", "\033[4~", "\033[8~");
        bind(keys, Key.Kind.PAGE_UP, Capability.key_ppage, "\033[5~");
        bind(keys, Key.Kind.PAGE_DOWN, Capability.key_npage, "\033[6~");
        bind(keys, Key.Kind.DELETE, Capability.key_dc, "\033[3~");
        bind(keys, Key.Kind.BACKSPACE, Capability.key_backspace, "\177", "\b");
        keys.bind(Key.Kind.ENTER, "\r", "\n");
        keys.bind(Key.Kind.ESCAPE, KeyMap.esc());
        keys.bind(Key.Kind.INTERRUPT, KeyMap.ctrl('C'));
        for (char c = 1; c < 32; c++) {
            keys.bindIfNotBound(Key.Kind.CHARACTER, String.valueOf(c));
        }
        keys.bind(Key.Kind.CHARACTER, KeyMap.range(" -~"));
        keys.setUnicode(Key.Kind.CHARACTER);
        keys.setAmbiguousTimeout(ESCAPE_TIMEOUT_MILLIS);
        return keys;
    }

    private void bind(KeyMap<Key.Kind> keys, Key.Kind kind, Capability capability, String... sequences) {
        String own = KeyMap.key(terminal, capability);
        if (own != null && !own.isEmpty()) {
            keys.bind(kind, own);
        }
        for (String s : sequences) {
            keys.bindIfNotBound(kind, s);
        }
    }
}
