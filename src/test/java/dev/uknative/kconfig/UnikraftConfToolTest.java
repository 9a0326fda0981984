package dev.uknative.kconfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.uknative.testing.RequiresUnikraft;
import dev.uknative.testing.UnikraftCondition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine against Unikraft's own kconfig tool, the way a build uses it: {@code make olddefconfig}
 * with a partial .config, then {@code conf --syncconfig} (what make runs before compiling). The .config,
 * {@code $(O)/kconfig/auto.conf} and {@code $(O)/include/uk/bits/config.h} must be the same bytes.
 * Needs make and gcc (make compiles conf first).
 */
@RequiresUnikraft
@Tag("e2e")
class UnikraftConfToolTest {

    @TempDir
    Path work;

    @Test
    void writesTheSameFilesAsConf() throws Exception {
        Path root = work.toRealPath();
        Path unikraft = UnikraftCondition.tree().toRealPath();
        Path app = Files.createDirectories(root.resolve("app"));
        Files.writeString(app.resolve("Makefile.uk"), "");
        Path build = root.resolve("build");
        Path config = root.resolve(".config");
        List<String> make = List.of("make", "-s", "-C", unikraft.toString(), "A=" + app, "O=" + build, "C=" + config, "N=hello");

        String version = lastLine(run(concat(make, "print-version"), root, Map.of()));
        String versionMk = Files.readString(unikraft.resolve("version.mk"));
        String host = UnikraftKconfigVariables.hostArchitecture(run(List.of("gcc", "-v"), root, Map.of())).orElseThrow();
        UnikraftKconfigVariables variables = UnikraftKconfigVariables.of(unikraft, app, List.of(), build, config, "hello",
                version, UnikraftKconfigVariables.codename(versionMk).orElse(""), host);
        KconfigTree tree = KconfigParser.parse(variables.rootKconfig(), variables.variables());

        List<List<String>> fragments = new ArrayList<>();
        fragments.add(UnikraftKconfigDifferentialTest.QEMU_X86_64);
        List<String> posix = new ArrayList<>(UnikraftKconfigDifferentialTest.QEMU_X86_64);
        posix.addAll(UnikraftKconfigDifferentialTest.POSIX_HEAVY);
        fragments.add(posix);
        List<String> visible = new ArrayList<>();
        for (SymbolStatus s : KconfigSolver.solve(tree, UnikraftKconfigDifferentialTest.assignments(
                UnikraftKconfigDifferentialTest.QEMU_X86_64, "platform")).symbols()) {
            if (s.visible() && s.type() == SymbolType.BOOL) {
                visible.add(s.name());
            }
        }
        Random random = new Random(5);
        for (int i = 0; i < 6; i++) {
            List<String> lines = new ArrayList<>(UnikraftKconfigDifferentialTest.QEMU_X86_64);
            for (int k = 0; k < 25; k++) {
                lines.add(visible.get(random.nextInt(visible.size())) + "=" + (random.nextBoolean() ? "y" : "n"));
            }
            fragments.add(lines);
        }

        for (List<String> lines : fragments) {
            List<ConfigAssignment> fragment = UnikraftKconfigDifferentialTest.assignments(lines, "test");
            StringBuilder text = new StringBuilder();
            for (ConfigAssignment a : fragment) {
                text.append(a.disables() ? "# " + a.symbol() + " is not set" : a.symbol() + "=" + a.value()).append('\n');
            }
            Files.writeString(config, text);
            run(concat(make, "olddefconfig"), root, Map.of());
            run(List.of(build.resolve("kconfig/conf").toString(), "--syncconfig", variables.rootKconfig().toString()), build,
                    variables.variables());

            SolvedConfig solved = KconfigSolver.solve(tree, fragment);
            String what = "fragment " + lines;
            KconfiglibOracle.assertSameLines("conf", Files.readString(config), DotConfigWriter.write(tree, solved), ".config of " + what);
            KconfiglibOracle.assertSameLines("conf", Files.readString(variables.autoConf()), AutoConfWriter.write(tree, solved),
                    "auto.conf of " + what);
            KconfiglibOracle.assertSameLines("conf", Files.readString(variables.autoHeader()), AutoHeaderWriter.write(tree, solved),
                    "config.h of " + what);
            assertThat(DotConfigWriter.write(tree, solved)).isEqualTo(Files.readString(config));
            assertThat(AutoConfWriter.write(tree, solved)).isEqualTo(Files.readString(variables.autoConf()));
            assertThat(AutoHeaderWriter.write(tree, solved)).isEqualTo(Files.readString(variables.autoHeader()));
        }
    }

    private static List<String> concat(List<String> head, String last) {
        List<String> out = new ArrayList<>(head);
        out.add(last);
        return out;
    }

    private static String lastLine(String text) {
        String[] lines = text.strip().split("\n");
        return lines[lines.length - 1].strip();
    }

    /** Runs a command with both streams in one file; fails with its output when it fails. */
    private String run(List<String> command, Path directory, Map<String, String> environment)
            throws IOException, InterruptedException {
        Path output = Files.createTempFile(work, "out", ".log");
        ProcessBuilder pb = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile()).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        pb.environment().putAll(environment);
        Process p = pb.start();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(String.join(" ", command) + " did not finish within 300 s");
        }
        String text = Files.readString(output);
        if (p.exitValue() != 0) {
            fail(String.join(" ", command) + " failed (exit " + p.exitValue() + "):\n" + text);
        }
        return text;
    }
}
