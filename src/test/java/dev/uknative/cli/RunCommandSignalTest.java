package dev.uknative.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.uknative.testing.TestKernel;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * uknative in its own JVM, stopped by a signal while QEMU runs (what Ctrl-C or a killed CI job does):
 * QEMU must not outlive it.
 */
@Tag("tool")
class RunCommandSignalTest {

    @TempDir
    Path work;

    @Test
    void stoppingUknativeStopsQemu() throws Exception {
        Path kernel = TestKernel.build(work);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process uknative = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "run", kernel.toString(), "--", "hang")
                .redirectErrorStream(true)
                .start();
        StringBuilder output = new StringBuilder();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(uknative.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                output.append(line).append('\n');
                if (line.contains("testkernel: hanging")) {
                    assertThat(RunCommandQemuTest.qemuProcessesRunning(kernel)).as("QEMU while running").hasSize(1);
                    uknative.toHandle().destroy(); // SIGTERM, keeping our end of its output open
                }
            }
        }
        assertThat(uknative.waitFor(30, TimeUnit.SECONDS)).isTrue();

        // "uknative was interrupted" is printed only when the main thread gets there before the JVM
        // halts at the end of its shutdown hooks: not asserted.
        assertThat(output).contains("testkernel: hanging");
        assertThat(uknative.exitValue()).as(output.toString()).isEqualTo(143);
        List<ProcessHandle> left = RunCommandQemuTest.qemuProcessesRunning(kernel);
        assertThat(left).as("QEMU processes left running").isEmpty();
    }
}
