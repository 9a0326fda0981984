package dev.uknative.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.uknative.testing.CliRun;
import dev.uknative.testing.Examples;
import dev.uknative.testing.RequiresUnikraft;
import dev.uknative.testing.UnikraftCondition;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code uknative size} on the real hello world, held against binutils' {@code size -A} of its .dbg file. */
@RequiresUnikraft
@Tag("e2e")
class SizeEndToEndTest {

    @TempDir
    Path work;

    @Test
    void theLibrariesAddUpToTheImagesSections() throws Exception {
        Path app = Examples.copy(Path.of("examples/helloworld-c"), work);
        String tree = UnikraftCondition.tree().toString();
        CliRun build = CliRun.of("build", app.toString(), "--unikraft-source", tree, "-j2");
        assertThat(build.exitCode()).as(build.toString()).isZero();

        CliRun size = CliRun.of("size", app.toString(), "--unikraft-source", tree, "--json", "--html");

        assertThat(size.exitCode()).as(size.toString()).isZero();
        long allocated = 0;
        Process p = new ProcessBuilder("size", "-A", app.resolve(".unikraft/build/helloworld_qemu-x86_64.dbg").toString())
                .redirectErrorStream(true).start();
        for (String line : new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 3 && f[0].startsWith(".") && f[1].matches("\\d+") && !f[2].equals("0")) {
                allocated += Long.parseLong(f[1]);
            }
        }
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        long components = 0;
        Matcher totals = Pattern.compile("\"bytes\": \\{[^}]*\"total\": (\\d+)\\}").matcher(size.out());
        while (totals.find()) {
            components += Long.parseLong(totals.group(1));
        }
        assertThat((double) components).isCloseTo(allocated, org.assertj.core.data.Percentage.withPercentage(1));
        assertThat(size.out()).contains("\"name\": \"libnolibc\"").contains("\"name\": \"apphelloworld\"")
                .contains("{\"symbol\": \"main\"").contains("\"name\": \"libuknative_exitstatus\", \"origin\": \"uknative\"");
        // The linker's row (eh_frame_hdr, alignment) stays small: the symbols explain the rest.
        Matcher linker = Pattern.compile("\"name\": \"\\(linker\\)\".*?\"total\": (\\d+)").matcher(size.out());
        if (linker.find()) {
            assertThat(Long.parseLong(linker.group(1))).isLessThan(allocated / 20);
        }
        assertThat(app.resolve(".unikraft/build/size.html")).content().contains("<svg").contains("libnolibc");

        CliRun table = CliRun.of("size", app.toString(), "--unikraft-source", tree);
        for (String line : table.out().split("\n")) {
            assertThat(line.length()).as(line).isLessThanOrEqualTo(80);
        }
        assertThat(table.out()).contains("libkvmplat").containsPattern("(?m)^image ");
        assertThat(List.of(table.out().split("\n"))).anyMatch(l -> l.startsWith("libnolibc"));
    }
}
