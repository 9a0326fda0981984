package dev.uknative.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.uknative.testing.CliRun;
import dev.uknative.testing.Examples;
import dev.uknative.testing.RequiresUnikraft;
import dev.uknative.testing.UnikraftCondition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * qemu/arm64 end to end with the Unikraft tree named by {@code UKNATIVE_TEST_UNIKRAFT}: the build
 * with the cross compiler (gcc-aarch64-linux-gnu), the boot on qemu-system-aarch64's virt machine
 * (software emulation here), the application's status carried through Arm semihosting, a crash told
 * from a halt by the console.
 */
@RequiresUnikraft
@Tag("e2e")
class Arm64EndToEndTest {

    @TempDir
    Path work;

    /** The "done when": the catalog's helloworld-c, libukrandom turned off with config set. */
    @Test
    void theCatalogsHelloWorldPrintsHelloAndExitsZeroOnArm64() throws IOException {
        String catalog = System.getenv("UKNATIVE_TEST_CATALOG");
        Assumptions.assumeTrue(catalog != null && !catalog.isBlank(), "UKNATIVE_TEST_CATALOG is not set (the unikraft/catalog checkout)");
        Path app = work.resolve("helloworld-c");
        Path source = Path.of(catalog, "native", "helloworld-c");
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path target = app.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
        assertThat(app.resolve("Kraftfile")).content().contains("qemu/arm64");

        CliRun set = CliRun.of("config", "set", "-P", app.toString(), "CONFIG_LIBUKRANDOM=n", "--unikraft-source", tree());
        assertThat(set.exitCode()).as(set.toString()).isZero();
        CliRun run = uknative("run", app.toString(), "-t", "qemu/arm64", "--timeout", "120s");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("Hello, World!");
        assertThat(run.err()).contains("Built helloworld_qemu-arm64");
        assertThat(app.resolve(".config.helloworld_qemu-arm64")).content()
                .contains("CONFIG_ARCH_ARM_64=y").contains("CONFIG_LIBUKNATIVE_EXITSTATUS=y");
    }

    @Test
    void theApplicationsStatusAndACrashReachTheHostFromArm64() throws IOException {
        Path app = Files.createDirectories(work.resolve("status"));
        Files.writeString(app.resolve("Kraftfile"), """
                spec: v0.6
                name: status
                unikraft:
                  kconfig:
                    CONFIG_LIBUKRANDOM: n
                targets:
                  - qemu/arm64
                """);
        Files.writeString(app.resolve("Makefile.uk"), "$(eval $(call addlib,appstatus))\nAPPSTATUS_SRCS-y += $(APPSTATUS_BASE)/main.c\n");
        Files.writeString(app.resolve("main.c"), """
                #include <stdio.h>
                #include <stdlib.h>
                #include <string.h>

                int main(int argc, char *argv[])
                {
                	printf("running on arm64\\n");
                	if (argc > 1 && strcmp(argv[1], "exit7") == 0)
                		exit(7);
                	if (argc > 1 && strcmp(argv[1], "abort") == 0)
                		abort();
                	return argc > 1 && strcmp(argv[1], "ret3") == 0 ? 3 : 0;
                }
                """);

        CliRun returns3 = uknative("run", app.toString(), "--timeout", "120s", "--", "ret3");
        assertThat(returns3.exitCode()).as(returns3.toString()).isEqualTo(3);
        assertThat(returns3.out()).contains("running on arm64");
        assertThat(returns3.err()).contains("the application exited with status 3");

        CliRun exits7 = uknative("run", app.toString(), "--timeout", "120s", "--", "exit7");
        assertThat(exits7.exitCode()).as(exits7.toString()).isEqualTo(7);

        CliRun halts = uknative("run", app.toString(), "--timeout", "120s");
        assertThat(halts.exitCode()).as(halts.toString()).isZero();

        CliRun aborts = uknative("run", app.toString(), "--timeout", "120s", "--", "abort");
        assertThat(aborts.exitCode()).as(aborts.toString()).isEqualTo(134);
        assertThat(aborts.err()).contains("error: the unikernel crashed");
    }

    /** The zig example built for aarch64 (zig has the target built in) and linked into an arm64 image. */
    @Test
    void aZigLibraryRunsOnArm64() throws IOException {
        String zig = System.getenv("ZIG");
        Assumptions.assumeTrue(zig != null && !zig.isBlank(), "ZIG is not set (zig 0.11's path)");
        Path app = Examples.copy(Path.of("examples/helloworld-zig"), work);
        Path kraftfile = app.resolve("Kraftfile");
        Files.writeString(kraftfile, Files.readString(kraftfile).replace("  - qemu/x86_64\n", "  - qemu/arm64\n"));

        CliRun run = uknative("run", app.toString(), "--timeout", "120s");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("add(40, 2) = 42");
        assertThat(run.err()).contains("Built helloworld-zig_qemu-arm64");
    }

    /** An archive built for x86_64 in an arm64 image: refused before make, naming it and both machines. */
    @Test
    void anX86ArchiveInAnArm64BuildIsRefusedNamingIt() throws Exception {
        Path app = Files.createDirectories(work.resolve("withlib"));
        Files.writeString(app.resolve("Kraftfile"), """
                spec: v0.6
                name: withlib
                unikraft:
                  kconfig:
                    CONFIG_LIBUKRANDOM: n
                targets:
                  - qemu/arm64
                native:
                  foo: {archive: prebuilt/libfoo.a}
                """);
        Files.writeString(app.resolve("Makefile.uk"), "$(eval $(call addlib,appwithlib))\nAPPWITHLIB_SRCS-y += $(APPWITHLIB_BASE)/main.c\n");
        Files.writeString(app.resolve("main.c"), "int foo_answer(void);\nint main(void) { return foo_answer(); }\n");
        Path prebuilt = Files.createDirectories(app.resolve("prebuilt"));
        Files.writeString(prebuilt.resolve("foo.c"), "int foo_answer(void) { return 42; }\n");
        for (String[] command : java.util.List.of(new String[] {"gcc", "-c", "-o", "foo.o", "foo.c"},
                new String[] {"ar", "rcs", "libfoo.a", "foo.o"})) {
            Process p = new ProcessBuilder(command).directory(prebuilt.toFile()).redirectErrorStream(true).start();
            assertThat(p.waitFor()).as(new String(p.getInputStream().readAllBytes())).isZero();
        }

        CliRun build = uknative("build", app.toString());

        assertThat(build.exitCode()).as(build.toString()).isEqualTo(3);
        assertThat(build.err()).contains("native.foo: " + prebuilt.resolve("libfoo.a"))
                .contains("holds x86_64 objects (foo.o), but the target is arm64 (AArch64)");
    }

    private static String tree() {
        return UnikraftCondition.tree().toString();
    }

    private static CliRun uknative(String... args) {
        int dashes = java.util.Arrays.asList(args).indexOf("--");
        int split = dashes < 0 ? args.length : dashes;
        return CliRun.of(Stream.of(Stream.of(args).limit(split), Stream.of("--unikraft-source", tree(), "-j2"), Stream.of(args).skip(split))
                .flatMap(s -> s).toArray(String[]::new));
    }
}
