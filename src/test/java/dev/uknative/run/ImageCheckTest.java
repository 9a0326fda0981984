package dev.uknative.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The decision table of {@code run}: flags × the image's configuration × the host. */
class ImageCheckTest {

    private static final QemuVersion QEMU_7_2 = new QemuVersion(7, 2, 22);
    private static final ImageCheck.Host TCG_7_2 = new ImageCheck.Host(Accelerator.TCG, QEMU_7_2, Set.of());

    /** Hello world's configuration: the qemu platform, libukrandom off, nothing else. */
    private static Map<String, String> hello(String... more) {
        Map<String, String> config = new HashMap<>(Map.of("CONFIG_ARCH_X86_64", "y", "CONFIG_PLAT_KVM", "y", "CONFIG_LIBUKRANDOM", "n",
                "CONFIG_UKPLAT_LCPU_MAXCOUNT", "1"));
        for (String m : more) {
            config.put(m.substring(0, m.indexOf('=')), m.substring(m.indexOf('=') + 1));
        }
        return config;
    }

    private static ImageCheck.Flags flags(List<String> args, Map<String, String> env, List<Volume> volumes, List<PortForward> ports,
            boolean initrd, String memory, int cpus) {
        return new ImageCheck.Flags(args, env, volumes, ports, initrd, MachineSpec.memoryBytes(memory), cpus);
    }

    private static ImageCheck.Flags env(String key, String value) {
        return flags(List.of(), Map.of(key, value), List.of(), List.of(), false, "64M", 1);
    }

    private static ImageCheck.Flags args(String... a) {
        return flags(List.of(a), Map.of(), List.of(), List.of(), false, "64M", 1);
    }

    private static ImageCheck.Flags volume(String guest) {
        return flags(List.of(), Map.of(), List.of(new Volume(Path.of("/tmp"), guest, false, "fs0")), List.of(), false, "64M", 1);
    }

    private static ImageCheck.Result check(ImageCheck.Flags flags, Map<String, String> config) {
        return ImageCheck.check(flags, new ImageCheck.Image(Optional.of(config), OptionalLong.empty()), TCG_7_2);
    }

    private static List<String> missingSymbols(ImageCheck.Result result) {
        return result.missing().stream().flatMap(m -> m.options().stream()).map(ImageCheck.Option::symbol).toList();
    }

    @Test
    void noFlagsNeedNothing() {
        ImageCheck.Result result = check(ImageCheck.Flags.none(), hello());
        assertThat(result.findings()).isEmpty();
        assertThat(result.accelerator()).isEqualTo(Accelerator.TCG);
    }

    @Test
    void anEnvironmentVariableNeedsPosixEnvironWithItsLibraryParameter() {
        ImageCheck.Result result = check(env("GREETING", "hola"), hello());
        assertThat(result.missing()).hasSize(1);
        ImageCheck.Missing missing = result.missing().get(0);
        assertThat(missing.flag()).isEqualTo("-e GREETING=hola");
        assertThat(missingSymbols(result)).containsExactly("CONFIG_LIBPOSIX_ENVIRON", "CONFIG_LIBPOSIX_ENVIRON_LIBPARAM");
        assertThat(missing.command()).isEqualTo("uknative config set CONFIG_LIBPOSIX_ENVIRON=y CONFIG_LIBPOSIX_ENVIRON_LIBPARAM=y");
    }

    @Test
    void posixEnvironWithoutItsLibraryParameterIsNotEnough() {
        // The case of issue 17: the variable was lost and the kernel command line reached main.
        ImageCheck.Result result = check(env("GREETING", "hola"), hello("CONFIG_LIBPOSIX_ENVIRON=y"));
        assertThat(missingSymbols(result)).containsExactly("CONFIG_LIBPOSIX_ENVIRON_LIBPARAM");
    }

    @Test
    void anImageWithPosixEnvironAndItsParameterTakesVariables() {
        ImageCheck.Result result = check(env("GREETING", "hola"),
                hello("CONFIG_LIBPOSIX_ENVIRON=y", "CONFIG_LIBPOSIX_ENVIRON_LIBPARAM=y", "CONFIG_LIBUKLIBPARAM=y"));
        assertThat(result.findings()).isEmpty();
    }

