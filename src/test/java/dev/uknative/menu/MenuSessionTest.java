package dev.uknative.menu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The menu's state machine and drawing, without a terminal: keys in, lines out, on the menu tests' tree
 * (src/test/resources/menu/Config.uk) with the changes kept in memory.
 */
class MenuSessionTest {

    private static final int WIDTH = 70;
    private static final int HEIGHT = 20;

    private InMemoryChanger changer;
    private MenuSession menu;

    @BeforeEach
    void open() {
        changer = InMemoryChanger.menuTree();
        menu = new MenuSession(changer);
        menu.resize(WIDTH, HEIGHT);
    }

    @Test
    void theTopMenuShowsVisibleEntriesAsMenuconfigDoes() {
        MenuScreen screen = menu.render();

        assertThat(screen.lines()).hasSize(HEIGHT).allSatisfy(l -> assertThat(l.text().length()).isLessThanOrEqualTo(WIDTH));
        assertThat(screen.lines().get(0).style()).isEqualTo(MenuScreen.Style.TITLE);
        assertThat(screen.text().subList(0, 14)).containsExactly(
                pad(" Menu test configuration  -  memory"),
                " Main menu  (1/12)",
                pad(" [*] Base support"),
                " [ ]   Extra base features",
                " [ ] Something that needs the allocator",
                " [ ] Allocator",
                "     *** Numbers and text ***",
                " (4) How many",
                " (0x1000) Where",
                " (hello) Greeting",
                "     Scheduler (Cooperative)  --->",
                " [ ] Networking  ----",
                " [ ] Nothing inside  ----",
                "     Debugging  --->");
        assertThat(screen.text()).noneMatch(l -> l.contains("Hidden")).noneMatch(l -> l.contains("IPv6"));
        assertThat(screen.selected()).hasValue(pad(" [*] Base support"));
        assertThat(screen.text().get(HEIGHT - 1)).contains("/ search").contains("? help").contains("q quit");
        assertThat(screen.cursor()).isEmpty();
    }

    @Test
    void enterOpensAMenuAndLeftComesBackToIt() {
        press(Key.Kind.END);
        assertThat(menu.render().selected()).hasValueSatisfying(l -> assertThat(l).contains("Debugging  --->"));

        press(Key.Kind.ENTER);
        assertThat(menu.render().text().subList(1, 3)).containsExactly(" Main menu > Debugging  (1/1)", pad(" [ ] Tracing"));

        press(Key.Kind.LEFT);
        assertThat(menu.render().text().get(1)).isEqualTo(" Main menu  (12/12)");
        assertThat(menu.render().selected()).hasValueSatisfying(l -> assertThat(l).contains("Debugging"));

        press(Key.Kind.ESCAPE);
        assertThat(menu.render().text()).contains(" This is the top menu; q quits.");
        assertThat(menu.finished()).isFalse();
    }

    @Test
    void vimKeysMoveAndSpaceTogglesThroughTheChanger() {
        type("jj");
        assertThat(menu.render().selected()).hasValueSatisfying(l -> assertThat(l).contains("Something that needs the allocator"));
        type(" ");

        assertThat(changer.asked).containsExactly("CONFIG_SELECTOR=y");
        List<String> text = menu.render().text();
        assertThat(text).contains(pad(" [*] Something that needs the allocator"), " -*- Allocator");
        assertThat(text).contains(" Set CONFIG_SELECTOR=y.");

        type("k");
        assertThat(menu.render().selected()).hasValueSatisfying(l -> assertThat(l).contains("Extra base features"));
    }

    @Test
    void turningABoolOffHidesWhatDependsOnItAndAForcedBoolCannotBeTurnedOff() {
        type(" ");
        assertThat(menu.render().text()).contains(pad(" [ ] Base support")).noneMatch(l -> l.contains("Extra base features"))
                .noneMatch(l -> l.contains("Debugging"));

        type("y");
        type("jj ");
        type("j");
        assertThat(menu.render().selected()).hasValueSatisfying(l -> assertThat(l).startsWith(" -*- Allocator"));
        type("n");

        MenuScreen screen = menu.render();
        assertThat(changer.asked).last().isEqualTo("CONFIG_ALLOC=n");
        assertThat(screen.lines()).filteredOn(l -> l.style() == MenuScreen.Style.ERROR).extracting(MenuScreen.Line::text)
                .anySatisfy(l -> assertThat(l).startsWith(" Not written: CONFIG_ALLOC=n cannot hold"))
                .anySatisfy(l -> assertThat(l).startsWith(" fix: "));
        assertThat(screen.selected()).hasValueSatisfying(l -> assertThat(l).startsWith(" -*- Allocator"));
    }

