package dev.uknative.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.uknative.core.ExitCode;
import dev.uknative.core.UknativeException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kernel file checked before QEMU is given it. */
class KernelImageTest {

    @TempDir
    Path work;

    @Test
    void aNonEmptyFileIsAccepted() throws Exception {
        Path kernel = Files.write(work.resolve("k"), new byte[] {0x7f, 'E', 'L', 'F'});

        assertThat(KernelImage.check(kernel)).isEqualTo(kernel);
    }

    @Test
    void anEmptyFileIsRefusedAtItsPath() throws Exception {
        Path kernel = Files.createFile(work.resolve("hello_qemu-x86_64"));

        UknativeException e = catchThrowableOfType(() -> KernelImage.check(kernel), UknativeException.class);

        assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(e.describe()).isEqualTo(kernel + ": the kernel image is empty");
        assertThat(e.hint()).isPresent();
    }

    @Test
    void aMissingFileOrAFolderIsRefused() throws Exception {
        assertThat(catchThrowableOfType(() -> KernelImage.check(work.resolve("gone")), UknativeException.class).describe())
                .endsWith("the kernel image does not exist");
        assertThat(catchThrowableOfType(() -> KernelImage.check(work), UknativeException.class).describe())
                .endsWith("the kernel image is not a file");
    }
}
