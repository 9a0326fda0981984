package dev.uknative.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.uknative.core.ExitCode;
import dev.uknative.core.Location;
import dev.uknative.core.UknativeException;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TargetSelectorTest {

    private static final Path FILE = Path.of("/project/hello/Kraftfile");

    private final TargetSelector selector = new TargetSelector();

    private static Kraftfile kraftfile(String text) {
        return new KraftfileReader().parse(FILE, text);
    }

    private static TargetSelector.Query target(String name) {
        return new TargetSelector.Query(Optional.of(name), Optional.empty(), Optional.empty());
    }

    private static TargetSelector.Query platArch(Platform platform, Architecture architecture) {
        return new TargetSelector.Query(Optional.empty(), Optional.ofNullable(platform), Optional.ofNullable(architecture));
    }

    private static final String MIXED = """
            name: hello
            targets:
              - fc/x86_64
              - qemu/arm64
              - name: dev
                plat: qemu
                arch: x86_64
            """;

    @Test
    void defaultIsTheOnlyQemuX8664Target() {
        TargetSelector.Candidates c = selector.candidates(kraftfile(MIXED), TargetSelector.Query.none());

        assertThat(c.unique()).isTrue();
        assertThat(c.only().name()).contains("dev");
        assertThat(c.only().location()).isEqualTo(new Location(FILE, 5, 5));
    }

    @Test
    void aProjectForArm64OnlyDefaultsToItsQemuTarget() {
        Kraftfile k = kraftfile("""
                targets:
                  - fc/arm64
                  - qemu/arm64
                """);

        TargetSelector.Candidates c = selector.candidates(k, TargetSelector.Query.none());

        assertThat(c.only().architecture()).isEqualTo(Architecture.ARM64);
        assertThat(c.only().platform()).isEqualTo(Platform.QEMU);
        assertThatThrownBy(() -> selector.candidates(k, platArch(null, Architecture.X86_64)))
                .hasMessageContaining("no qemu/x86_64 target");
    }

    @Test
    void severalQemuX8664TargetsAreNotUnique() {
        Kraftfile k = kraftfile("""
                targets:
                  - name: debug
                    plat: qemu
                    arch: x86_64
                  - name: release
                    plat: kvm
                    arch: x86_64
                  - qemu/arm64
                """);

        TargetSelector.Candidates c = selector.candidates(k, TargetSelector.Query.none());

        assertThat(c.unique()).isFalse();
        assertThat(c.fitting()).extracting(TargetSpec::displayName).containsExactly("debug", "release");
        assertThatThrownBy(c::only).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void byName() {
        TargetSelector.Candidates c = selector.candidates(kraftfile(MIXED), target("dev"));

        assertThat(c.only().id()).isEqualTo("qemu/x86_64");
        assertThat(c.only().name()).contains("dev");
    }

    @Test
    void byPlatArchString() {
        TargetSelector.Candidates c = selector.candidates(kraftfile(MIXED), target("qemu/arm64"));

        assertThat(c.only().platform()).isEqualTo(Platform.QEMU);
        assertThat(c.only().architecture()).isEqualTo(Architecture.ARM64);
    }

    @Test
    void byPlatArchStringOfANamedTarget() {
        TargetSelector.Candidates c = selector.candidates(kraftfile(MIXED), target("qemu/x86_64"));

        assertThat(c.only().name()).contains("dev");
    }

    @Test
    void byPlatArchStringWithKraftkitsAliases() {
        TargetSelector.Candidates c = selector.candidates(kraftfile(MIXED), target("kvm/amd64"));

        assertThat(c.only().name()).contains("dev");
    }

    @Test
    void byPlatArchStringPrefersTheTargetWithoutAName() {
        Kraftfile k = kraftfile("""
                targets:
                  - {name: debug, plat: qemu, arch: x86_64}
                  - qemu/x86_64
                """);

        TargetSelector.Candidates c = selector.candidates(k, target("qemu/x86_64"));

        assertThat(c.only().name()).isEmpty();
        assertThat(TargetSelector.selected(k, "debug")).singleElement().satisfies(t -> assertThat(t.name()).contains("debug"));
    }

    @Test
    void everyTargetIsFoundAgainByItsDisplayName() {
        Kraftfile k = kraftfile("""
                targets:
                  - {name: debug, plat: qemu, arch: x86_64}
                  - qemu/x86_64
                  - {name: release, plat: kvm, arch: x86_64}
                  - fc/x86_64
                """);

        for (TargetSpec t : k.targets()) {
            assertThat(TargetSelector.selected(k, t.displayName())).containsExactly(t);
        }
    }

    @Test
    void aListOfManyTargetsInAMessageIsCut() {
        StringBuilder text = new StringBuilder("targets:\n");
        for (int i = 0; i < 5_000; i++) {
            text.append("  - {name: t").append(i).append(", plat: fc, arch: x86_64}\n");
        }

        UknativeException e = catchThrowableOfType(UknativeException.class,
                () -> selector.candidates(kraftfile(text.toString()), target("prod")));

        assertThat(e.hint()).hasValueSatisfying(h -> assertThat(h).hasSizeLessThan(400).endsWith("and 4990 more"));
    }

    @Test
    void byPlatAndArchFlags() {
        TargetSelector.Candidates c = selector.candidates(kraftfile(MIXED), platArch(Platform.FIRECRACKER, Architecture.X86_64));

        assertThat(c.only().id()).isEqualTo("fc/x86_64");
    }

    @Test
    void archFlagAloneKeepsQemu() {
        TargetSelector.Candidates c = selector.candidates(kraftfile(MIXED), platArch(null, Architecture.ARM64));

        assertThat(c.only().id()).isEqualTo("qemu/arm64");
    }

    @Test
    void platFlagAloneTakesAnyArchitecture() {
        TargetSelector.Candidates c = selector.candidates(kraftfile(MIXED), platArch(Platform.QEMU, null));

        assertThat(c.fitting()).extracting(TargetSpec::id).containsExactly("qemu/arm64", "qemu/x86_64");
    }

    @Test
    void unknownNameIsAUsageErrorListingTheTargets() {
        UknativeException e = catchThrowableOfType(UknativeException.class,
                () -> selector.candidates(kraftfile(MIXED), target("prod")));

        assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(e.getMessage()).contains("'prod'").contains(FILE.toString());
        assertThat(e.hint()).hasValueSatisfying(h ->
                assertThat(h).contains("fc/x86_64", "qemu/arm64", "dev (qemu/x86_64)"));
    }

    @Test
    void noTargetsMeansAnImplicitQemuX8664() {
        TargetSelector.Candidates c = selector.candidates(kraftfile("name: hello\n"), TargetSelector.Query.none());

        assertThat(c.only().id()).isEqualTo("qemu/x86_64");
        assertThat(c.only().name()).isEmpty();
        assertThat(c.only().kconfig()).isEmpty();
        assertThat(c.only().location().file()).isEqualTo(FILE);
    }

    @Test
    void noTargetsHonoursPlatAndArch() {
        TargetSelector.Candidates c = selector.candidates(kraftfile("name: hello\ntargets: []\n"),
                platArch(Platform.FIRECRACKER, Architecture.ARM64));

        assertThat(c.only().id()).isEqualTo("fc/arm64");
    }

    @Test
    void noTargetsButANameIsAnError() {
        UknativeException e = catchThrowableOfType(UknativeException.class,
                () -> selector.candidates(kraftfile("name: hello\n"), target("dev")));

        assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(e.hint()).hasValueSatisfying(h -> assertThat(h).contains("no targets"));
    }

    @Test
    void noQemuTargetIsAnError() {
        Kraftfile k = kraftfile("targets: [fc/x86_64, xen/x86_64]\n");

        UknativeException e = catchThrowableOfType(UknativeException.class,
                () -> selector.candidates(k, TargetSelector.Query.none()));

        assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(e.getMessage()).contains("qemu/x86_64");
        assertThat(e.hint()).hasValueSatisfying(h -> assertThat(h).contains("fc/x86_64", "xen/x86_64"));
    }

    @Test
    void describe() {
        Kraftfile k = kraftfile(MIXED);

        assertThat(k.targets()).extracting(TargetSelector::describe)
                .containsExactly("fc/x86_64", "qemu/arm64", "dev (qemu/x86_64)");
    }
}
