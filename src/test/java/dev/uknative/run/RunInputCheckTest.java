package dev.uknative.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.uknative.testing.CliRun;
import dev.uknative.testing.TestKernel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code uknative run} checks the kernel file and the console log's folder before QEMU starts: an
 * empty or unreadable kernel gets uknative's own message (not QEMU's "No such file or directory"),
 * and a {@code --log} below a folder that does not exist is refused instead of a folder tree being
 * created (only the log's own folder may be made, as {@code --log logs/console.txt} always did).
 */
@Tag("tool")
class RunInputCheckTest {

    @TempDir
    Path work;

    @Test
    void anEmptyKernelFileIsRefusedBeforeQemuStarts() throws Exception {
        Path kernel = Files.createFile(work.resolve("empty_qemu-x86_64"));

        CliRun run = CliRun.of("run", kernel.toString(), "--timeout", "30s");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
        assertThat(run.err()).contains(kernel + ": the kernel image is empty").doesNotContain("No such file");
    }

    @Test
    void anUnreadableKernelFileIsRefusedBeforeQemuStarts() throws Exception {
        Path kernel = TestKernel.build(work);
        Files.setPosixFilePermissions(kernel, PosixFilePermissions.fromString("-wx------"));
        Assumptions.assumeFalse(Files.isReadable(kernel), "root reads any file");

        CliRun run = CliRun.of("run", kernel.toString(), "--timeout", "30s", "--", "exit=41");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
        assertThat(run.err()).contains(kernel + ": the kernel image cannot be read");
    }

    @Test
    void aLogInAFolderTreeThatDoesNotExistIsRefusedAndNothingCreated() throws Exception {
        Path kernel = TestKernel.build(work);
        Path missing = work.resolve("no-such-folder");
        Path log = missing.resolve("dir").resolve("x.log");

        CliRun run = CliRun.of("run", kernel.toString(), "--timeout", "30s", "--log", log.toString(), "--", "exit=41");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).contains("--log " + log).contains("the folder " + missing + " does not exist");
        assertThat(run.out()).doesNotContain("testkernel: booted");
        assertThat(missing).doesNotExist();
    }

    @Test
    void aLogWhoseFolderIsAFileIsRefused() throws Exception {
        Path kernel = TestKernel.build(work);
        Path file = Files.writeString(work.resolve("plain"), "x");

        CliRun run = CliRun.of("run", kernel.toString(), "--timeout", "30s", "--log", file.resolve("x.log").toString(), "--", "exit=41");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).contains(file + " is not a folder");
    }
}
