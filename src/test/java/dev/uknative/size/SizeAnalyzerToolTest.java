package dev.uknative.size;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A small image linked by gcc the way Unikraft links one (whole library objects, an application
 * object, a static archive inside --start-group), measured and held against binutils' {@code size -A};
 * its treemap page rendered by headless Chromium.
 */
@Tag("tool")
class SizeAnalyzerToolTest {

    @TempDir
    Path dir;

    @Test
    void everyAllocatedByteIsAttributedAndTheLibrariesMatchTheirObjects() throws Exception {
        Path dbg = link();

        SizeReport report = new SizeAnalyzer().analyze(dbg, "demo", LinkInputs.parse(Files.readString(dir.resolve("demo.dbg.cmd"))));

        long allocated = sizeA(dbg).entrySet().stream().filter(e -> e.getValue()[1] != 0).mapToLong(e -> e.getValue()[0]).sum();
        assertThat(report.total().sum()).isEqualTo(allocated);
        SizeReport.Bytes sum = report.components().stream().map(SizeReport.Component::bytes).reduce(SizeReport.Bytes.ZERO, SizeReport.Bytes::plus);
        assertThat(sum).isEqualTo(report.total());
        assertThat(sizeA(dbg).get(".text")[0]).isEqualTo(report.total().text());

        Map<String, SizeReport.Component> byName = report.components().stream()
                .collect(Collectors.toMap(SizeReport.Component::name, c -> c));
        assertThat(byName).containsKeys("libalpha", "libbeta", "libgamma", "appdemo", "libnat.a(used.o)")
                .doesNotContainKey("libnat.a(unused.o)");
        assertThat(byName.get("libnat.a(used.o)").origin()).isEqualTo(SizeReport.Origin.NATIVE);
        assertThat(byName.get("appdemo").origin()).isEqualTo(SizeReport.Origin.APPLICATION);
        // A library's code is its object's .text, give or take the alignment between inputs.
        long alphaText = sizeA(dir.resolve("libalpha.o")).get(".text")[0];
        assertThat(byName.get("libalpha").bytes().text()).isBetween(alphaText, alphaText + 64);
        assertThat(byName.get("libbeta").bytes().bss()).isGreaterThanOrEqualTo(8192);
        assertThat(byName.get("libbeta").largest()).extracting(SizeReport.SymbolSize::name).contains("beta_buffer");
        // Two static "counter"s of one size: each stays with its own library.
        assertThat(byName.get("libalpha").largest()).extracting(SizeReport.SymbolSize::name).contains("alpha_table");
        // The string literals of libalpha (no symbol names them) are its rodata.
        assertThat(byName.get("libalpha").bytes().rodata()).isGreaterThan(1000);
        assertThat(report.unreferenced()).containsExactly("libgamma");
        assertThat(byName.get(SizeAnalyzer.LINKER) == null ? 0 : byName.get(SizeAnalyzer.LINKER).bytes().sum())
                .as("bytes no input explains").isLessThan(allocated / 50);
    }

    @Test
    void theTreemapPageRendersInHeadlessChromium() throws Exception {
        assumeTrue(onPath("chromium"), "chromium is not installed: skipping the treemap rendering");
        Path dbg = link();
        SizeReport report = new SizeAnalyzer().analyze(dbg, "demo", LinkInputs.parse(Files.readString(dir.resolve("demo.dbg.cmd"))));
        Path page = dir.resolve("size.html");
        Files.writeString(page, SizeTreemap.html(report));
        Path png = dir.resolve("size.png");

        run(List.of("chromium", "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--user-data-dir=" + dir.resolve("profile"),
                "--screenshot=" + png, "--window-size=1200,800", page.toUri().toString()));

        BufferedImage shot = ImageIO.read(png.toFile());
        assertThat(shot.getWidth()).isEqualTo(1200);
        // The boxes of the Unikraft-coloured libraries cover a good part of the window.
        int blue = 0;
        for (int y = 0; y < shot.getHeight(); y += 4) {
            for (int x = 0; x < shot.getWidth(); x += 4) {
                int rgb = shot.getRGB(x, y) & 0xffffff;
                if (rgb == 0x2f5d95 || rgb == 0x3d6fa8) {
                    blue++;
                }
            }
        }
        assertThat(blue).as("pixels of a library's colour, of %d sampled", shot.getWidth() * shot.getHeight() / 16)
                .isGreaterThan(shot.getWidth() * shot.getHeight() / 16 / 10);
        assertThat(Files.readString(page)).doesNotContain("<script").doesNotContain("http://").doesNotContain("https://");
    }

