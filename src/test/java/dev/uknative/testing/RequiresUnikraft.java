package dev.uknative.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test only when {@code UKNATIVE_TEST_UNIKRAFT} names a Unikraft tree; otherwise the test is
 * skipped and the reason printed (Unikraft is in no package registry, so CI has none).
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(UnikraftCondition.class)
public @interface RequiresUnikraft {
}
