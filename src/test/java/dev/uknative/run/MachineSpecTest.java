package dev.uknative.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.uknative.core.ExitCode;
import dev.uknative.core.UknativeException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MachineSpecTest {

    private static final Path QEMU = Path.of("/usr/bin/qemu-system-x86_64");
    private static final Path KERNEL = Path.of("/app/.unikraft/build/hello_qemu-x86_64");

    @Test
    void tcgArguments() {
        MachineSpec spec = new MachineSpec(KERNEL, "64M", Accelerator.TCG, "", Optional.empty());

        assertThat(spec.arguments(QEMU)).containsExactly(
                "/usr/bin/qemu-system-x86_64",
                "-m", "64M",
                "-nodefaults",
                "-display", "none",
                "-serial", "stdio",
                "-no-reboot",
                "-device", "isa-debug-exit,iobase=0x501,iosize=2",
                "-accel", "tcg",
                "-cpu", "max",
                "-kernel", "/app/.unikraft/build/hello_qemu-x86_64");
    }

    @Test
    void kvmArgumentsWithACommandLine() {
        MachineSpec spec = new MachineSpec(KERNEL, "1g", Accelerator.KVM, "hello \"two words\"",
                Optional.of(Duration.ofSeconds(5)));

        assertThat(spec.arguments(QEMU)).containsExactly(
                "/usr/bin/qemu-system-x86_64",
                "-m", "1G",
                "-nodefaults",
                "-display", "none",
                "-serial", "stdio",
                "-no-reboot",
                "-device", "isa-debug-exit,iobase=0x501,iosize=2",
                "-accel", "kvm",
                "-cpu", "host",
                "-kernel", "/app/.unikraft/build/hello_qemu-x86_64",
                "-append", "hello \"two words\"");
    }

    @Test
    void constructorNormalisesMemory() {
        assertThat(new MachineSpec(KERNEL, " 512MiB ", Accelerator.TCG, "", Optional.empty()).memory()).isEqualTo("512M");
    }

    @ParameterizedTest
    @CsvSource({
        "64M, 64M",
        "64m, 64M",
        "1G, 1G",
        "1g, 1G",
        "512MiB, 512M",
        "512MB, 512M",
        "2GiB, 2G",
        "128, 128M",
        "4096K, 4096K",
        "4, 4M",
        "1024G, 1024G",
    })
    void normaliseMemory(String given, String expected) {
        assertThat(MachineSpec.normaliseMemory(given)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "abc", "64X", "", "64 M", "1.5G", "0x40M", "064M", "M"})
    void notASize(String given) {
        UknativeException e = catchThrowableOfType(UknativeException.class, () -> MachineSpec.normaliseMemory(given));

        assertThat(e).isNotNull();
        assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(e.getMessage()).contains("'" + given + "'");
        assertThat(e.hint()).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1M", "3M", "4095K", "1025G"})
    void outOfRange(String given) {
        UknativeException e = catchThrowableOfType(UknativeException.class, () -> MachineSpec.normaliseMemory(given));

        assertThat(e).isNotNull();
        assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(e.getMessage()).contains("out of range");
    }

    @Test
    void hugeNumberIsAUsageError() {
        UknativeException e = catchThrowableOfType(UknativeException.class,
                () -> MachineSpec.normaliseMemory("99999999999999999999"));

        assertThat(e).isNotNull();
        assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE);
    }

    @Test
    void overflowingSizeIsOutOfRange() {
        UknativeException e = catchThrowableOfType(UknativeException.class,
                () -> MachineSpec.normaliseMemory("17592186044417G"));

        assertThat(e).isNotNull();
        assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE);
    }

    @Test
    void bytesSuffixWithoutUnitIsRefused() {
        UknativeException e = catchThrowableOfType(UknativeException.class, () -> MachineSpec.normaliseMemory("64B"));

        assertThat(e).isNotNull();
        assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE);
    }
}
