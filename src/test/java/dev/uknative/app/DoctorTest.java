package dev.uknative.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.uknative.app.Doctor.Check;
import dev.uknative.app.Doctor.HostFacts;
import dev.uknative.app.Doctor.KvmFacts;
import dev.uknative.app.Doctor.Program;
import dev.uknative.app.Doctor.ProjectFacts;
import dev.uknative.app.Doctor.Status;
import dev.uknative.app.Doctor.Toolchain;
import dev.uknative.project.NativeLibrary;
import dev.uknative.run.QemuVersion;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The doctor's decisions on made-up hosts: what is needed, what only noted, and the fixes. */
class DoctorTest {

    private static final Path KRAFTFILE = Path.of("/p/Kraftfile");

    private static Map<String, Program> allPrograms() {
        Map<String, Program> programs = new HashMap<>();
        for (String p : List.of("make", "gcc", "ld", "ar", "git", "flex", "bison", "qemu-system-x86_64",
                "aarch64-linux-gnu-gcc", "qemu-system-aarch64")) {
            programs.put(p, new Program(Path.of("/usr/bin", p), p + " 1.0"));
        }
        return programs;
    }

    private static HostFacts host(ProjectFacts project, Map<String, Program> programs, String qemu, KvmFacts kvm, long free,
            Map<String, Toolchain> toolchains) {
        return new HostFacts(project, programs, QemuVersion.parse("QEMU emulator version " + qemu), kvm, true, Path.of("/c"), free,
                toolchains);
    }

    private static final KvmFacts HARDWARE = new KvmFacts(true, true, Set.of("kvm", "kvm_intel"));
    private static final KvmFacts PVM = new KvmFacts(true, true, Set.of("kvm", "kvm_pvm"));
    private static final KvmFacts NONE = new KvmFacts(false, false, Set.of());
    private static final ProjectFacts RANDOM_ON = new ProjectFacts(Optional.of(KRAFTFILE), Optional.empty(), Set.of(), false);
    private static final ProjectFacts RANDOM_OFF = new ProjectFacts(Optional.of(KRAFTFILE), Optional.empty(), Set.of(), true);

    private static Check named(List<Check> checks, String name) {
        return checks.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow(() -> new AssertionError(name + " in " + checks));
    }

    private static boolean healthy(List<Check> checks) {
        return new Doctor.Report(Path.of("/p"), checks).healthy();
    }

    @Test
    void arm64sCrossCompilerAndQemuAreANoteWhenMissingAndNamedWhenThere() {
        Map<String, Program> withoutArm = new HashMap<>(allPrograms());
        withoutArm.keySet().removeAll(List.of("aarch64-linux-gnu-gcc", "qemu-system-aarch64"));
        Check missing = named(Doctor.decide(host(RANDOM_ON, withoutArm, "7.2.0", NONE, 10L << 30, Map.of())), "arm64");
        Map<String, Program> withArm = new HashMap<>(allPrograms());
        withArm.put("aarch64-linux-gnu-gcc", new Program(Path.of("/usr/bin/aarch64-linux-gnu-gcc"), "aarch64-linux-gnu-gcc 12.2.0"));
        withArm.put("qemu-system-aarch64", new Program(Path.of("/usr/bin/qemu-system-aarch64"), "QEMU emulator version 7.2.22"));
        Check there = named(Doctor.decide(host(RANDOM_ON, withArm, "7.2.0", NONE, 10L << 30, Map.of())), "arm64");

        assertThat(missing.status()).isEqualTo(Doctor.Status.NOTE);
        assertThat(missing.fails()).isFalse();
        assertThat(missing.fix()).contains("sudo apt-get install gcc-aarch64-linux-gnu qemu-system-arm");
        assertThat(there.status()).isEqualTo(Doctor.Status.OK);
        assertThat(there.detail()).contains("QEMU 7.2.22");
    }

    @Test
    void aHostWithEverythingAndHardwareKvmIsHealthy() {
        List<Check> checks = Doctor.decide(host(RANDOM_ON, allPrograms(), "7.2.0", HARDWARE, 10L << 30, Map.of()));

        assertThat(checks).allMatch(c -> c.status() == Status.OK, "all OK");
        assertThat(named(checks, "KVM").detail()).contains("kvm_intel");
        assertThat(checks).noneMatch(c -> c.name().contains("flex"));
        assertThat(healthy(checks)).isTrue();
    }

    @Test
    void paravirtualKvmIsNoKvmAndOldQemuCannotBootLibukrandom() {
        List<Check> checks = Doctor.decide(host(RANDOM_ON, allPrograms(), "7.2.0", PVM, 10L << 30, Map.of()));

        assertThat(named(checks, "KVM").status()).isEqualTo(Status.NOTE);
        assertThat(named(checks, "KVM").detail()).contains("kvm_pvm").contains("TCG");
        Check rdseed = named(checks, "RDSEED");
        assertThat(rdseed.fails()).isTrue();
        assertThat(rdseed.detail()).contains("QEMU 7.2.0").contains("8.1.3").contains("CONFIG_LIBUKRANDOM");
        assertThat(rdseed.fix()).hasValueSatisfying(f -> assertThat(f).contains("CONFIG_LIBUKRANDOM: n"));
        assertThat(healthy(checks)).isFalse();
    }

