package dev.uknative.origin;

import dev.uknative.core.UknativeException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * URL prefixes rewritten before a download, for organisations that keep an internal mirror of the
 * archives libraries fetch. Written as {@code FROM=TO} pairs separated by white space (the
 * environment variable {@code UKNATIVE_MIRRORS}), e.g.
 * {@code https://github.com/=https://mirror.example.com/github/}; the longest matching prefix wins.
 * Only where the bytes come from changes: the cache, the lock file and every message keep the URL the
 * library names.
 */
public record Mirrors(List<Rule> rules) {

    /** The environment variable that holds the rules. */
    public static final String VARIABLE = "UKNATIVE_MIRRORS";

    public record Rule(String from, String to) {
    }

    public static final Mirrors NONE = new Mirrors(List.of());

    public Mirrors {
        rules = rules.stream().sorted(Comparator.comparingInt((Rule r) -> r.from().length()).reversed()).toList();
    }

    /** Parses {@code FROM=TO FROM=TO …}; blank or absent text is no rule. */
    public static Mirrors parse(String text) {
        if (text == null || text.isBlank()) {
            return NONE;
        }
        List<Rule> rules = new ArrayList<>();
        for (String pair : text.trim().split("\\s+")) {
            int eq = pair.indexOf('=');
            if (eq <= 0 || eq == pair.length() - 1) {
                throw UknativeException.usage(VARIABLE + ": '" + pair + "' is not FROM=TO",
                        "write prefix pairs separated by spaces, e.g.  " + VARIABLE
                                + "='https://github.com/=https://mirror.example.com/github/'");
            }
            rules.add(new Rule(pair.substring(0, eq), pair.substring(eq + 1)));
        }
        return new Mirrors(rules);
    }

    /** Where to download {@code url} from. */
    public String rewrite(String url) {
        for (Rule rule : rules) {
            if (url.startsWith(rule.from())) {
                return rule.to() + url.substring(rule.from().length());
            }
        }
        return url;
    }
}
