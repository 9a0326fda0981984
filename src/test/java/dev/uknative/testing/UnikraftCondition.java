package dev.uknative.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/** The condition behind {@link RequiresUnikraft}; prints why a test is skipped. */
public final class UnikraftCondition implements ExecutionCondition {

    public static final String VARIABLE = "UKNATIVE_TEST_UNIKRAFT";

    /** The tree named by {@code UKNATIVE_TEST_UNIKRAFT}; only call from tests that carry the annotation. */
    public static Path tree() {
        return Path.of(System.getenv(VARIABLE)).toAbsolutePath();
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        String value = System.getenv(VARIABLE);
        String reason;
        if (value == null || value.isBlank()) {
            reason = VARIABLE + " is not set: skipping " + context.getDisplayName()
                    + " (set it to a Unikraft checkout, e.g. RELEASE-0.17.0, to run the end-to-end tests)";
        } else if (!Files.isRegularFile(Path.of(value, "Config.uk"))) {
            reason = VARIABLE + "=" + value + " is not a Unikraft tree (no Config.uk): skipping " + context.getDisplayName();
        } else {
            return ConditionEvaluationResult.enabled(VARIABLE + "=" + value);
        }
        System.out.println("[skipped] " + reason);
        return ConditionEvaluationResult.disabled(reason);
    }
}
