package dev.uknative.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.uknative.cli.Main;
import dev.uknative.testing.TestKernel;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code uknative run} in its own JVM, killed with SIGKILL while the guest runs (an OOM killer, a CI
 * job's hard kill): no shutdown hook runs, yet QEMU must not outlive it and nothing of the run may be
 * left in the temporary folder.
 */
@Tag("tool")
class RunOrphanTest {

    @TempDir
    Path work;

    @Test
    @Timeout(180) // a uknative that never boots the guest must not hang the build
    void killingUknativeWithSigkillEndsQemuAndLeavesNoFile() throws Exception {
        Path kernel = TestKernel.build(work);
        Path temporary = Files.createDirectory(work.resolve("tmp"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process uknative = new ProcessBuilder(java.toString(), "-Djava.io.tmpdir=" + temporary, "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "run", kernel.toString(), "--", "hang")
                .redirectErrorStream(true)
                .start();
        List<ProcessHandle> qemu = List.of();
        try {
            StringBuilder output = new StringBuilder();
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(uknative.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    output.append(line).append('\n');
                    if (line.contains("testkernel: hanging")) {
                        break;
                    }
                }
            }
            assertThat(output).as("uknative's output").contains("testkernel: hanging");
            qemu = qemuProcessesRunning(kernel);
            assertThat(qemu).as("QEMU while running").hasSize(1);

            uknative.destroyForcibly(); // SIGKILL: no shutdown hook runs
            assertThat(uknative.waitFor(30, TimeUnit.SECONDS)).isTrue();

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (qemu.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(qemu.stream().filter(ProcessHandle::isAlive).toList()).as("QEMU left running 5 s after uknative was killed")
                    .isEmpty();
            try (Stream<Path> files = Files.list(temporary)) {
                assertThat(files.toList()).as("files the killed run left in its temporary folder").isEmpty();
            }
        } finally {
            uknative.destroyForcibly();
            qemu.forEach(ProcessHandle::destroyForcibly);
        }
    }

    static List<ProcessHandle> qemuProcessesRunning(Path kernel) {
        return ProcessHandle.allProcesses()
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().map(c -> c.contains("qemu") && c.contains(kernel.toString())).orElse(false))
                .toList();
    }
}
