package dev.uknative.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.uknative.core.ExitCode;
import dev.uknative.core.UknativeException;
import dev.uknative.project.Platform;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PlatformSupportTest {

    private static final PlatformSupport.Flags PLAIN = new PlatformSupport.Flags(1, false, false, false, false, false, false, false);
    private static final Optional<Path> FOUND = Optional.of(Path.of("/opt/fc/firecracker"));

    @Test
    void qemuTargetsGoOnToQemu() {
        assertThat(PlatformSupport.check(Platform.QEMU, "qemu/x86_64", PLAIN, Optional.empty())).isEmpty();
        // QEMU's own flags are QEMU's business
        assertThat(PlatformSupport.check(Platform.QEMU, "qemu/x86_64",
                new PlatformSupport.Flags(64, true, true, true, true, true, true, true), Optional.empty())).isEmpty();
    }

    @Test
    void firecrackerTargetsGetTheFirecrackerFound() {
        assertThat(PlatformSupport.check(Platform.FIRECRACKER, "fc/x86_64", PLAIN, FOUND)).isEqualTo(FOUND);
    }

    @Test
    void withoutFirecrackerTheRunStopsWithExit4NamingItAndWhereToGetIt() {
        assertThatThrownBy(() -> PlatformSupport.check(Platform.FIRECRACKER, "fc/arm64", PLAIN, Optional.empty()))
                .isInstanceOfSatisfying(UknativeException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(ExitCode.ENVIRONMENT);
                    assertThat(e.getMessage()).contains("fc/arm64", "firecracker was not found on PATH", "nothing was built");
                    assertThat(e.hint()).hasValueSatisfying(h -> assertThat(h)
                            .contains("https://github.com/firecracker-microvm/firecracker/releases", "not packaged in Debian"));
                });
    }

    @Test
    void xenIsBuildOnly() {
        assertThatThrownBy(() -> PlatformSupport.check(Platform.XEN, "xen/x86_64", PLAIN, FOUND))
                .isInstanceOfSatisfying(UknativeException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(ExitCode.ENVIRONMENT);
                    assertThat(e.getMessage()).contains("does not run them");
                    assertThat(e.hint()).hasValueSatisfying(h -> assertThat(h).contains("uknative build -t xen/x86_64"));
                });
    }

    @Test
    void flagsFirecrackerHasNoMeaningForAreUsageErrorsEvenWithoutFirecracker() {
        PlatformSupport.Flags[] each = {
            new PlatformSupport.Flags(1, true, false, false, false, false, false, false),
            new PlatformSupport.Flags(1, false, true, false, false, false, false, false),
            new PlatformSupport.Flags(1, false, false, true, false, false, false, false),
            new PlatformSupport.Flags(1, false, false, false, true, false, false, false),
            new PlatformSupport.Flags(1, false, false, false, false, true, false, false),
            new PlatformSupport.Flags(1, false, false, false, false, false, true, false),
            new PlatformSupport.Flags(1, false, false, false, false, false, false, true),
            new PlatformSupport.Flags(33, false, false, false, false, false, false, false)};
        String[] named = {"-v", "-p", "--gdb", "-d", "--qemu", "-W", "--auto-config", "--cpus 33"};
        for (int i = 0; i < each.length; i++) {
            PlatformSupport.Flags flags = each[i];
            String flag = named[i];
            assertThatThrownBy(() -> PlatformSupport.check(Platform.FIRECRACKER, "fc/x86_64", flags, Optional.empty()))
                    .as(flag)
                    .isInstanceOfSatisfying(UknativeException.class, e -> {
                        assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE);
                        assertThat(e.getMessage()).contains(flag);
                    });
        }
    }
}
