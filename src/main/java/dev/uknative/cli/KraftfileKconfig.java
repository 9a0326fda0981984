package dev.uknative.cli;

import dev.uknative.core.KconfigText;
import dev.uknative.kconfig.ConfigAssignment;
import dev.uknative.kconfig.ConfigProblem;
import dev.uknative.kconfig.SolvedConfig;
import dev.uknative.kconfig.SymbolStatus;
import dev.uknative.kconfig.SymbolType;
import dev.uknative.project.KraftfileEditor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What {@code uknative config set/unset} and {@code uknative menu} share to change a project's kconfig:
 * which block of the Kraftfile a change goes to, how a requested value is checked with the engine
 * (the problems of the new assignments: any refuses the change), how the consequences are told, and
 * the atomic write of the Kraftfile.
 */
final class KraftfileKconfig {

    private KraftfileKconfig() {
    }

    /** {@code unikraft.kconfig}, or the kconfig of the target named with {@code --target}. */
    static KraftfileEditor.Scope scope(String target) {
        return target == null ? KraftfileEditor.Scope.unikraft() : KraftfileEditor.Scope.target(target);
    }

    /** The value as kconfig text: a string symbol's text in double quotes (unless already quoted). */
    static String kconfigValue(SymbolStatus symbol, String value) {
        if (symbol.type() == SymbolType.STRING && !(value.startsWith("\"") && value.endsWith("\"") && value.length() >= 2)) {
            return KconfigText.quote(value);
        }
        return value;
    }

    /** The problems of {@code requested} in a configuration solved with them: any means the change cannot hold. */
    static List<ConfigProblem> problemsOf(SolvedConfig solved, List<ConfigAssignment> requested) {
        return solved.problems().stream().filter(p -> requested.contains(p.assignment())).toList();
    }

    /** One "message / fix" pair per problem, each line indented, each pair starting on a new line. */
    static String describe(List<ConfigProblem> problems) {
        StringBuilder text = new StringBuilder();
        problems.forEach(p -> text.append("\n  ").append(p.message()).append("\n    fix: ").append(p.fix()));
        return text.toString();
    }

    /** "Also changes: CONFIG_A y→n, …" for the symbols that changed besides the ones set. */
    static Optional<String> consequences(SolvedConfig before, SolvedConfig after, Set<String> set) {
        List<String> changes = new ArrayList<>();
        for (SymbolStatus s : after.symbols()) {
            if (set.contains(s.name())) {
                continue;
            }
            before.status(s.name()).filter(b -> !b.value().equals(s.value()))
                    .ifPresent(b -> changes.add(s.name() + " " + display(b.value()) + "→" + display(s.value())));
        }
        if (changes.isEmpty()) {
            return Optional.empty();
        }
        int shown = Math.min(changes.size(), 12);
        return Optional.of("Also changes: " + String.join(", ", changes.subList(0, shown))
                + (changes.size() > shown ? " and " + (changes.size() - shown) + " more" : ""));
    }

    private static String display(String value) {
        return value.isEmpty() ? "\"\"" : value;
    }

    /** The Kraftfile is replaced whole or not at all. */
    static void writeAtomically(Path file, String text) throws IOException {
        dev.uknative.core.AtomicFiles.write(file, text);
    }
}
