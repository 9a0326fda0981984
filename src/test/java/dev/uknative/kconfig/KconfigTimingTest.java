package dev.uknative.kconfig;

import dev.uknative.testing.RequiresUnikraft;
import dev.uknative.testing.UnikraftCondition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * A measurement, not a test: how long parsing and solving the whole Unikraft tree takes in process after
 * warm-up. Run by hand: {@code UKNATIVE_TEST_UNIKRAFT=… mvn test -Dtest=KconfigTimingTest -Duknative.timing=true}.
 * (The JMH benchmark the report describes measures the same thing more carefully.)
 */
@RequiresUnikraft
@EnabledIfSystemProperty(named = "uknative.timing", matches = "true")
@Tag("e2e")
class KconfigTimingTest {

    @Test
    void parseAndSolveTheWholeTree() throws IOException {
        Path unikraft = UnikraftCondition.tree().toRealPath();
        Path scratch = Files.createTempDirectory("uknative-timing");
        UnikraftKconfigVariables variables = UnikraftKconfigVariables.of(unikraft, scratch, List.of(), scratch.resolve("build"),
                scratch.resolve(".config"), "hello", "0.17.0~timing", "Calypso", "x86_64");
        Map<String, String> env = variables.variables();
        List<ConfigAssignment> fragment = UnikraftKconfigDifferentialTest.assignments(
                UnikraftKconfigDifferentialTest.POSIX_HEAVY, "timing");
        int warmup = 200;
        int runs = 200;
        double[] parse = new double[runs];
        double[] solve = new double[runs];
        double[] write = new double[runs];
        for (int i = 0; i < warmup + runs; i++) {
            long t0 = System.nanoTime();
            KconfigTree tree = KconfigParser.parse(variables.rootKconfig(), env);
            long t1 = System.nanoTime();
            SolvedConfig solved = KconfigSolver.solve(tree, fragment);
            long t2 = System.nanoTime();
            DotConfigWriter.write(tree, solved);
            long t3 = System.nanoTime();
            if (i >= warmup) {
                parse[i - warmup] = (t1 - t0) / 1e6;
                solve[i - warmup] = (t2 - t1) / 1e6;
                write[i - warmup] = (t3 - t2) / 1e6;
            }
        }
        System.out.printf("kconfig timing on %s (%d runs after %d warm-up): parse %s, solve %s, write .config %s%n",
                unikraft, runs, warmup, stats(parse), stats(solve), stats(write));
    }

    private static String stats(double[] ms) {
        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        return String.format("median %.2f ms (p90 %.2f ms)", sorted[sorted.length / 2], sorted[sorted.length * 9 / 10]);
    }
}
