package dev.uknative.kconfig.bench;

import dev.uknative.kconfig.ConfigAssignment;
import dev.uknative.kconfig.DotConfigWriter;
import dev.uknative.kconfig.KconfigParser;
import dev.uknative.kconfig.KconfigSolver;
import dev.uknative.kconfig.KconfigTree;
import dev.uknative.kconfig.SolvedConfig;
import dev.uknative.kconfig.UnikraftKconfigVariables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Parse and solve the whole Unikraft tree named by {@code UKNATIVE_TEST_UNIKRAFT} (issue #3: under
 * 300 ms after warm-up), for the qemu/x86_64 defaults. Run with {@code bench/jmh KconfigBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class KconfigBenchmark {

    private static final List<ConfigAssignment> QEMU_X86_64 = List.of(
            new ConfigAssignment("CONFIG_ARCH_X86_64", "y", "benchmark", Optional.empty()),
            new ConfigAssignment("CONFIG_PLAT_KVM", "y", "benchmark", Optional.empty()),
            new ConfigAssignment("CONFIG_KVM_VMM_QEMU", "y", "benchmark", Optional.empty()));

    private Path root;
    private Map<String, String> variables;

    @Setup
    public void setUp() throws Exception {
        String tree = System.getenv("UKNATIVE_TEST_UNIKRAFT");
        if (tree == null || !Files.isRegularFile(Path.of(tree, "Config.uk"))) {
            throw new IllegalStateException("set UKNATIVE_TEST_UNIKRAFT to a Unikraft tree");
        }
        Path unikraft = Path.of(tree).toRealPath();
        Path app = Files.createTempDirectory("uknative-bench");
        UnikraftKconfigVariables v = UnikraftKconfigVariables.of(unikraft, app, List.of(), app.resolve(".unikraft/build"),
                app.resolve(".config"), "bench", "0.17.0", "Calypso", "x86_64");
        root = v.rootKconfig();
        variables = v.variables();
    }

    @Benchmark
    public KconfigTree parse() {
        return KconfigParser.parse(root, variables);
    }

    @Benchmark
    public String parseSolveAndWrite() {
        KconfigTree tree = KconfigParser.parse(root, variables);
        SolvedConfig solved = KconfigSolver.solve(tree, QEMU_X86_64);
        return DotConfigWriter.write(tree, solved);
    }
}