    @Test
    void aChoiceShowsItsSelectionAndEnteringItPicksAnother() {
        for (int i = 0; i < 8; i++) {
            press(Key.Kind.DOWN);
        }
        press(Key.Kind.RIGHT);
        assertThat(menu.render().text().subList(1, 4)).containsExactly(
                " Main menu > Scheduler  (1/2)", pad(" (X) Cooperative"), " ( ) Preemptive");

        type("j");
        press(Key.Kind.ENTER);
        assertThat(changer.asked).containsExactly("CONFIG_SCHED_PREEMPT=y");
        assertThat(menu.render().text().subList(2, 4)).containsExactly(" ( ) Cooperative", pad(" (X) Preemptive"));

        press(Key.Kind.ENTER);
        assertThat(changer.asked).hasSize(1);
        assertThat(menu.render().text()).contains(" CONFIG_SCHED_PREEMPT is already the selected entry of this choice.");

        press(Key.Kind.BACKSPACE);
        assertThat(menu.render().selected()).hasValue(pad(" " + "    Scheduler (Preemptive)  --->"));
    }

    @Test
    void aMenuconfigSymbolTogglesWithSpaceAndOpensWithEnter() {
        for (int i = 0; i < 9; i++) {
            press(Key.Kind.DOWN);
        }
        type(" ");
        assertThat(menu.render().selected()).hasValue(pad(" [*] Networking  --->"));

        press(Key.Kind.ENTER);
        assertThat(menu.render().text().subList(1, 3)).containsExactly(" Main menu > Networking  (1/1)", pad(" [ ] IPv6"));
    }

    @Test
    void editingAStringPrefillsTheValueAndQuotesWhatWasTyped() {
        for (int i = 0; i < 7; i++) {
            press(Key.Kind.DOWN);
        }
        press(Key.Kind.ENTER);
        MenuScreen editing = menu.render();
        assertThat(editing.text().get(HEIGHT - 1)).isEqualTo("CONFIG_GREETING (string): hello");
        assertThat(editing.cursor()).hasValue(new MenuScreen.Cursor(HEIGHT - 1, "CONFIG_GREETING (string): hello".length()));

        type("\u0015say \"hi\"");
        press(Key.Kind.ENTER);

        assertThat(changer.asked).containsExactly("CONFIG_GREETING=\"say \\\"hi\\\"\"");
        assertThat(menu.render().selected()).hasValue(pad(" (say \"hi\") Greeting"));
        assertThat(menu.render().cursor()).isEmpty();
    }

    @Test
    void escapeLeavesAValueAsItWas() {
        for (int i = 0; i < 5; i++) {
            press(Key.Kind.DOWN);
        }
        press(Key.Kind.ENTER);
        type("2");
        press(Key.Kind.ESCAPE);

        assertThat(changer.asked).isEmpty();
        assertThat(menu.render().selected()).hasValue(pad(" (4) How many"));
        assertThat(menu.render().text()).contains(" Not changed.");
    }

    @Test
    void aValueOutsideTheRangeIsRefusedWithTheReason() {
        for (int i = 0; i < 5; i++) {
            press(Key.Kind.DOWN);
        }
        press(Key.Kind.ENTER);
        type("\u001599");
        press(Key.Kind.ENTER);

        assertThat(changer.asked).containsExactly("CONFIG_COUNT=99");
        assertThat(changer.assignments).isEmpty();
        MenuScreen screen = menu.render();
        assertThat(screen.selected()).hasValue(pad(" (4) How many"));
        assertThat(String.join("\n", screen.text())).contains("Not written: CONFIG_COUNT=99 cannot hold").contains("fix:");
    }

    @Test
    void searchFindsByNameOrPromptAndJumpsIntoTheMenu() {
        type("/trac");
        assertThat(menu.render().text().get(HEIGHT - 1)).isEqualTo("Search (name or prompt): trac");
        press(Key.Kind.ENTER);

        MenuScreen results = menu.render();
        assertThat(results.text().get(1)).isEqualTo(" Symbols with 'trac' in their name or prompt: 1");
        assertThat(results.selected()).hasValue(pad(" CONFIG_TRACE=n  Tracing  in Debugging"));

        press(Key.Kind.ENTER);
        assertThat(menu.render().text().get(1)).isEqualTo(" Main menu > Debugging  (1/1)");
        assertThat(menu.render().selected()).hasValue(pad(" [ ] Tracing"));

        press(Key.Kind.LEFT);
        assertThat(menu.render().selected()).hasValueSatisfying(l -> assertThat(l).contains("Debugging  --->"));
    }

    @Test
    void searchByNameReachesAChoiceEntryAndInvisibleSymbolsOpenTheirExplanation() {
        type("/sched_pre\r");
        press(Key.Kind.ENTER);
        assertThat(menu.render().text().get(1)).isEqualTo(" Main menu > Scheduler  (2/2)");

        type("/hidden\r");
        assertThat(menu.render().selected()).hasValueSatisfying(l -> assertThat(l).contains("CONFIG_HIDDEN_ENTRY=n").contains("(not visible)"));
        press(Key.Kind.ENTER);
        String screen = String.join("\n", menu.render().text());
        assertThat(screen).contains("CONFIG_HIDDEN_ENTRY is not shown in any menu now").contains("uknative config explain CONFIG_HIDDEN_ENTRY:");

        type("q");
        assertThat(menu.render().text().get(1)).startsWith(" Symbols with 'hidden'");
        type("q");
        assertThat(menu.render().text().get(1)).isEqualTo(" Main menu > Scheduler  (2/2)");
    }