    /** Links demo.dbg from three "libraries", an application object and an archive, and records the command as Unikraft does. */
    private Path link() throws IOException, InterruptedException {
        assumeTrue(onPath("gcc") && onPath("ar") && onPath("size"), "gcc, ar and size (binutils) are needed");
        source("alpha.c", """
                static int counter[4];
                const int alpha_table[512] = {1, 2, 3};
                const char *alpha_message(int i) {
                    static const char *m[] = {"%s: the first rather long message of the alpha library, long enough to count",
                        "%s: the second rather long message of the alpha library, long enough to count too",
                        "%s: a third message, because string literals are what no symbol names in .rodata",
                        "%s: and a fourth one, so that the merged strings are well over a thousand bytes in all",
                        "%s: five: Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor",
                        "%s: six: incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud",
                        "%s: seven: exercitation ullamco laboris nisi ut aliquip ex ea commodo consequat. Duis aute",
                        "%s: eight: irure dolor in reprehenderit in voluptate velit esse cillum dolore eu fugiat null",
                        "%s: nine: Excepteur sint occaecat cupidatat non proident, sunt in culpa qui officia deserunt",
                        "%s: ten: mollit anim id est laborum. Sed ut perspiciatis unde omnis iste natus error sit vol",
                        "%s: eleven: accusantium doloremque laudantium, totam rem aperiam, eaque ipsa quae ab illo in",
                        "%s: twelve: veritatis et quasi architecto beatae vitae dicta sunt explicabo. Nemo enim ipsa"};
                    counter[i & 3]++;
                    return m[i % 12];
                }
                int alpha(int x) { int s = 0; for (int i = 0; i < x; i++) s += alpha_table[i & 511] * i; return s + counter[0]; }
                """);
        source("beta.c", """
                static int counter[4];
                char beta_buffer[8192];
                int beta(int x) { counter[x & 3] += x; beta_buffer[x & 8191] = (char) x; return counter[1]; }
                """);
        source("gamma.c", "int gamma_unused(int x) { return x * 7; }\n");
        source("app.c", """
                int alpha(int); int beta(int); const char *alpha_message(int); int used(int);
                int main(void) { return alpha(3) + beta(4) + used(5) + (alpha_message(1) != 0); }
                """);
        source("used.c", "int used(int x) { return x + 1; }\n");
        source("unused.c", "int unused(int x) { return x - 1; }\n");
        for (String[] c : new String[][] {{"alpha.c", "libalpha.o"}, {"beta.c", "libbeta.o"}, {"gamma.c", "libgamma.o"}, {"app.c", "appdemo.o"},
            {"used.c", "used.o"}, {"unused.c", "unused.o"}}) {
            run(List.of("gcc", "-O1", "-g", "-fno-pic", "-fno-asynchronous-unwind-tables", "-c", c[0], "-o", c[1]));
        }
        run(List.of("ar", "rcs", "libnat.a", "used.o", "unused.o"));
        List<String> command = new ArrayList<>(List.of("gcc", "-nostdlib", "-static", "-no-pie", "-Wl,-e,main"));
        for (String o : List.of("libalpha.o", "libbeta.o", "libgamma.o", "appdemo.o")) {
            command.add(dir.resolve(o).toString());
        }
        command.addAll(List.of("-Wl,--start-group", dir.resolve("libnat.a").toString(), "-Wl,--end-group", "-o", dir.resolve("demo.dbg").toString()));
        run(command);
        Files.writeString(dir.resolve("demo.dbg.cmd"), "\"\"" + String.join(" ", command) + "\n");
        return dir.resolve("demo.dbg");
    }

    /** {@code size -A}: section name → {size, address}. */
    private Map<String, long[]> sizeA(Path file) throws IOException, InterruptedException {
        Map<String, long[]> sections = new java.util.LinkedHashMap<>();
        for (String line : run(List.of("size", "-A", file.toString())).split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 3 && f[0].startsWith(".") && f[1].matches("\\d+")) {
                sections.merge(f[0], new long[] {Long.parseLong(f[1]), Long.parseLong(f[2])}, (a, b) -> new long[] {a[0] + b[0], a[1]});
            }
        }
        return sections;
    }

    private void source(String name, String text) throws IOException {
        Files.writeString(dir.resolve(name), text);
    }

    private String run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command) + "\n" + out).isZero();
        return out;
    }

    private static boolean onPath(String program) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(d, program))) {
                return true;
            }
        }
        return false;
    }
}
