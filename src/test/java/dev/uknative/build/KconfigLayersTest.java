package dev.uknative.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.uknative.core.Location;
import dev.uknative.kconfig.ConfigAssignment;
import dev.uknative.kconfig.ConfigFragment;
import dev.uknative.project.Kraftfile;
import dev.uknative.project.KraftfileReader;
import dev.uknative.project.TargetSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KconfigLayersTest {

    /** Where the fixture pretends to live, so that the locations in the golden file are stable. */
    private static final Path FILE = Path.of("/project/Kraftfile");

    private static String resource(String name) throws IOException {
        try (InputStream in = KconfigLayersTest.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Kraftfile layers() throws IOException {
        return new KraftfileReader().parse(FILE, resource("/kraftfiles/layers/Kraftfile"));
    }

    private static Optional<Location> at(int line, int column) {
        return Optional.of(new Location(FILE, line, column));
    }

    @Test
    void inOrderListsEveryLayerInKraftkitsOrder() throws IOException {
        Kraftfile k = layers();
        TargetSpec dev = k.targets().get(0);

        List<ConfigAssignment> all = KconfigLayers.inOrder(k, dev);

        assertThat(all).extracting(ConfigAssignment::symbol, ConfigAssignment::value, ConfigAssignment::origin)
                .containsExactly(
                        tuple("CONFIG_LIBUKDEBUG", "y", "Kraftfile unikraft.kconfig"),
                        tuple("CONFIG_LIBUKDEBUG_PRINTK_INFO", "y", "Kraftfile unikraft.kconfig"),
                        tuple("CONFIG_LIBUKRANDOM", "y", "Kraftfile unikraft.kconfig"),
                        tuple("CONFIG_LIBMYLIB", "y", "Kraftfile libraries.mylib.kconfig"),
                        tuple("CONFIG_LIBUKRANDOM", "n", "Kraftfile libraries.mylib.kconfig"),
                        tuple("CONFIG_LIBOTHER_GREETING", "\"hello \\\"world\\\"\"", "Kraftfile libraries.other.kconfig"),
                        tuple("CONFIG_ARCH_X86_64", "y", "architecture x86_64"),
                        tuple("CONFIG_PLAT_KVM", "y", "platform qemu"),
                        tuple("CONFIG_KVM_VMM_QEMU", "y", "platform qemu"),
                        tuple("CONFIG_LIBUKDEBUG", "n", "Kraftfile target dev kconfig"),
                        tuple("CONFIG_KVM_VMM_QEMU", "y", "Kraftfile target dev kconfig"),
                        tuple("CONFIG_STACK_SIZE_PAGE_ORDER", "4", "Kraftfile target dev kconfig"));
    }

    @Test
    void kraftfileEntriesCarryTheirLocationAndGeneratedOnesNone() throws IOException {
        Kraftfile k = layers();

        List<ConfigAssignment> all = KconfigLayers.inOrder(k, k.targets().get(0));

        assertThat(all.get(0).location()).isEqualTo(at(6, 5));
        assertThat(all.get(4).location()).isEqualTo(at(14, 9));
        assertThat(all.get(6).location()).isEmpty();
        assertThat(all.get(8).location()).isEmpty();
        assertThat(all.get(9).location()).isEqualTo(at(24, 7));
    }

    @Test
    void laterLayersWinAndTheFirstPositionIsKept() throws IOException {
        Kraftfile k = layers();

        ConfigFragment merged = KconfigLayers.merged(k, k.targets().get(0));

        assertThat(merged.assignments()).extracting(ConfigAssignment::symbol, ConfigAssignment::value, ConfigAssignment::location)
                .containsExactly(
                        tuple("CONFIG_LIBUKDEBUG", "n", at(24, 7)),
                        tuple("CONFIG_LIBUKDEBUG_PRINTK_INFO", "y", at(7, 5)),
                        tuple("CONFIG_LIBUKRANDOM", "n", at(14, 9)),
                        tuple("CONFIG_LIBMYLIB", "y", at(13, 9)),
                        tuple("CONFIG_LIBOTHER_GREETING", "\"hello \\\"world\\\"\"", at(18, 7)),
                        tuple("CONFIG_ARCH_X86_64", "y", Optional.empty()),
                        tuple("CONFIG_PLAT_KVM", "y", Optional.empty()),
                        tuple("CONFIG_KVM_VMM_QEMU", "y", at(25, 7)),
                        tuple("CONFIG_STACK_SIZE_PAGE_ORDER", "4", at(26, 7)));
    }

    @Test
    void renderMatchesTheGoldenFile() throws IOException {
        Kraftfile k = layers();

        String rendered = KconfigLayers.merged(k, k.targets().get(0)).render();

        assertThat(rendered).isEqualTo(resource("/golden/defconfig-hello.txt"));
    }

    @Test
    void implicitTargetGetsOnlyArchitectureAndPlatform() {
        Kraftfile k = new KraftfileReader().parse(FILE, "name: hello\ntargets: [qemu/x86_64]\n");

        ConfigFragment merged = KconfigLayers.merged(k, k.targets().get(0));

        assertThat(merged.assignments()).extracting(a -> a.symbol() + "=" + a.value())
                .containsExactly("CONFIG_ARCH_X86_64=y", "CONFIG_PLAT_KVM=y", "CONFIG_KVM_VMM_QEMU=y");
    }

    @Test
    void otherPlatformAndArchitecture() {
        Kraftfile k = new KraftfileReader().parse(FILE, "targets: [fc/arm64]\n");

        ConfigFragment merged = KconfigLayers.merged(k, k.targets().get(0));

        assertThat(merged.assignments()).extracting(ConfigAssignment::symbol, ConfigAssignment::origin).containsExactly(
                tuple("CONFIG_ARCH_ARM_64", "architecture arm64"),
                tuple("CONFIG_PLAT_KVM", "platform fc"),
                tuple("CONFIG_KVM_VMM_FIRECRACKER", "platform fc"));
    }

    @Test
    void unnamedTargetIsNamedByPlatArch() {
        Kraftfile k = new KraftfileReader().parse(FILE, """
                targets:
                  - plat: qemu
                    arch: x86_64
                    kconfig:
                      CONFIG_LIBUKDEBUG: y
                """);

        List<ConfigAssignment> all = KconfigLayers.inOrder(k, k.targets().get(0));

        assertThat(all.get(all.size() - 1).origin()).isEqualTo("Kraftfile target qemu/x86_64 kconfig");
    }
}
