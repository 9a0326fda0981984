package dev.uknative.kconfig;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The symbol values of a {@code .config} file as kconfig writes it: {@code CONFIG_X=value} lines and
 * {@code # CONFIG_X is not set} lines (which mean {@code n}); other comments are skipped.
 */
public record DotConfig(Map<String, String> values) {

    private static final Pattern SET = Pattern.compile("^(CONFIG_[A-Za-z0-9_]+)=(.*)$");
    private static final Pattern NOT_SET = Pattern.compile("^# (CONFIG_[A-Za-z0-9_]+) is not set$");

    public DotConfig {
        values = Map.copyOf(values);
    }

    public static DotConfig parse(String text) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            Matcher set = SET.matcher(line);
            if (set.matches()) {
                values.put(set.group(1), set.group(2));
                continue;
            }
            Matcher unset = NOT_SET.matcher(line);
            if (unset.matches()) {
                values.put(unset.group(1), "n");
            }
        }
        return new DotConfig(values);
    }

    /** The symbol's value; {@code n} for one written as not set; empty when the symbol is absent. */
    public Optional<String> value(String symbol) {
        return Optional.ofNullable(values.get(symbol));
    }

    /**
     * Whether the assignment holds here. An absent symbol holds {@code n} (kconfig omits symbols whose
     * menu is invisible).
     */
    public boolean holds(ConfigAssignment requested) {
        String actual = values.getOrDefault(requested.symbol(), "n");
        return actual.equals(requested.value());
    }
}