    @Test
    void moreVariablesThanTheImageReservesNeedALargerCount() {
        Map<String, String> env = new HashMap<>();
        for (int i = 0; i < 10; i++) {
            env.put("V" + i, "x");
        }
        ImageCheck.Flags flags = flags(List.of(), env, List.of(), List.of(), false, "64M", 1);
        ImageCheck.Result result = check(flags, hello("CONFIG_LIBPOSIX_ENVIRON=y", "CONFIG_LIBPOSIX_ENVIRON_LIBPARAM=y",
                "CONFIG_LIBPOSIX_ENVIRON_LIBPARAM_MAXCOUNT=8"));
        assertThat(result.missing()).singleElement().satisfies(m -> assertThat(m.command())
                .isEqualTo("uknative config set CONFIG_LIBPOSIX_ENVIRON_LIBPARAM_MAXCOUNT=10"));
        assertThat(check(flags, hello("CONFIG_LIBPOSIX_ENVIRON=y", "CONFIG_LIBPOSIX_ENVIRON_LIBPARAM=y",
                "CONFIG_LIBPOSIX_ENVIRON_LIBPARAM_MAXCOUNT=16")).findings()).isEmpty();
    }

    @Test
    void aKnownLibraryParameterNeedsUklibparamAndItsLibrary() {
        ImageCheck.Result result = check(args("netdev.ip=10.0.2.15/24"), hello());
        assertThat(result.missing()).singleElement().satisfies(m -> assertThat(m.flag()).isEqualTo("-a netdev.ip=10.0.2.15/24"));
        assertThat(missingSymbols(result)).containsExactly("CONFIG_LIBUKLIBPARAM", "CONFIG_LIBUKNETDEV", "CONFIG_LIBUKNETDEV_EINFO_LIBPARAM");
    }

    @Test
    void aParameterOfALibraryThatIsInIsTaken() {
        ImageCheck.Result result = check(args("vfs.fstab=[ \"fs0:/:9pfs\" ]"),
                hello("CONFIG_LIBUKLIBPARAM=y", "CONFIG_LIBVFSCORE=y", "CONFIG_LIBVFSCORE_AUTOMOUNT_UP=y"));
        assertThat(result.findings()).isEmpty();
    }

    @Test
    void aMisspelledLibraryIsAnErrorNamingTheNearestOne() {
        ImageCheck.Result result = check(args("netdv.ip=10.0.2.15/24"), hello("CONFIG_LIBUKLIBPARAM=y"));
        assertThat(result.missing()).isEmpty();
        assertThat(result.invalid()).singleElement().satisfies(i -> {
            assertThat(i.flag()).isEqualTo("-a netdv.ip=10.0.2.15/24");
            assertThat(i.message()).contains("no library of this image takes parameters named netdv.*").contains("did you mean netdev?");
        });
    }

    @Test
    void aMisspelledParameterOfAKnownLibraryIsAnError() {
        ImageCheck.Result result = check(args("vfs.fstabs=x"), hello("CONFIG_LIBUKLIBPARAM=y", "CONFIG_LIBVFSCORE=y"));
        assertThat(result.invalid()).singleElement().satisfies(i ->
                assertThat(i.message()).contains("library vfs has no parameter 'fstabs' (it has: fstab)"));
    }

    @Test
    void somethingThatIsNoParameterAtAllIsAnError() {
        ImageCheck.Result result = check(args("--verbose"), hello("CONFIG_LIBUKLIBPARAM=y"));
        assertThat(result.invalid()).singleElement().satisfies(i -> assertThat(i.hint()).contains("after --"));
    }

    @Test
    void aLibraryKnownByItsNameNeedsItsOption() {
        assertThat(missingSymbols(check(args("libukfoo.level=3"), hello("CONFIG_LIBUKLIBPARAM=y", "CONFIG_LIBUKFOO=n"))))
                .containsExactly("CONFIG_LIBUKFOO");
        assertThat(check(args("libukfoo.level=3"), hello("CONFIG_LIBUKLIBPARAM=y", "CONFIG_LIBUKFOO=y")).findings()).isEmpty();
        // Not in the configuration at all: no such library in this Unikraft.
        assertThat(check(args("libukbar.level=3"), hello("CONFIG_LIBUKLIBPARAM=y")).invalid()).hasSize(1);
    }

