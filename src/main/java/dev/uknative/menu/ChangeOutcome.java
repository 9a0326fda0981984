package dev.uknative.menu;

import dev.uknative.kconfig.SolvedConfig;
import java.util.Objects;

/** What became of a change the menu asked for. */
public sealed interface ChangeOutcome {

    /**
     * The change was kept.
     *
     * @param config  the configuration with it
     * @param summary what was written and what else changed, for the status line
     */
    record Applied(SolvedConfig config, String summary) implements ChangeOutcome {
        public Applied {
            Objects.requireNonNull(config, "config");
            Objects.requireNonNull(summary, "summary");
        }
    }

    /**
     * The change cannot hold, or could not be written; nothing changed.
     *
     * @param reason why, with the fix, possibly on several lines
     */
    record Refused(String reason) implements ChangeOutcome {
        public Refused {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
