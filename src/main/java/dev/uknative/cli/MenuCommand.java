package dev.uknative.cli;

import dev.uknative.app.KraftfileConfigChanger;
import dev.uknative.app.ProjectConfiguration;
import dev.uknative.core.ExitCode;
import dev.uknative.core.Reporter;
import dev.uknative.core.UknativeException;
import dev.uknative.menu.MenuSession;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code uknative menu}: the project's kconfig in a full-screen menu, like {@code make menuconfig}. */
@Command(name = "menu", mixinStandardHelpOptions = true,
        description = {"Browse and change the project's kconfig in a terminal menu.",
            "A full-screen menu like make menuconfig. Each change is checked with uknative's Kconfig engine",
            "as 'uknative config set' checks it: refused, with the reason and a fix, when it",
            "cannot hold; otherwise written to the Kraftfile at once (unikraft.kconfig, or",
            "the target's kconfig with --target). Turning a symbol back to the value it has",
            "without its entry removes the entry."},
        footer = {"", "Keys:",
            "  Up/Down k/j PgUp/PgDn Home/End  move",
            "  Enter          open a menu or choice; toggle a bool; edit a number or text",
            "  Right, l       open a menu or edit a value (never toggles)",
            "  Space, y, n    toggle a bool, turn it on, turn it off",
            "  Left, h, Esc, Backspace  back to the menu above",
            "  /              search symbols by name or prompt; Enter on a result goes there",
            "  ?              help, and why the entry has its value (q or Esc closes it)",
            "  q, Ctrl-C      quit",
            "", "It needs a terminal on stdin and stdout; without one it exits with status 2",
            "(use uknative config set/list instead).",
            "", "Examples:", "  uknative menu", "  uknative menu --target debug"})
final class MenuCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    KconfigProjectOptions project;

    @Override
    public Integer call() {
        if (System.console() == null) {
            throw UknativeException.usage("uknative menu needs a terminal; use uknative config set/list instead", null);
        }
        KraftfileConfigChanger changer;
        try (ConsoleReporter reporter = ConsoleReporter.forTerminal(spec.commandLine().getErr(), false)) {
            changer = changer(project, reporter, spec.commandLine().getErr());
        }
        MenuSession session = new MenuSession(changer);
        // JLine's exec provider first: it changes the terminal with stty, only the flags it must; the jni
        // provider (JLine 3.30) restores the attributes without the line speed (stty shows speed 0 after).
        try (Terminal terminal = terminal()) {
            if (Terminal.TYPE_DUMB.equals(terminal.getType()) || Terminal.TYPE_DUMB_COLOR.equals(terminal.getType())) {
                throw UknativeException.usage("uknative menu needs a terminal that can move the cursor (TERM is " + terminal.getType() + ")",
                        "use uknative config set/list instead");
            }
            boolean interrupted = new TerminalMenu(terminal, session).run();
            return interrupted ? ExitCode.INTERRUPTED.code() : ExitCode.OK.code();
        } catch (IOException e) {
            throw UknativeException.environment("cannot use the terminal: " + e.getMessage(), "use uknative config set/list instead");
        }
    }

    private static Terminal terminal() throws IOException {
        return TerminalBuilder.builder().system(true).providers("exec,jni").dumb(true).build();
    }

    /** The project's Kraftfile and Kconfig tree, loaded as {@code uknative config} loads them, ready for changes. */
    static KraftfileConfigChanger changer(KconfigProjectOptions project, Reporter reporter, PrintWriter err) {
        return new KraftfileConfigChanger(project.queries(reporter, err)
                .configuration(project.request(), ProjectConfiguration.Defaults.REMOVE, "uknative menu"));
    }
}