    @Test
    void theApplicationsOwnParametersNeedOnlyUklibparam() {
        assertThat(missingSymbols(check(args("appshowrun.level=3"), hello()))).containsExactly("CONFIG_LIBUKLIBPARAM");
    }

    @Test
    void aVolumeNeeds9pVfscoreAutomountAndARoot() {
        ImageCheck.Result result = check(volume("/data"), hello());
        assertThat(missingSymbols(result)).containsExactly("CONFIG_LIBVFSCORE", "CONFIG_LIBVFSCORE_AUTOMOUNT_UP", "CONFIG_LIBUK9P",
                "CONFIG_LIB9PFS", "CONFIG_LIBVIRTIO_9P", "CONFIG_LIBVIRTIO_PCI", "CONFIG_LIBVFSCORE_AUTOMOUNT_CI",
                "CONFIG_LIBVFSCORE_AUTOMOUNT_CI_RAMFS");
        assertThat(result.missing().get(0).flag()).isEqualTo("-v /tmp:/data");
    }

    @Test
    void aVolumeMountedAsTheRootNeedsNoOtherRoot() {
        assertThat(missingSymbols(check(volume("/"), hello()))).doesNotContain("CONFIG_LIBVFSCORE_AUTOMOUNT_CI");
    }

    @Test
    void aVolumeOnAnImageThatHasEverythingIsTaken() {
        ImageCheck.Result result = check(volume("/data"), hello("CONFIG_LIBVFSCORE=y", "CONFIG_LIBVFSCORE_AUTOMOUNT_UP=y", "CONFIG_LIBUK9P=y",
                "CONFIG_LIB9PFS=y", "CONFIG_LIBVIRTIO_9P=y", "CONFIG_LIBVIRTIO_PCI=y", "CONFIG_LIBVFSCORE_AUTOMOUNT_FB=y"));
        assertThat(result.findings()).isEmpty();
    }

    @Test
    void aPortNeedsANetworkStack() {
        ImageCheck.Flags flags = flags(List.of(), Map.of(), List.of(), List.of(PortForward.parse("8080:80")), false, "64M", 1);
        ImageCheck.Result result = check(flags, hello());
        assertThat(result.missing()).singleElement().satisfies(m -> {
            assertThat(m.flag()).isEqualTo("-p 8080:80");
            assertThat(m.message()).isEqualTo("-p 8080:80 needs a virtio-net driver and a network stack (lwIP: the lwip library):");
        });
        assertThat(missingSymbols(result)).containsExactly("CONFIG_LIBUKNETDEV", "CONFIG_LIBVIRTIO_NET", "CONFIG_LIBVIRTIO_PCI", "CONFIG_LIBLWIP");
        assertThat(check(flags, hello("CONFIG_LIBUKNETDEV=y", "CONFIG_LIBVIRTIO_NET=y", "CONFIG_LIBVIRTIO_PCI=y", "CONFIG_LIBLWIP=y"))
                .findings()).isEmpty();
    }

    @Test
    void anInitrdNeedsSomethingThatExtractsIt() {
        ImageCheck.Flags flags = flags(List.of(), Map.of(), List.of(), List.of(), true, "64M", 1);
        assertThat(missingSymbols(check(flags, hello()))).containsExactly("CONFIG_LIBVFSCORE", "CONFIG_LIBVFSCORE_AUTOMOUNT_CI",
                "CONFIG_LIBVFSCORE_AUTOMOUNT_CI_INITRD");
        assertThat(check(flags, hello("CONFIG_LIBVFSCORE_AUTOMOUNT_FB_INITRD=y")).findings()).isEmpty();
    }

