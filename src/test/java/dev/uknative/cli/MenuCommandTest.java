package dev.uknative.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.uknative.app.KraftfileConfigChanger;
import dev.uknative.core.Reporter;
import dev.uknative.kconfig.KconfigParser;
import dev.uknative.menu.ChangeOutcome;
import dev.uknative.menu.Key;
import dev.uknative.menu.MenuScreen;
import dev.uknative.menu.MenuSession;
import dev.uknative.project.Kraftfile;
import dev.uknative.project.KraftfileEditor;
import dev.uknative.project.KraftfileReader;
import dev.uknative.testing.CliRun;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code uknative menu}'s changes reaching the Kraftfile: the menu's state machine driven with keys on
 * the stand-in Unikraft tree (src/test/resources/fake-unikraft), with the Kraftfile changer the command
 * uses. The real terminal is {@link MenuTerminalTest}'s.
 */
class MenuCommandTest {

    private static final String KRAFTFILE = """
            spec: v0.6
            name: hello
            # the core
            unikraft:
              kconfig:
                CONFIG_LIBUKDEBUG: y   # on by default anyway
            targets:
              - name: debug
                plat: qemu
                arch: x86_64
            """;

    @TempDir
    Path app;

    Path fakeUnikraft;

    @BeforeEach
    void writeApp() throws IOException, URISyntaxException {
        fakeUnikraft = resource("/fake-unikraft/Config.uk").getParent();
        Files.writeString(app.resolve("Kraftfile"), KRAFTFILE);
        Files.writeString(app.resolve("Makefile.uk"), "$(eval $(call addlib,apphello))\n");
    }

