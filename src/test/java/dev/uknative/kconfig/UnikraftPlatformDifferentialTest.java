package dev.uknative.kconfig;

import static org.assertj.core.api.Assertions.assertThat;

import dev.uknative.project.Platform;
import dev.uknative.testing.RequiresUnikraft;
import dev.uknative.testing.UnikraftCondition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Firecracker and Xen targets' configurations against Kconfiglib on the tree named by
 * UKNATIVE_TEST_UNIKRAFT, as {@link UnikraftKconfigDifferentialTest} does for qemu/x86_64: the
 * platform's options exactly as {@link Platform#kconfig()} gives them to the build, with the
 * architecture's, each .config compared line for line.
 */
@RequiresUnikraft
@Tag("e2e")
class UnikraftPlatformDifferentialTest {

    @TempDir
    Path work;

    @ParameterizedTest(name = "{0}/{1}")
    @CsvSource({"fc, x86_64, CONFIG_ARCH_X86_64", "xen, x86_64, CONFIG_ARCH_X86_64", "fc, arm64, CONFIG_ARCH_ARM_64"})
    void platformDefaultsMatchKconfiglib(String platform, String architecture, String archOption) throws Exception {
        Path root = work.toRealPath();
        Path app = Files.createDirectories(root.resolve("app"));
        Path build = root.resolve("build");
        Files.createDirectories(build.resolve("kconfig"));
        Path unikraft = UnikraftCondition.tree().toRealPath();
        String versionMk = Files.readString(unikraft.resolve("version.mk"));
        UnikraftKconfigVariables variables = UnikraftKconfigVariables.of(unikraft, app, List.of(), build, root.resolve(".config"),
                "hello", UnikraftKconfigVariables.fullVersion(versionMk, "~test"),
                UnikraftKconfigVariables.codename(versionMk).orElse(""), architecture);
        Map<String, String> environment = variables.variables();
        KconfigTree tree = KconfigParser.parse(variables.rootKconfig(), environment);

        List<String> lines = new ArrayList<>();
        lines.add(archOption + "=y");
        lines.addAll(Platform.parse(platform).orElseThrow().kconfig());
        List<ConfigAssignment> fragment = UnikraftKconfigDifferentialTest.assignments(lines, "platform");

        String expected = KconfiglibOracle.olddefconfig(variables.rootKconfig(), environment, fragment, work);
        SolvedConfig solved = KconfigSolver.solve(tree, fragment);
        KconfiglibOracle.assertSameLines(expected, DotConfigWriter.body(solved), platform + "/" + architecture + " defaults");
        // what the fragment asked for holds: the platform really is selected
        for (String line : lines) {
            assertThat(expected).as(platform + "/" + architecture).contains(line + "\n");
        }
    }

}