    @Test
    void aVolumeWithAnInitrdUsesTheInitrdAsItsRoot() {
        ImageCheck.Flags flags = flags(List.of(), Map.of(), List.of(new Volume(Path.of("/tmp"), "/data", false, "fs0")), List.of(), true,
                "64M", 1);
        // Two entries of one choice (CI_RAMFS and CI_INITRD) could not both be turned on.
        assertThat(missingSymbols(check(flags, hello()))).contains("CONFIG_LIBVFSCORE_AUTOMOUNT_CI_INITRD")
                .doesNotContain("CONFIG_LIBVFSCORE_AUTOMOUNT_CI_RAMFS");
    }

    @ParameterizedTest
    @CsvSource({"1, 1, true", "2, 1, false", "2, 2, true", "4, 2, false", "4, 8, true"})
    void cpusNeedAsManyInTheImage(int cpus, int maxcount, boolean taken) {
        ImageCheck.Flags flags = flags(List.of(), Map.of(), List.of(), List.of(), false, "64M", cpus);
        ImageCheck.Result result = check(flags, hello("CONFIG_UKPLAT_LCPU_MAXCOUNT=" + maxcount));
        assertThat(result.findings().isEmpty()).isEqualTo(taken);
        if (!taken) {
            assertThat(result.missing().get(0).command()).isEqualTo("uknative config set CONFIG_UKPLAT_LCPU_MAXCOUNT=" + cpus);
        }
    }

    @Test
    void memoryBelowTheImagesEndIsRefused() {
        ImageCheck.Image big = new ImageCheck.Image(Optional.of(hello()), OptionalLong.of(5L << 20));
        ImageCheck.Result result = ImageCheck.check(flags(List.of(), Map.of(), List.of(), List.of(), false, "4M", 1), big, TCG_7_2);
        assertThat(result.invalid()).singleElement().satisfies(i -> {
            assertThat(i.message()).startsWith("below the 6M this image needs");
            assertThat(i.hint()).isEqualTo("give at least -M 6M");
        });
        assertThat(ImageCheck.check(flags(List.of(), Map.of(), List.of(), List.of(), false, "6M", 1), big, TCG_7_2).findings()).isEmpty();
        // Hello world ends at 1.6 MiB and boots in 4M, the least -M takes.
        ImageCheck.Image helloImage = new ImageCheck.Image(Optional.of(hello()), OptionalLong.of(0x19e000));
        assertThat(ImageCheck.check(flags(List.of(), Map.of(), List.of(), List.of(), false, "4M", 1), helloImage, TCG_7_2).findings())
                .isEmpty();
    }

    @Test
    void withoutAConfigurationEveryFlagIsUncheckedNotRefused() {
        ImageCheck.Flags flags = flags(List.of("netdev.ip=x"), Map.of("A", "b"), List.of(new Volume(Path.of("/tmp"), "/data", false, "fs0")),
                List.of(PortForward.parse("8080:80")), true, "64M", 2);
        ImageCheck.Result result = ImageCheck.check(flags, new ImageCheck.Image(Optional.empty(), OptionalLong.empty()), TCG_7_2);
        assertThat(result.missing()).isEmpty();
        assertThat(result.invalid()).isEmpty();
        assertThat(result.unchecked()).extracting(ImageCheck.Finding::flag)
                .containsExactly("-a netdev.ip=x", "-e A=b", "-v /tmp:/data", "-p 8080:80", "--initrd", "--cpus 2");
        assertThat(result.unchecked().get(1).message()).contains("CONFIG_LIBPOSIX_ENVIRON_LIBPARAM");
    }

    @Test
    void withoutAConfigurationAnyLibraryParameterIsUncheckedButAMalformedOneIsStillWrong() {
        ImageCheck.Image unknown = new ImageCheck.Image(Optional.empty(), OptionalLong.empty());
        assertThat(ImageCheck.check(args("uk.debug=1", "vfs.fstabs=x"), unknown, TCG_7_2).unchecked()).hasSize(2);
        assertThat(ImageCheck.check(args("debug"), unknown, TCG_7_2).invalid()).hasSize(1);
    }

    @Test
    void everyFlagIsOneFindingInTheOrderOfTheFlags() {
        ImageCheck.Flags flags = flags(List.of(), Map.of("A", "b"), List.of(new Volume(Path.of("/tmp"), "/data", false, "fs0")),
                List.of(PortForward.parse("8080:80")), false, "64M", 1);
        assertThat(check(flags, hello()).missing()).extracting(ImageCheck.Finding::flag).containsExactly("-e A=b", "-v /tmp:/data", "-p 8080:80");
    }

