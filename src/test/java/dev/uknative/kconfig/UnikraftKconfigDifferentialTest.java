package dev.uknative.kconfig;

import static org.assertj.core.api.Assertions.assertThat;

import dev.uknative.core.Location;
import dev.uknative.testing.RequiresUnikraft;
import dev.uknative.testing.UnikraftCondition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kconfig engine against Kconfiglib on the whole Unikraft tree named by UKNATIVE_TEST_UNIKRAFT
 * (run it once per tree: 0.17.0 and the staging branch), with the variables Unikraft's Makefile would
 * pass: the qemu/x86_64 defaults, a POSIX-heavy set and forty random fragments, each .config compared
 * line for line. Kconfiglib runs config-submenu.sh for real, so the files the engine emulates are
 * compared with the ones the script wrote.
 */
@RequiresUnikraft
@Tag("e2e")
class UnikraftKconfigDifferentialTest {

    static final List<String> QEMU_X86_64 = List.of("CONFIG_ARCH_X86_64=y", "CONFIG_PLAT_KVM=y", "CONFIG_KVM_VMM_QEMU=y");

    static final List<String> QEMU_ARM64 = List.of("CONFIG_ARCH_ARM_64=y", "CONFIG_PLAT_KVM=y", "CONFIG_KVM_VMM_QEMU=y");

    static final List<String> POSIX_HEAVY = List.of("CONFIG_LIBVFSCORE=y", "CONFIG_LIBPOSIX_PROCESS=y",
            "CONFIG_LIBPOSIX_MMAP=y", "CONFIG_LIBPOSIX_ENVIRON=y", "CONFIG_LIBPOSIX_ENVIRON_LIBPARAM=y",
            "CONFIG_LIBSYSCALL_SHIM=y", "CONFIG_LIBSYSCALL_SHIM_HANDLER=y", "CONFIG_LIBUKDEBUG_PRINTD=y",
            "CONFIG_LIBPOSIX_FDIO=y", "CONFIG_LIBPOSIX_FDTAB=y", "CONFIG_LIBRAMFS=y", "CONFIG_LIBDEVFS=y",
            "CONFIG_LIBUKVMEM=y", "CONFIG_PAGING=y", "CONFIG_LIBPOSIX_TIME=y", "CONFIG_LIBPOSIX_USER=y");

    @TempDir
    Path work;

    private UnikraftKconfigVariables variables;
    private Map<String, String> environment;
    private KconfigTree tree;

    @BeforeEach
    void parseTheTree() throws IOException {
        Path root = work.toRealPath();
        Path app = Files.createDirectories(root.resolve("app"));
        Path build = root.resolve("build");
        Files.createDirectories(build.resolve("kconfig"));
        Path unikraft = UnikraftCondition.tree().toRealPath();
        String versionMk = Files.readString(unikraft.resolve("version.mk"));
        variables = UnikraftKconfigVariables.of(unikraft, app, List.of(), build, root.resolve(".config"), "hello",
                UnikraftKconfigVariables.fullVersion(versionMk, "~test"),
                UnikraftKconfigVariables.codename(versionMk).orElse(""), "x86_64");
        environment = variables.variables();
        tree = KconfigParser.parse(variables.rootKconfig(), environment);
    }

    static List<ConfigAssignment> assignments(List<String> lines, String origin) {
        List<ConfigAssignment> out = new ArrayList<>();
        for (String line : lines) {
            out.add(ConfigAssignment.of(line, origin));
        }
        return out;
    }

    private void assertSameAsKconfiglib(List<ConfigAssignment> fragment, String what) throws Exception {
        String expected = KconfiglibOracle.olddefconfig(variables.rootKconfig(), environment, fragment, work);
        SolvedConfig solved = KconfigSolver.solve(tree, fragment);
        KconfiglibOracle.assertSameLines(expected, DotConfigWriter.body(solved), what);
    }

    @Test
    void qemuDefaults() throws Exception {
        assertSameAsKconfiglib(assignments(QEMU_X86_64, "platform"), "qemu/x86_64 defaults");
        // Kconfiglib ran the real config-submenu.sh into KCONFIG_DIR: the emulation wrote the same files
        assertThat(tree.generatedFiles()).isNotEmpty();
        for (Map.Entry<Path, String> generated : tree.generatedFiles().entrySet()) {
            assertThat(generated.getKey()).content().as(generated.getKey().toString()).isEqualTo(generated.getValue());
        }
    }

    @Test
    void posixHeavy() throws Exception {
        List<String> lines = new ArrayList<>(QEMU_X86_64);
        lines.addAll(POSIX_HEAVY);
        assertSameAsKconfiglib(assignments(lines, "posix"), "POSIX-heavy set");
    }

    @Test
    void qemuArm64Defaults() throws Exception {
        assertSameAsKconfiglib(assignments(QEMU_ARM64, "platform"), "qemu/arm64 defaults");
        SolvedConfig solved = KconfigSolver.solve(tree, assignments(QEMU_ARM64, "platform"));
        assertThat(solved.isEnabled("CONFIG_ARCH_ARM_64")).isTrue();
        assertThat(solved.isEnabled("CONFIG_LIBUKTTY_PL011")).isTrue();
        assertThat(solved.isEnabled("CONFIG_ARCH_X86_64")).isFalse();
    }

