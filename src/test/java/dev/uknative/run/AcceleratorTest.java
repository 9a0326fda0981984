package dev.uknative.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Accelerator#detect(Path, Path)} on a fake /sys/module and a regular file standing for /dev/kvm. */
class AcceleratorTest {

    @TempDir
    Path temp;

    private Path modules;
    private Path device;

    @BeforeEach
    void setUp() throws IOException {
        modules = Files.createDirectory(temp.resolve("module"));
        Files.createDirectory(modules.resolve("kvm"));
        device = temp.resolve("kvm");
    }

    @Test
    void noHardwareModuleIsTcg() throws IOException {
        Files.createFile(device);

        assertThat(Accelerator.detect(device, modules)).isEqualTo(Accelerator.TCG);
    }

    @Test
    void paravirtualisedKvmIsTcg() throws IOException {
        Files.createDirectory(modules.resolve("kvm_pvm"));
        Files.createFile(device);

        assertThat(Accelerator.detect(device, modules)).isEqualTo(Accelerator.TCG);
    }

    @Test
    void intelModuleAndUsableDeviceIsKvm() throws IOException {
        Files.createDirectory(modules.resolve("kvm_intel"));
        Files.createFile(device);

        assertThat(Accelerator.detect(device, modules)).isEqualTo(Accelerator.KVM);
    }

    @Test
    void amdModuleAndUsableDeviceIsKvm() throws IOException {
        Files.createDirectory(modules.resolve("kvm_amd"));
        Files.createFile(device);

        assertThat(Accelerator.detect(device, modules)).isEqualTo(Accelerator.KVM);
    }

    @Test
    void moduleNameAsAFileIsNotAModule() throws IOException {
        Files.createFile(modules.resolve("kvm_intel"));
        Files.createFile(device);

        assertThat(Accelerator.detect(device, modules)).isEqualTo(Accelerator.TCG);
    }

    @Test
    void deviceThatIsAFolderIsTcg() throws IOException {
        Files.createDirectory(modules.resolve("kvm_intel"));
        Files.createDirectory(device);

        assertThat(Accelerator.detect(device, modules)).isEqualTo(Accelerator.TCG);
    }

    @Test
    void amdModuleAndMissingDeviceIsTcg() throws IOException {
        Files.createDirectory(modules.resolve("kvm_amd"));

        Accelerator detected = Accelerator.detect(device, modules);

        assertThat(Files.exists(device)).as("detect() created the device file").isFalse();
        assertThat(detected).isEqualTo(Accelerator.TCG);
    }

    @Test
    void argumentLists() {
        assertThat(Accelerator.KVM.arguments()).containsExactly("-accel", "kvm", "-cpu", "host");
        assertThat(Accelerator.TCG.arguments()).containsExactly("-accel", "tcg", "-cpu", "max");
    }
}