    // ---- libukrandom and RDSEED (issue 14) ----

    private static ImageCheck.Result random(Accelerator accelerator, QemuVersion qemu, Set<String> cpuFlags, String... config) {
        return ImageCheck.check(ImageCheck.Flags.none(), new ImageCheck.Image(Optional.of(hello(config)), OptionalLong.empty()),
                new ImageCheck.Host(accelerator, qemu, cpuFlags));
    }

    @Test
    void libukrandomOnTcgOfAQemuWithoutRdseedIsRefusedNamingTheVersions() {
        ImageCheck.Result result = random(Accelerator.TCG, QEMU_7_2, Set.of(), "CONFIG_LIBUKRANDOM=y");
        assertThat(result.hostLacks()).singleElement().satisfies(h -> {
            assertThat(h.message()).contains("CONFIG_LIBUKRANDOM").contains("QEMU 7.2.22").contains("8.1.3");
            assertThat(h.hint()).contains("KVM").contains("uknative config set CONFIG_LIBUKRANDOM=n");
        });
    }

    @Test
    void theInsecureSeedDoesNotHelpSinceTheCpuidCheckComesFirst() {
        assertThat(random(Accelerator.TCG, QEMU_7_2, Set.of(), "CONFIG_LIBUKRANDOM=y", "CONFIG_LIBUKRANDOM_SEED_INSECURE=y").hostLacks())
                .hasSize(1);
    }

    @ParameterizedTest
    @CsvSource({"8.1.2, true", "8.1.3, false", "8.2.0, false", "9.0.0, false", "7.2.22, true", "4.2.0, true"})
    void tcgEmulatesRdseedFromQemu813(String version, boolean refused) {
        QemuVersion qemu = QemuVersion.parse("QEMU emulator version " + version).orElseThrow();
        ImageCheck.Result result = random(Accelerator.TCG, qemu, Set.of(), "CONFIG_LIBUKRANDOM=y");
        assertThat(result.hostLacks().isEmpty()).isEqualTo(!refused);
        assertThat(result.accelerator()).isEqualTo(refused ? Accelerator.TCG : Accelerator.TCG_RNG);
    }

    @Test
    void tcgOfANewQemuAsksForRdrandAndRdseedEvenForImagesWithoutLibukrandom() {
        ImageCheck.Result result = random(Accelerator.TCG, new QemuVersion(8, 2, 0), Set.of());
        assertThat(result.accelerator()).isEqualTo(Accelerator.TCG_RNG);
        assertThat(result.accelerator().arguments()).containsExactly("-accel", "tcg", "-cpu", "max,+rdrand,+rdseed");
    }

    @Test
    void kvmNeedsTheHostCpusRdseed() {
        assertThat(random(Accelerator.KVM, QEMU_7_2, Set.of("fpu", "rdrand", "rdseed"), "CONFIG_LIBUKRANDOM=y").findings()).isEmpty();
        ImageCheck.Result without = random(Accelerator.KVM, QEMU_7_2, Set.of("fpu", "rdrand"), "CONFIG_LIBUKRANDOM=y");
        assertThat(without.hostLacks()).singleElement().satisfies(h -> assertThat(h.message()).contains("no RDSEED"));
        assertThat(without.accelerator()).isEqualTo(Accelerator.KVM);
    }

    @Test
    void anImageWithoutLibukrandomRunsAnywhere() {
        assertThat(random(Accelerator.TCG, QEMU_7_2, Set.of()).findings()).isEmpty();
    }

    @Test
    void anArm64ImageIsNotCheckedForRdseed() {
        Map<String, String> arm = new HashMap<>(Map.of("CONFIG_ARCH_ARM_64", "y", "CONFIG_LIBUKRANDOM", "y"));
        assertThat(ImageCheck.check(ImageCheck.Flags.none(), new ImageCheck.Image(Optional.of(arm), OptionalLong.empty()), TCG_7_2)
                .findings()).isEmpty();
    }
}
