package dev.uknative.kconfig;

import dev.uknative.core.Location;
import java.util.List;
import java.util.Optional;

/**
 * Why a symbol has its value: its type, prompts and definition sites, visibility and the reason for it,
 * every default with its condition's value and which one was taken, its dependencies with the current
 * values of the symbols in them, the symbols that select or imply it, ranges, the user's assignment and
 * whether it held, and the help text. Expressions are shown with each symbol's value:
 * {@code PLAT_KVM [=y] && !LIBUKVMEM [=n]}.
 *
 * @param name         with its CONFIG_ prefix
 * @param value        as a .config shows it
 * @param reason       where the value comes from: "set in …", "selected by …", "by default: …"
 * @param visible      whether a prompt is visible, so a user value can take effect
 * @param visibility   why it is or is not visible
 * @param dependsOn    the direct dependencies with values ({@code y} when there are none)
 * @param defaults     one line per default; the one in effect is marked "(in effect)"
 * @param selectedBy   one line per select naming this symbol, with values; "(active)" when in effect
 * @param impliedBy    likewise for imply
 * @param ranges       for int and hex symbols
 * @param choice       for a choice symbol: the choice and its current selection
 * @param userValue    the assignment of the partial configuration and who made it
 * @param userValueHeld whether the symbol ended up with the assigned value
 * @param problem      why the assignment did not hold, when it did not
 * @param undefinedSelects one line per select or imply of this symbol whose target no Kconfig file
 *                     defines (kconfig ignores it); "(active)" when the symbol is on and its condition holds
 */
public record Explanation(String name, SymbolType type, String value, String reason, boolean written,
                          boolean visible, String visibility, List<Site> sites, String dependsOn,
                          List<String> defaults, List<String> selectedBy, List<String> impliedBy,
                          List<String> ranges, Optional<String> choice, Optional<String> userValue,
                          Optional<Boolean> userValueHeld, Optional<ConfigProblem> problem,
                          List<String> undefinedSelects) {

    /** One definition site: where, its prompt with its condition, its help text. */
    public record Site(Location location, Optional<String> prompt, Optional<String> help) {
    }

    /** The explanation as text for a terminal, one fact per line. */
    public String render() {
        StringBuilder b = new StringBuilder();
        b.append(name).append('=').append(value).append("  (").append(type.keyword()).append(")\n");
        b.append("  value: ").append(reason.isEmpty() ? "no default applies" : reason).append('\n');
        userValue.ifPresent(u -> b.append("  assigned: ").append(u)
                .append(userValueHeld.orElse(false) ? " (held)" : " (did not hold)").append('\n'));
        problem.ifPresent(p -> b.append("  problem: ").append(p.message()).append("\n  fix: ").append(p.fix()).append('\n'));
        b.append("  visible: ").append(visible ? "yes" : "no").append(" — ").append(visibility).append('\n');
        b.append("  depends on: ").append(dependsOn).append('\n');
        choice.ifPresent(c -> b.append("  choice: ").append(c).append('\n'));
        list(b, "defaults", defaults);
        list(b, "selected by", selectedBy);
        list(b, "implied by", impliedBy);
        list(b, "ranges", ranges);
        list(b, "selects of symbols no Kconfig file defines (kconfig ignores them)", undefinedSelects);
        if (!written) {
            b.append("  not written to .config (invisible and no default applies)\n");
        }
        for (Site site : sites) {
            b.append("  defined at ").append(site.location());
            site.prompt().ifPresent(p -> b.append(": ").append(p));
            b.append('\n');
            site.help().ifPresent(h -> {
                for (String line : h.split("\n", -1)) {
                    b.append(line.isEmpty() ? "" : "    " + line).append('\n');
                }
            });
        }
        return b.toString();
    }

    private static void list(StringBuilder b, String title, List<String> items) {
        if (items.isEmpty()) {
            return;
        }
        b.append("  ").append(title).append(":\n");
        for (String item : items) {
            b.append("    ").append(item).append('\n');
        }
    }
}