    @Test
    void withoutATerminalItSaysWhatToUseInsteadAndExitsTwo() {
        CliRun run = CliRun.of("menu", "-P", app.toString(), "--unikraft-source", fakeUnikraft.toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).contains("uknative menu needs a terminal; use uknative config set/list instead");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aToggleIsWrittenAtOnceAndTogglingBackRemovesTheEntry() throws IOException {
        MenuSession menu = session();
        type(menu, "j\rj ");

        assertThat(app.resolve("Kraftfile")).hasContent(KRAFTFILE.replace(
                "    CONFIG_LIBUKDEBUG: y   # on by default anyway\n",
                "    CONFIG_LIBUKDEBUG: y   # on by default anyway\n    CONFIG_LIBUKDEBUG_PRINTD: y\n"));
        MenuScreen screen = menu.render();
        assertThat(screen.selected()).hasValueSatisfying(l -> assertThat(l).startsWith(" [*]   Debug messages"));
        assertThat(screen.text()).contains(" Set CONFIG_LIBUKDEBUG_PRINTD=y in Kraftfile unikraft.kconfig.");

        type(menu, " ");
        assertThat(app.resolve("Kraftfile")).hasContent(KRAFTFILE);
        assertThat(menu.render().text()).anySatisfy(l -> assertThat(l).startsWith(" Removed CONFIG_LIBUKDEBUG_PRINTD from Kraftfile unikraft.kconfig"));
    }

    @Test
    void consequencesAreRedrawnAndTold() {
        MenuSession menu = session();
        type(menu, "j\rj ");
        type(menu, "k ");

        List<String> text = menu.render().text();
        assertThat(text.subList(2, 4)).containsExactly(pad(" [ ] ukdebug: debugging and tracing"), " (hello) Greeting");
        assertThat(String.join("\n", text)).contains("Also changes: CONFIG_LIBUKDEBUG_PRINTD y→n");
    }

    @Test
    void anEditedStringIsWrittenQuoted() throws IOException {
        MenuSession menu = session();
        type(menu, "j\rjj\r\u0015hi there\r");

        assertThat(Files.readString(app.resolve("Kraftfile"))).contains("    CONFIG_APP_GREETING: \"hi there\"\n");
        assertThat(menu.render().selected()).hasValueSatisfying(l -> assertThat(l).startsWith(" (hi there) Greeting"));
    }

    @Test
    void withTargetTheChangeGoesToTheTargetsKconfig() throws IOException {
        MenuSession menu = session("--target", "debug");
        type(menu, "j\rj ");

        assertThat(Files.readString(app.resolve("Kraftfile"))).endsWith("""
                    arch: x86_64
                    kconfig:
                      CONFIG_LIBUKDEBUG_PRINTD: y
                """);
        assertThat(menu.render().text().get(0)).contains("Kraftfile targets[debug].kconfig");
    }

    @Test
    void aValueALaterLayerOverridesIsWrittenButTheMenuSaysItDoesNotHold() {
        MenuSession menu = session();
        type(menu, "\rj ");

        String text = String.join("\n", menu.render().text());
        assertThat(text).contains("Set CONFIG_PLAT_KVM=n in Kraftfile unikraft.kconfig. But CONFIG_PLAT_KVM is y: platform qemu");
        assertThat(menu.render().selected()).hasValueSatisfying(l -> assertThat(l).startsWith(" [*] KVM guest"));
    }

    @Test
    void aRefusedChangeLeavesTheKraftfileAsItWasAndShowsTheReasonAndFix() throws Exception {
        String kraftfile = """
                spec: v0.6
                name: refused
                unikraft:
                  kconfig:
                    CONFIG_SELECTOR: y  # needs ALLOC
                targets:
                  - qemu/x86_64
                """;
        Files.writeString(app.resolve("Kraftfile"), kraftfile);
        MenuSession menu = new MenuSession(menuTreeChanger(KraftfileEditor.Scope.unikraft()));
        menu.resize(100, 24);
        type(menu, "jjj");
        assertThat(menu.render().selected()).hasValueSatisfying(l -> assertThat(l).startsWith(" -*- Allocator"));

        type(menu, " ");

        assertThat(app.resolve("Kraftfile")).hasContent(kraftfile);
        List<MenuScreen.Line> errors = menu.render().lines().stream().filter(l -> l.style() == MenuScreen.Style.ERROR).toList();
        assertThat(errors).extracting(MenuScreen.Line::text)
                .anySatisfy(l -> assertThat(l).startsWith(" Not written: CONFIG_ALLOC=n cannot hold: selected by CONFIG_SELECTOR"))
                .anySatisfy(l -> assertThat(l).startsWith(" fix: "));
        assertThat(menu.render().selected()).hasValueSatisfying(l -> assertThat(l).startsWith(" -*- Allocator"));
    }

    @Test
    void pickingAChoiceEntryReplacesTheOtherEntrysLineAndPickingTheDefaultRemovesIt() throws Exception {
        String kraftfile = """
                spec: v0.6
                name: choice
                unikraft:
                  kconfig:
                    CONFIG_SCHED_PREEMPT: y
                targets:
                  - qemu/x86_64
                """;
        Files.writeString(app.resolve("Kraftfile"), kraftfile);
        KraftfileConfigChanger changer = menuTreeChanger(KraftfileEditor.Scope.unikraft());

        ChangeOutcome coop = changer.change("CONFIG_SCHED_COOP", "y");

        assertThat(coop).isInstanceOf(ChangeOutcome.Applied.class);
        assertThat(app.resolve("Kraftfile")).hasContent(kraftfile.replace("    CONFIG_SCHED_PREEMPT: y\n", ""));
        assertThat(((ChangeOutcome.Applied) coop).summary())
                .startsWith("Removed CONFIG_SCHED_PREEMPT from Kraftfile unikraft.kconfig: CONFIG_SCHED_COOP=y without it.");

        changer.change("CONFIG_SCHED_PREEMPT", "y");
        assertThat(app.resolve("Kraftfile")).hasContent(kraftfile);
    }

    @Test
    void anIntOutOfItsRangeIsRefused() throws Exception {
        Files.writeString(app.resolve("Kraftfile"), "spec: v0.6\nname: n\ntargets:\n  - qemu/x86_64\n");
        ChangeOutcome outcome = menuTreeChanger(KraftfileEditor.Scope.unikraft()).change("CONFIG_COUNT", "99");

        assertThat(outcome).isInstanceOfSatisfying(ChangeOutcome.Refused.class, r ->
                assertThat(r.reason()).startsWith("Not written: CONFIG_COUNT=99 cannot hold").contains("\nfix: "));
        assertThat(app.resolve("Kraftfile")).hasContent("spec: v0.6\nname: n\ntargets:\n  - qemu/x86_64\n");
    }

    private MenuSession session(String... extra) {
        List<String> args = new ArrayList<>(List.of("-P", app.toString(), "--unikraft-source", fakeUnikraft.toString()));
        args.addAll(List.of(extra));
        MenuCommand command = new MenuCommand();
        new CommandLine(command).parseArgs(args.toArray(String[]::new));
        MenuSession menu = new MenuSession(MenuCommand.changer(command.project, Reporter.SILENT, new PrintWriter(new StringWriter())));
        menu.resize(100, 24);
        return menu;
    }

    /** A changer for the Kraftfile in {@code app} on the menu tests' own tree, which has a select, a range and a choice. */
    private KraftfileConfigChanger menuTreeChanger(KraftfileEditor.Scope scope) throws URISyntaxException {
        Kraftfile kraftfile = new KraftfileReader().read(app.resolve("Kraftfile"));
        return new KraftfileConfigChanger(KconfigParser.parse(resource("/menu/Config.uk"), Map.of()), kraftfile,
                kraftfile.targets().get(0), scope);
    }

    private static void type(MenuSession menu, String keys) {
        for (char c : keys.toCharArray()) {
            menu.handle(c == '\r' ? Key.of(Key.Kind.ENTER) : Key.character(c));
        }
    }

    private static String pad(String line) {
        return line + " ".repeat(100 - line.length());
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(MenuCommandTest.class.getResource(name).toURI());
    }
}
