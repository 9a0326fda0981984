package dev.uknative.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.uknative.run.ImageCheck;
import dev.uknative.run.QemuVersion;
import dev.uknative.testing.CliRun;
import dev.uknative.testing.Examples;
import dev.uknative.testing.RequiresUnikraft;
import dev.uknative.testing.UnikraftCondition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run} checks its flags against the image before QEMU starts (issue 17), on the test app
 * src/test/resources/e2e/showrun, which prints its arguments, GREETING and a file it is asked to read.
 * One project serves every step, in order, so that only two images are built: hello world with none
 * of the libraries the flags need, then the same with what {@code --auto-config} turned on.
 */
@RequiresUnikraft
@Tag("e2e")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RunFlagsEndToEndTest {

    @TempDir
    static Path work;

    private Path app;
    private Path data;
    private String plainKraftfile;

    @BeforeAll
    void copyTheApp() throws IOException {
        app = Examples.copy(Path.of("src/test/resources/e2e/showrun"), work);
        plainKraftfile = Files.readString(app.resolve("Kraftfile"));
        data = Files.createDirectories(work.resolve("data"));
        Files.writeString(data.resolve("hello.txt"), "hello from the host\n");
    }

    @Test
    @Order(1)
    void anOptionTheKraftfileSetsItselfIsNeverOverridden() throws IOException {
        Files.writeString(app.resolve("Kraftfile"), plainKraftfile.replace("    CONFIG_LIBUKRANDOM: n\n",
                "    CONFIG_LIBUKRANDOM: n\n    CONFIG_LIBPOSIX_ENVIRON: n\n") + "\nrun:\n  auto-config: true\n");

        CliRun run = uknative("run", app.toString(), "--timeout", "120s", "-e", "GREETING=hola");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
        assertThat(run.err()).contains("--auto-config does not override what the Kraftfile sets itself")
                .contains("CONFIG_LIBPOSIX_ENVIRON=n (Kraftfile unikraft.kconfig").contains("for -e GREETING=hola");
        assertThat(run.out()).doesNotContain("Powered by");
        assertThat(app.resolve("Kraftfile")).content().doesNotContain("CONFIG_LIBPOSIX_ENVIRON_LIBPARAM");
        Files.writeString(app.resolve("Kraftfile"), plainKraftfile);
    }

    @Test
    @Order(2)
    void eachFlagTheImageCannotTakeIsRefusedBeforeQemuStartsNamingItsOptions() {
        CliRun env = uknative("run", app.toString(), "--timeout", "120s", "-e", "GREETING=hola", "--", "alpha", "beta");
        assertThat(env.exitCode()).as(env.toString()).isEqualTo(3);
        assertThat(env.err()).contains("(QEMU was not started)").contains("-e GREETING=hola needs posix-environ's env.vars")
                .contains("uknative config set CONFIG_LIBPOSIX_ENVIRON=y CONFIG_LIBPOSIX_ENVIRON_LIBPARAM=y").contains("--auto-config");
        assertThat(env.out()).doesNotContain("Powered by").doesNotContain("arg1=");

        CliRun arg = uknative("run", app.toString(), "--timeout", "120s", "-a", "netdev.ip=10.0.2.15/24");
        assertThat(arg.exitCode()).as(arg.toString()).isEqualTo(3);
        assertThat(arg.err()).contains("uknative config set CONFIG_LIBUKLIBPARAM=y CONFIG_LIBUKNETDEV=y CONFIG_LIBUKNETDEV_EINFO_LIBPARAM=y");

        CliRun typo = uknative("run", app.toString(), "--timeout", "120s", "-a", "vfs.fstabs=x");
        assertThat(typo.exitCode()).as(typo.toString()).isEqualTo(3);
        assertThat(typo.err()).contains("-a vfs.fstabs=x: library vfs has no parameter 'fstabs' (it has: fstab)");

        CliRun volume = uknative("run", app.toString(), "--timeout", "120s", "-v", data + ":/data");
        assertThat(volume.exitCode()).as(volume.toString()).isEqualTo(3);
        assertThat(volume.err()).contains("-v " + data + ":/data needs").contains("CONFIG_LIBVFSCORE_AUTOMOUNT_UP=y").contains("CONFIG_LIB9PFS=y")
                .contains("CONFIG_LIBVIRTIO_9P=y");

        CliRun port = uknative("run", app.toString(), "--timeout", "120s", "-p", "18080:80");
        assertThat(port.exitCode()).as(port.toString()).isEqualTo(3);
        assertThat(port.err()).contains("-p 18080:80 needs a virtio-net driver and a network stack")
                .contains("CONFIG_LIBVIRTIO_NET=y").contains("CONFIG_LIBLWIP=y");
        assertThat(port.out()).doesNotContain("Powered by");

        CliRun initrd = uknative("run", app.toString(), "--timeout", "120s", "--initrd", data.resolve("hello.txt").toString());
        assertThat(initrd.exitCode()).as(initrd.toString()).isEqualTo(3);
        assertThat(initrd.err()).contains("--initrd needs vfscore to extract it as /").contains("CONFIG_LIBVFSCORE_AUTOMOUNT_CI_INITRD=y");

        CliRun cpus = uknative("run", app.toString(), "--timeout", "120s", "--cpus", "2");
        assertThat(cpus.exitCode()).as(cpus.toString()).isEqualTo(3);
        assertThat(cpus.err()).contains("uknative config set CONFIG_UKPLAT_LCPU_MAXCOUNT=2");
    }

    @Test
    @Order(3)
    void autoConfigTurnsTheOptionsOnRebuildsAndRuns() {
        CliRun run = uknative("run", app.toString(), "--timeout", "120s", "--auto-config", "-e", "GREETING=hola", "-v", data + ":/data",
                "--", "--read", "/data/hello.txt");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.err()).contains("--auto-config: for -e GREETING=hola turned on CONFIG_LIBPOSIX_ENVIRON=y CONFIG_LIBPOSIX_ENVIRON_LIBPARAM=y")
                .contains("--auto-config: for -v " + data + ":/data turned on CONFIG_LIBVFSCORE=y");
        assertThat(run.out()).contains("argc=3").contains("arg1=[--read]").contains("arg2=[/data/hello.txt]")
                .contains("GREETING=[hola]").contains("read /data/hello.txt: [hello from the host]");
        assertThat(app.resolve("Kraftfile")).content().contains("CONFIG_LIBPOSIX_ENVIRON_LIBPARAM: y").contains("CONFIG_LIBVFSCORE_AUTOMOUNT_UP: y");
    }

    @Test
    @Order(4)
    void anImageThatHasTheOptionsTakesTheFlagsAndNoFlagReachesMain() {
        CliRun run = uknative("run", app.toString(), "--timeout", "120s", "-e", "GREETING=hola", "--", "alpha", "beta");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.err()).doesNotContain("--auto-config").contains("is up to date");
        assertThat(run.out()).contains("argc=3").contains("arg1=[alpha]").contains("arg2=[beta]").contains("GREETING=[hola]")
                .doesNotContain("env.vars").doesNotContain("arg3=");
    }

    @Test
    @Order(5)
    void aPortNeedsANetworkStackThatUnikraftsCoreDoesNotHave() throws IOException {
        String before = Files.readString(app.resolve("Kraftfile"));

        CliRun run = uknative("run", app.toString(), "--timeout", "120s", "--auto-config", "-p", "18080:80");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
        assertThat(run.err()).contains("--auto-config cannot turn on CONFIG_LIBLWIP").contains("add lwip to the Kraftfile's libraries:");
        assertThat(app.resolve("Kraftfile")).content().isEqualTo(before);
    }

    @Test
    @Order(6)
    void aKernelFileIsCheckedWithTheConfigurationItWasBuiltFromOrRunsWithWarnings() throws IOException {
        Path kernel = app.resolve(".unikraft/build/showrun_qemu-x86_64");
        CliRun known = uknative("run", kernel.toString(), "--timeout", "120s", "-a", "netdev.ip=10.0.2.15/24");
        assertThat(known.exitCode()).as(known.toString()).isEqualTo(3);
        assertThat(known.err()).contains("CONFIG_LIBUKNETDEV=y").contains("the image is a file");

        Path alone = Files.createDirectories(work.resolve("alone")).resolve("kernel");
        Files.copy(kernel, alone, StandardCopyOption.REPLACE_EXISTING);
        CliRun unknown = uknative("run", alone.toString(), "--timeout", "120s", "-e", "GREETING=hola", "--", "x");
        assertThat(unknown.exitCode()).as(unknown.toString()).isZero();
        assertThat(unknown.err()).contains("cannot check -e GREETING=hola (the image's configuration is unknown)");
        assertThat(unknown.out()).contains("GREETING=[hola]").contains("arg1=[x]");
    }

    @Test
    @Order(7)
    void libukrandomOnThisHostsQemuWithoutKvmIsRefusedBeforeBoot() throws IOException {
        // The image itself needs no RDSEED; the configuration beside it says it does, as one with libukrandom would.
        Path folder = Files.createDirectories(work.resolve("random"));
        Path kernel = folder.resolve("kernel");
        Files.copy(app.resolve(".unikraft/build/showrun_qemu-x86_64"), kernel, StandardCopyOption.REPLACE_EXISTING);
        Path config = Files.writeString(folder.resolve("kernel.config"), "CONFIG_ARCH_X86_64=y\nCONFIG_PLAT_KVM=y\nCONFIG_LIBUKRANDOM=y\n");
        Files.setLastModifiedTime(config, FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));
        QemuVersion version = qemuVersion();

        CliRun run = uknative("run", kernel.toString(), "-W", "--timeout", "120s");

        if (version.compareTo(ImageCheck.TCG_RDSEED) < 0) {
            assertThat(run.exitCode()).as(run.toString()).isEqualTo(4);
            assertThat(run.err()).contains("CONFIG_LIBUKRANDOM").contains("QEMU " + version).contains("8.1.3").contains("KVM");
            assertThat(run.out()).doesNotContain("Powered by");
        } else {
            assertThat(run.exitCode()).as(run.toString()).isZero();
        }
    }

    private static QemuVersion qemuVersion() throws IOException {
        Process p = new ProcessBuilder("qemu-system-x86_64", "--version").redirectErrorStream(true).start();
        return QemuVersion.parse(new String(p.getInputStream().readAllBytes())).orElseThrow();
    }

    private static CliRun uknative(String... args) {
        List<String> all = new ArrayList<>(Arrays.asList(args));
        int dashes = all.indexOf("--");
        List<String> ours = List.of("--unikraft-source", UnikraftCondition.tree().toString(), "-j2");
        if (Files.isRegularFile(Path.of(args[1]))) {
            ours = List.of();
        }
        all.addAll(dashes < 0 ? all.size() : dashes, ours);
        return CliRun.of(all.toArray(String[]::new));
    }
}
