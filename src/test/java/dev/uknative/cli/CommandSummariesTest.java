package dev.uknative.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code uknative --help} lists each command with one line that is a whole sentence. */
class CommandSummariesTest {

    @Test
    void eachCommandsSummaryIsOneWholeSentenceThatFitsItsLine() {
        CommandLine cli = Main.commandLine(new Streams(new ByteArrayOutputStream(), new ByteArrayOutputStream()));
        for (Map.Entry<String, CommandLine> sub : cli.getSubcommands().entrySet()) {
            if (sub.getValue().getCommandSpec().usageMessage().hidden()) {
                continue;
            }
            // picocli lists a command by its header's first line, else its description's.
            var usage = sub.getValue().getCommandSpec().usageMessage();
            String summary = usage.header().length > 0 ? usage.header()[0] : usage.description()[0];
            assertThat(summary).as(sub.getKey()).endsWith(".");
            // "  versions  " takes 12 of the 80 columns.
            assertThat(summary.length()).as(sub.getKey() + ": " + summary).isLessThanOrEqualTo(68);
        }
    }

    @Test
    void noHelpBreaksAPathOrFileNameAfterItsDot() {
        CommandLine cli = Main.commandLine(new Streams(new ByteArrayOutputStream(), new ByteArrayOutputStream()));
        List<CommandLine> commands = new java.util.ArrayList<>(cli.getSubcommands().values());
        for (int i = 0; i < commands.size(); i++) {
            commands.addAll(commands.get(i).getSubcommands().values().stream().filter(c -> !commands.contains(c)).toList());
        }
        for (CommandLine command : commands) {
            // picocli wraps at 80 columns and may break after a dot: ".config" becomes "." and "config".
            List<String> lines = command.getUsageMessage().lines().toList();
            for (int i = 0; i + 1 < lines.size(); i++) {
                boolean example = lines.get(i).strip().startsWith("uknative "); // "uknative run ." names this folder
                assertThat(!example && lines.get(i).endsWith(" .") && Character.isLetter(lines.get(i + 1).strip().charAt(0)))
                        .as(command.getCommandName() + ": " + lines.get(i) + " / " + lines.get(i + 1)).isFalse();
            }
        }
    }

    @Test
    void theHelpListsOneLinePerCommand() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Main.commandLine(new Streams(out, new ByteArrayOutputStream())).execute("--help");
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        List<String> commands = lines.subList(lines.indexOf("Commands:") + 1, lines.size()).stream()
                .takeWhile(l -> l.startsWith("  ")).toList();

        assertThat(commands).allMatch(l -> !l.startsWith("    "), "no continuation lines").allMatch(l -> l.length() <= 80)
                .anyMatch(l -> l.startsWith("  doctor "));
    }
}
