package dev.uknative.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.uknative.app.Doctor.Check;
import dev.uknative.app.Doctor.Status;
import dev.uknative.cli.Main;
import dev.uknative.cli.Streams;
import dev.uknative.run.QemuVersion;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code uknative doctor} on this host, each line held against what the host really has. */
@Tag("tool")
class DoctorToolTest {

    @TempDir
    Path temp;

    private static Optional<String> firstLine(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return p.waitFor() == 0 ? out.lines().findFirst().map(String::strip) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static Check named(Doctor.Report report, String name) {
        return report.checks().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    private static boolean hardwareKvm() {
        return Files.isDirectory(Path.of("/sys/module/kvm_intel")) || Files.isDirectory(Path.of("/sys/module/kvm_amd"));
    }

    @Test
    void eachLineSaysWhatThisHostHas() throws IOException {
        Path project = Files.createDirectories(temp.resolve("app"));
        Files.writeString(project.resolve("Kraftfile"), "spec: v0.6\nname: app\nunikraft: 0.17.0\ntargets:\n  - qemu/x86_64\n");

        Doctor.Report report = new Doctor(new Services()).check(project);
        System.out.println("[doctor] " + report.checks().stream().map(c -> c.status() + " " + c.name() + ": " + c.detail()).toList());

        Optional<String> make = firstLine("make", "--version");
        assertThat(named(report, "make").status()).isEqualTo(make.isPresent() ? Status.OK : Status.MISSING);
        make.ifPresent(m -> assertThat(named(report, "make").detail()).isEqualTo(m));
        Optional<String> gcc = firstLine("gcc", "--version");
        gcc.ifPresent(g -> assertThat(named(report, "gcc").detail()).isEqualTo(g));
        Optional<String> ld = firstLine("ld", "--version");
        ld.ifPresent(l -> assertThat(named(report, "binutils").detail()).isEqualTo(l));

        Optional<QemuVersion> qemu = firstLine("qemu-system-x86_64", "--version").flatMap(QemuVersion::parse);
        assertThat(named(report, "QEMU").status()).isEqualTo(qemu.isPresent() ? Status.OK : Status.MISSING);
        qemu.ifPresent(v -> assertThat(named(report, "QEMU").detail()).startsWith("QEMU " + v + " "));

        Check kvm = named(report, "KVM");
        if (Files.isDirectory(Path.of("/sys/module/kvm_pvm")) && !hardwareKvm()) {
            assertThat(kvm.detail()).contains("kvm_pvm");
            assertThat(kvm.status()).isEqualTo(Status.NOTE);
        }
        if (!Files.exists(Path.of("/dev/kvm"))) {
            assertThat(kvm.detail()).contains("no /dev/kvm");
        }

        // This Kraftfile keeps libukrandom: it boots only with KVM or a QEMU that emulates RDSEED.
        boolean bootsRandom = hardwareKvm() && Files.isReadable(Path.of("/dev/kvm"))
                || qemu.filter(v -> v.compareTo(dev.uknative.run.ImageCheck.TCG_RDSEED) >= 0).isPresent();
        if (!bootsRandom) {
            assertThat(named(report, "RDSEED").fails()).isTrue();
        }

        long free = Files.getFileStore(existing(Paths.cacheHome())).getUsableSpace();
        String gib = String.format(java.util.Locale.ROOT, "%.1f GiB", free / (double) (1L << 30));
        assertThat(named(report, "cache").detail()).startsWith(gib);
    }

    @Test
    void theCommandExitsFourExactlyWhenSomethingNeededIsMissing() throws IOException {
        Path hello = Path.of("examples/helloworld-c").toAbsolutePath();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.commandLine(new Streams(out, err)).execute("doctor", hello.toString());
        String text = out.toString(StandardCharsets.UTF_8);
        System.out.println("[doctor examples/helloworld-c] exit " + status + "\n" + text);

        Doctor.Report report = new Doctor(new Services()).check(hello);
        assertThat(status).isEqualTo(report.healthy() ? 0 : 4);
        assertThat(text.lines().filter(l -> l.startsWith("✓ ") || l.startsWith("✗ ") || l.startsWith("- ")).count())
                .isEqualTo(report.checks().size());
        List<String> failing = report.checks().stream().filter(Check::fails).map(Check::name).toList();
        assertThat(text.lines().filter(l -> l.startsWith("✗ ")).map(l -> l.substring(2).split("\\s+")[0]).toList())
                .containsExactlyElementsOf(failing.stream().map(n -> n.split(" ")[0]).toList());

        ByteArrayOutputStream json = new ByteArrayOutputStream();
        Main.commandLine(new Streams(json, err)).execute("doctor", "--json", hello.toString());
        assertThat(json.toString(StandardCharsets.UTF_8)).contains("\"healthy\": " + report.healthy()).contains("\"name\": \"QEMU\"");
    }

    private static Path existing(Path p) {
        Path e = p.toAbsolutePath();
        while (!Files.exists(e)) {
            e = e.getParent();
        }
        return e;
    }
}
