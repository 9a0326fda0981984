package dev.uknative.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.uknative.core.ExitCode;
import dev.uknative.core.UknativeException;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MachineNameTest {

    @ParameterizedTest
    @ValueSource(strings = {"web", "a", "0", "web-1", "my_app.v2", "x23456789012345678901234567890123456789012345678901234567890123"})
    void validNames(String name) {
        assertThat(MachineName.of(name).value()).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Web", "-web", ".web", "_web", "web/1", "web 1", "..", "wéb",
        "x234567890123456789012345678901234567890123456789012345678901234"})
    void invalidNamesAreUsageErrors(String name) {
        UknativeException e = catchThrowableOfType(UknativeException.class, () -> MachineName.of(name));

        assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(e.getMessage()).contains("not a valid machine name");
        assertThat(e.hint()).get().asString().contains("lower-case");
    }

    @ParameterizedTest
    @CsvSource({
        "hello_qemu-x86_64, hello-",
        "testkernel, testkernel-",
        "kernel.elf, kernel-",
        "My Kernel_fc-arm64, my-kernel-",
        "__.x, machine-"})
    void generatedNamesStartWithTheImageName(String image, String prefix) {
        MachineName name = MachineName.generate(Path.of("/images", image), new Random(1));

        assertThat(name.value()).startsWith(prefix).matches(prefix.replace(".", "\\.") + "[0-9a-f]{6}");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void generatedNamesOfLongImagesStayValid(int seed) {
        MachineName name = MachineName.generate(Path.of("a".repeat(200)), new Random(seed));

        assertThat(name.value()).hasSize(63);
    }
}