    @Test
    void rdseedOnTcgNeedsQemu813OrTheProjectWithoutLibukrandom() {
        assertThat(named(Doctor.decide(host(RANDOM_ON, allPrograms(), "8.1.3", NONE, 10L << 30, Map.of())), "RDSEED").status())
                .isEqualTo(Status.OK);
        assertThat(named(Doctor.decide(host(RANDOM_ON, allPrograms(), "8.1.2", NONE, 10L << 30, Map.of())), "RDSEED").fails())
                .isTrue();
        Check off = named(Doctor.decide(host(RANDOM_OFF, allPrograms(), "7.2.0", NONE, 10L << 30, Map.of())), "RDSEED");
        assertThat(off.fails()).isFalse();
        assertThat(off.detail()).contains("no libukrandom");
        Check noProject = named(Doctor.decide(host(ProjectFacts.none(), allPrograms(), "7.2.0", NONE, 10L << 30, Map.of())), "RDSEED");
        assertThat(noProject.fails()).isFalse();
    }

    @Test
    void aMissingProgramIsNeededAndNamesItsDebianPackage() {
        Map<String, Program> programs = allPrograms();
        programs.remove("gcc");
        programs.remove("ar");
        programs.remove("qemu-system-x86_64");
        List<Check> checks = Doctor.decide(host(RANDOM_OFF, programs, "", HARDWARE, 10L << 30, Map.of()));

        assertThat(named(checks, "gcc").fix()).contains("sudo apt-get install gcc");
        assertThat(named(checks, "binutils").fix()).contains("sudo apt-get install binutils");
        assertThat(named(checks, "QEMU").fix()).contains("sudo apt-get install qemu-system-x86");
        assertThat(checks.stream().filter(Check::fails).map(Check::name)).containsExactly("gcc", "binutils", "QEMU");
    }

    @Test
    void aQemuOlderThan42IsMissing() {
        Check qemu = named(Doctor.decide(host(RANDOM_OFF, allPrograms(), "4.1.0", HARDWARE, 10L << 30, Map.of())), "QEMU");

        assertThat(qemu.fails()).isTrue();
        assertThat(qemu.detail()).contains("4.2.0");
    }

    @Test
    void toolchainsAreCheckedOnlyWhenNativeLibrariesNeedThem() {
        ProjectFacts zigProject = new ProjectFacts(Optional.of(KRAFTFILE), Optional.empty(), Set.of(NativeLibrary.Language.ZIG), true);
        List<Check> checks = Doctor.decide(host(zigProject, allPrograms(), "7.2.0", NONE, 10L << 30,
                Map.of("zig", new Toolchain(Optional.empty(), "zig was not found", "install zig 0.11"))));

        assertThat(named(checks, "zig").fails()).isTrue();
        assertThat(named(checks, "zig").fix()).contains("install zig 0.11");
        assertThat(Doctor.decide(host(RANDOM_OFF, allPrograms(), "7.2.0", NONE, 10L << 30, Map.of())))
                .noneMatch(c -> c.name().equals("zig") || c.name().equals("cargo"));
    }

    @Test
    void flexAndBisonAreSaidNotNeededOnlyWhenAbsent() {
        Map<String, Program> programs = allPrograms();
        programs.remove("bison");
        Check note = named(Doctor.decide(host(RANDOM_OFF, programs, "7.2.0", HARDWARE, 10L << 30, Map.of())), "flex, bison");

        assertThat(note.status()).isEqualTo(Status.NOTE);
        assertThat(note.detail()).startsWith("not needed");
        assertThat(note.fails()).isFalse();
    }

    @Test
    void aNearlyFullCacheDiskIsMissingAndAMissingGitOnlyNoted() {
        Map<String, Program> programs = allPrograms();
        programs.remove("git");
        List<Check> checks = Doctor.decide(host(RANDOM_OFF, programs, "7.2.0", HARDWARE, 100L << 20, Map.of()));

        assertThat(named(checks, "cache").fails()).isTrue();
        assertThat(named(checks, "cache").detail()).contains("0.1 GiB free in /c");
        assertThat(named(checks, "git").fails()).isFalse();
        assertThat(named(checks, "git").fix()).contains("sudo apt-get install git");
    }

    @Test
    void anUnreadableKraftfileFailsTheDoctor() {
        ProjectFacts broken = new ProjectFacts(Optional.of(KRAFTFILE), Optional.of("/p/Kraftfile:3:1: YAML error"), Set.of(), false);

        assertThat(named(Doctor.decide(host(broken, allPrograms(), "7.2.0", HARDWARE, 10L << 30, Map.of())), "Kraftfile").fails()).isTrue();
    }
}