    @Test
    void searchForNothingSaysSo() {
        type("/no such thing\r");
        assertThat(menu.render().text()).contains(" No symbol with a prompt has 'no such thing' in its name or prompt.");
    }

    @Test
    void questionMarkShowsTheHelpAndTheExplanationInAScrollablePane() {
        for (int i = 0; i < 7; i++) {
            press(Key.Kind.DOWN);
        }
        type("?");
        List<String> text = menu.render().text();
        assertThat(text.get(1)).isEqualTo(" Greeting  (CONFIG_GREETING)");
        assertThat(text.subList(2, 5)).containsExactly("  What the application says first.", "", "  Any text.");
        assertThat(text).contains("uknative config explain CONFIG_GREETING:", "CONFIG_GREETING=\"hello\"  (string)");
        assertThat(text.get(HEIGHT - 1)).contains("scroll");

        menu.resize(WIDTH, 8);
        List<String> top = menu.render().text();
        press(Key.Kind.DOWN);
        assertThat(menu.render().text().get(2)).isEqualTo(top.get(3));
        press(Key.Kind.END);
        press(Key.Kind.HOME);
        assertThat(menu.render().text()).isEqualTo(top);

        press(Key.Kind.ESCAPE);
        assertThat(menu.render().selected()).hasValueSatisfying(l -> assertThat(l).contains("Greeting"));
    }

    @Test
    void helpOfAMenuTellsItsDependencies() {
        press(Key.Kind.END);
        type("?");
        assertThat(menu.render().text()).contains("  There is no help for this entry.", "  depends on: BASE");
    }

    @Test
    void qAndCtrlCQuit() {
        type("q");
        assertThat(menu.finished()).isTrue();

        MenuSession other = new MenuSession(changer);
        type(other, "/abc");
        other.handle(Key.of(Key.Kind.INTERRUPT));
        assertThat(other.finished()).isTrue();
    }

    @Test
    void theListScrollsToKeepTheCursorInView() {
        menu.resize(WIDTH, 7);
        List<String> first = menu.render().text();
        assertThat(first).hasSize(7);
        assertThat(first.subList(2, 6)).containsExactly(pad(" [*] Base support"), " [ ]   Extra base features",
                " [ ] Something that needs the allocator", " [ ] Allocator");

        press(Key.Kind.PAGE_DOWN);
        List<String> paged = menu.render().text();
        assertThat(paged.get(1)).isEqualTo(" Main menu  (5/12)");
        assertThat(paged.get(5)).isEqualTo(pad("     *** Numbers and text ***"));

        press(Key.Kind.UP);
        assertThat(menu.render().text().get(4)).isEqualTo(pad(" [ ] Allocator"));
    }

    @Test
    void aTinyTerminalGetsAMessageInsteadOfAMenu() {
        menu.resize(15, 3);
        assertThat(menu.render().text()).containsExactly("Terminal too sm", "", "");
    }

    @Test
    void longStatusMessagesKeepTheirFixInView() {
        menu.resize(40, 20);
        changer.refuseWith = "Not written: " + "a very long reason ".repeat(20) + "\nfix: do this";
        type(" ");

        List<MenuScreen.Line> errors = menu.render().lines().stream().filter(l -> l.style() == MenuScreen.Style.ERROR).toList();
        assertThat(errors).hasSize(5);
        assertThat(errors.get(3).text()).endsWith(" ...");
        assertThat(errors.get(4).text()).isEqualTo(" fix: do this");
    }

    @Test
    void wrapBreaksAtSpacesAndIndentsContinuations() {
        assertThat(MenuSession.wrap("  depends on: A && B && C", 16)).containsExactly("  depends on: A", "    && B && C");
        assertThat(MenuSession.wrap("short", 16)).containsExactly("short");
        assertThat(MenuSession.wrap("abcdefghijklmnopqrstuvwxyz", 10)).containsExactly("abcdefghij", "  klmnopqr", "  stuvwxyz");
    }

    @Test
    void theFakeUnikraftTreeLooksLikeItsMenus() {
        MenuSession fake = new MenuSession(InMemoryChanger.fakeUnikraft());
        fake.resize(WIDTH, 10);
        type(fake, "j\r");
        assertThat(fake.render().text().subList(1, 7)).containsExactly(
                " Main menu > Libraries  (1/3)",
                pad(" [*] ukdebug: debugging and tracing"),
                " [ ]   Debug messages",
                " (hello) Greeting",
                "",
                "");
    }

    private void press(Key.Kind kind) {
        menu.handle(Key.of(kind));
    }

    private void type(String keys) {
        type(menu, keys);
    }

    private static void type(MenuSession session, String keys) {
        for (char c : keys.toCharArray()) {
            session.handle(c == '\r' ? Key.of(Key.Kind.ENTER) : Key.character(c));
        }
    }

    private static String pad(String line) {
        return line + " ".repeat(WIDTH - line.length());
    }
}
