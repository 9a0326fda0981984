package dev.uknative.kconfig;

import dev.uknative.core.ExitCode;
import dev.uknative.core.UknativeException;
import java.util.List;
import java.util.Objects;

/**
 * An assignment that cannot hold, and why: the configuration is still solved (the assignment is dropped,
 * as kconfig drops it), but instead of silence the caller gets this, with a suggested fix.
 *
 * @param kind       what went wrong
 * @param assignment the assignment that cannot hold, with who asked for it and where
 * @param message    {@code CONFIG_X=y cannot hold: …}, naming the symbols involved and where they are
 *                   defined or set
 * @param fix        what to change: "also set CONFIG_LIBVFSCORE=y", "remove CONFIG_X=n", …
 */
public record ConfigProblem(Kind kind, ConfigAssignment assignment, String message, String fix) {

    /** The kinds of assignments that cannot hold. */
    public enum Kind {
        /** No Kconfig file defines the symbol. */
        UNKNOWN_SYMBOL,
        /** The value is not one the symbol's type accepts ({@code m} or {@code 42} for a bool, text for an int…). */
        INVALID_VALUE,
        /** The symbol is invisible because its dependencies ({@code depends on}, if, menu) are not met. */
        UNMET_DEPENDENCY,
        /** The symbol has no prompt: only defaults and selects decide its value. */
        NOT_USER_SETTABLE,
        /** {@code =n} on a symbol that an enabled symbol selects. */
        SELECTED,
        /** A choice symbol: another one is selected, or the choice needs this one. */
        CHOICE,
        /** An int or hex value outside the symbol's active range. */
        OUT_OF_RANGE
    }

    public ConfigProblem {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(assignment, "assignment");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(fix, "fix");
    }

    /** Problems shown in one refusal, at most; the count says how many there are. */
    static final int SHOWN = 10;

    /**
     * The error for assignments that cannot hold: each with its fix, at the first one's location.
     * Build refuses every problem with it; the commands that only read a configuration refuse the
     * malformed values ({@link SolvedConfig#requireWellFormedValues()}).
     */
    public static UknativeException refusal(List<ConfigProblem> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("no problems to refuse");
        }
        StringBuilder text = new StringBuilder(problems.size() == 1 ? "a kconfig request cannot hold:"
                : problems.size() + " kconfig requests cannot hold:");
        for (ConfigProblem p : problems.subList(0, Math.min(SHOWN, problems.size()))) {
            text.append("\n  ").append(p.message()).append("\n    fix: ").append(p.fix());
        }
        if (problems.size() > SHOWN) {
            text.append("\n  and ").append(problems.size() - SHOWN).append(" more");
        }
        return new UknativeException(ExitCode.INVALID_INPUT, problems.get(0).assignment().location().orElse(null), text.toString(),
                "change the Kraftfile's kconfig as suggested (uknative config explain SYMBOL tells why)");
    }

    /** The symbol the assignment names, with its CONFIG_ prefix. */
    public String symbol() {
        return assignment.symbol();
    }

    @Override
    public String toString() {
        return message + " (fix: " + fix + ")";
    }
}