    @Test
    void posixHeavyOnArm64() throws Exception {
        List<String> lines = new ArrayList<>(QEMU_ARM64);
        lines.addAll(POSIX_HEAVY);
        assertSameAsKconfiglib(assignments(lines, "posix"), "POSIX-heavy set on arm64");
    }

    /** Twenty fragments on arm64, where other platform, timer, interrupt-controller and UART options show. */
    @Test
    void randomArm64Fragments() throws Exception {
        randomFragments(QEMU_ARM64, 20, 64);
    }

    /** Forty fragments: the qemu defaults and 3 to 40 random prompt-visible bool symbols set to y or n. */
    @Test
    void randomFragments() throws Exception {
        randomFragments(QEMU_X86_64, 40, 17);
    }

    private void randomFragments(List<String> platform, int fragments, long seed) throws Exception {
        List<String> visible = new ArrayList<>();
        for (SymbolStatus s : KconfigSolver.solve(tree, assignments(platform, "platform")).symbols()) {
            if (s.visible() && s.type() == SymbolType.BOOL) {
                visible.add(s.name());
            }
        }
        Random random = new Random(seed);
        for (int i = 0; i < fragments; i++) {
            List<String> lines = new ArrayList<>(platform);
            int count = 3 + random.nextInt(38);
            for (int k = 0; k < count; k++) {
                lines.add(visible.get(random.nextInt(visible.size())) + "=" + (random.nextBoolean() ? "y" : "n"));
            }
            assertSameAsKconfiglib(assignments(lines, "random"), "random fragment " + i + ": " + lines);
        }
    }

    @Test
    void reportsASelectedSymbolAndExplainsIt() {
        Path kraftfile = work.resolve("Kraftfile");
        List<ConfigAssignment> fragment = new ArrayList<>(assignments(QEMU_X86_64, "platform qemu"));
        fragment.add(new ConfigAssignment("CONFIG_LIBVFSCORE", "y", "Kraftfile unikraft.kconfig",
                Optional.of(new Location(kraftfile, 7, 5))));
        fragment.add(new ConfigAssignment("CONFIG_LIBPOSIX_TTY", "n", "Kraftfile unikraft.kconfig",
                Optional.of(new Location(kraftfile, 8, 5))));
        fragment.add(ConfigAssignment.of("CONFIG_LIBVFSCOR=y", "Kraftfile unikraft.kconfig"));
        SolvedConfig solved = KconfigSolver.solve(tree, fragment);

        assertThat(solved.problems()).extracting(ConfigProblem::message).containsExactly(
                "CONFIG_LIBPOSIX_TTY=n cannot hold: selected by CONFIG_LIBVFSCORE (set in Kraftfile unikraft.kconfig ("
                        + kraftfile + ":7:5))",
                "CONFIG_LIBVFSCOR=y cannot hold: no Kconfig file of this tree defines LIBVFSCOR (nearest: CONFIG_LIBVFSCORE)");
        assertThat(solved.problems().get(0).fix()).isEqualTo("remove CONFIG_LIBPOSIX_TTY=n");

        Explanation tty = solved.explain("CONFIG_LIBPOSIX_TTY").orElseThrow();
        assertThat(tty.value()).isEqualTo("y");
        assertThat(tty.sites().get(0).location().file()).isEqualTo(variables.unikraft().resolve("lib/posix-tty/Config.uk"));
        assertThat(tty.selectedBy()).anyMatch(s -> s.startsWith("CONFIG_LIBVFSCORE [=y]: select at "
                + variables.unikraft().resolve("lib/vfscore/Config.uk")) && s.endsWith("(active)"));
        assertThat(tty.render()).contains("problem: CONFIG_LIBPOSIX_TTY=n cannot hold");
    }

    @Test
    void reportsUnmetDependenciesOnTheRealTree() {
        SolvedConfig solved = KconfigSolver.solve(tree, assignments(List.of("CONFIG_ARCH_X86_64=y", "CONFIG_PLAT_KVM=y",
                "CONFIG_LIBPOSIX_ENVIRON_LIBPARAM=y"), "Kraftfile"));
        ConfigProblem p = solved.problems().get(0);
        assertThat(p.kind()).isEqualTo(ConfigProblem.Kind.UNMET_DEPENDENCY);
        assertThat(p.message()).startsWith("CONFIG_LIBPOSIX_ENVIRON_LIBPARAM=y cannot hold: CONFIG_LIBPOSIX_ENVIRON_LIBPARAM"
                + " depends on ").contains("CONFIG_LIBPOSIX_ENVIRON is n (defined at "
                + variables.unikraft().resolve("lib/posix-environ/Config.uk"));
        assertThat(p.fix()).contains("CONFIG_LIBPOSIX_ENVIRON=y");
    }
}
