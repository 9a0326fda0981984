package dev.uknative.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.uknative.testing.CliRun;
import dev.uknative.testing.Examples;
import dev.uknative.testing.RequiresUnikraft;
import dev.uknative.testing.UnikraftCondition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The symbol doctor against a real Unikraft tree: foreign code that needs libc symbols links and runs
 * with no hand-written stub, a stubbed function stops the VM naming itself, and with stubbing off the
 * doctor's missing set is exactly what the linker reports.
 */
@RequiresUnikraft
@Tag("e2e")
class SymbolDoctorEndToEndTest {

    private static final Pattern UNDEFINED = Pattern.compile("undefined reference to `([^']+)'");

    @TempDir
    Path work;

    @Test
    void theZigExampleRunsInReleaseSafeAndInDebugWithNoHandWrittenStubs() throws IOException {
        assumeTrue(System.getenv("ZIG") != null || onPath("zig"), "zig is not installed (./scripts/test installs it)");
        Path app = Examples.copy(Path.of("examples/helloworld-zig"), work);

        CliRun release = run(app);
        assertThat(release.exitCode()).as(release.toString()).isZero();
        assertThat(release.out()).containsPattern("info: add\\(40, 2\\) on thread \\d+").contains("add(40, 2) = 42");
        assertThat(release.err()).contains("turning on CONFIG_LIBSYSCALL_SHIM_HANDLER for raw syscall instructions")
                .contains("turning on CONFIG_LIBPOSIX_PROCESS for syscall gettid")
                .contains("stubbed (dl_iterate_phdr, isatty)");

        Path kraftfile = app.resolve("Kraftfile");
        Files.writeString(kraftfile, Files.readString(kraftfile).replace("optimize: ReleaseSafe", "optimize: Debug"));
        CliRun debug = run(app);
        assertThat(debug.exitCode()).as(debug.toString()).isZero();
        assertThat(debug.err()).contains("(zig build-lib, Debug)");
        assertThat(debug.out()).containsPattern("info: add\\(40, 2\\) on thread \\d+").contains("add(40, 2) = 42");
        assertThat(app).as("nothing generated in the user's tree").isDirectoryNotContaining("glob:**/stubs.c");
        assertThat(app.resolve(".unikraft/build/uknative/lib/uknative_native/stubs.c")).content()
                .contains("int isatty(int fd)").contains("__attribute__((weak))");
    }

    @Test
    void zigWithoutLibcRunsOnRawSyscallsAloneThroughTheShimHandler() throws IOException {
        assumeTrue(System.getenv("ZIG") != null || onPath("zig"), "zig is not installed (./scripts/test installs it)");
        Path app = Examples.copy(Path.of("examples/helloworld-zig"), work);
        Path kraftfile = app.resolve("Kraftfile");
        Files.writeString(kraftfile, Files.readString(kraftfile).replace("optimize: ReleaseSafe", "optimize: ReleaseSafe, target: x86_64-linux-none"));

        CliRun none = run(app);

        assertThat(none.exitCode()).as(none.toString()).isZero();
        assertThat(none.out()).containsPattern("info: add\\(40, 2\\) on thread \\d+").contains("add(40, 2) = 42");
        assertThat(none.err()).contains("(zig build-lib, ReleaseSafe, x86_64-linux-none)")
                .containsPattern("turning on CONFIG_LIBPOSIX_FDIO for .*syscall write")
                .doesNotContain("stubbed");
        String table = CliRun.of("symbols", app.toString(), "--unikraft-source", UnikraftCondition.tree().toString()).out();
        assertThat(table).containsPattern("(?s)raw syscalls: \\d+ sites, .*gettid \\(186\\).*write \\(1\\)");
    }

    @Test
    void aStubbedCallStopsTheVmAndWithoutStubsTheMissingSetIsWhatTheLinkerReports() throws IOException, InterruptedException {
        Path app = cApp();

        CliRun fine = run(app);
        assertThat(fine.exitCode()).as(fine.toString()).isZero();
        assertThat(fine.out()).contains("hello from foo").contains("result 42");
        assertThat(fine.err()).contains("turning on CONFIG_LIBPOSIX_ENVIRON for getenv").contains("stubbed");

        CliRun stubbed = run(app, "--", "call-isatty");
        assertThat(stubbed.exitCode()).as(stubbed.toString()).isEqualTo(134);
        assertThat(stubbed.err()).contains("unsupported function isatty called");

        CliRun doctor = CliRun.of("symbols", app.toString(), "--json", "--no-stubs", "--unikraft-source", UnikraftCondition.tree().toString());
        assertThat(doctor.exitCode()).as(doctor.toString()).isZero();
        Set<String> missing = new TreeSet<>();
        Matcher m = Pattern.compile("\\{\"symbol\": \"([^\"]+)\", \"status\": \"missing\"").matcher(doctor.out());
        while (m.find()) {
            missing.add(m.group(1));
        }
        assertThat(missing).contains("isatty", "dl_iterate_phdr", "uknative_nowhere");

        CliRun noStubs = CliRun.of("build", app.toString(), "--no-stubs", "--unikraft-source", UnikraftCondition.tree().toString(), "-j2");
        assertThat(noStubs.exitCode()).as(noStubs.toString()).isEqualTo(5);
        assertThat(noStubs.err()).contains("stubs are off (--no-stubs)");
        Set<String> undefined = new TreeSet<>();
        Matcher u = UNDEFINED.matcher(Files.readString(app.resolve(".unikraft/build/make.log")));
        while (u.find()) {
            undefined.add(u.group(1));
        }
        assertThat(undefined).as("the linker's undefined references").isEqualTo(missing);
    }

    @Test
    void turningTheProvidingOptionOnByHandLinksWithoutADuplicateSymbol() throws IOException {
        Path app = cApp();
        CliRun stubbedGetenv = CliRun.of("build", app.toString(), "--no-auto-config", "--unikraft-source", UnikraftCondition.tree().toString(), "-j2");
        assertThat(stubbedGetenv.exitCode()).as(stubbedGetenv.toString()).isZero();
        assertThat(stubbedGetenv.err()).contains("CONFIG_LIBPOSIX_ENVIRON stays off: --no-auto-config");

        Path kraftfile = app.resolve("Kraftfile");
        Files.writeString(kraftfile, Files.readString(kraftfile).replace("CONFIG_LIBUKRANDOM: n", "CONFIG_LIBUKRANDOM: n\n    CONFIG_LIBPOSIX_ENVIRON: y\n    CONFIG_LIBPOSIX_FDIO: y\n    CONFIG_LIBPOSIX_TTY: y"));
        CliRun byHand = run(app, "--no-auto-config");
        assertThat(byHand.exitCode()).as(byHand.toString()).isZero();
        assertThat(byHand.out()).contains("result 42");
        String table = CliRun.of("symbols", app.toString(), "--no-auto-config", "--unikraft-source", UnikraftCondition.tree().toString()).out();
        assertThat(table).containsPattern("getenv +provided +libposix_environ").containsPattern("write +provided +libposix_fdio")
                .containsPattern("isatty +stubbed");
    }

    private static CliRun run(Path app, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("run", app.toString(), "--timeout", "120s",
                "--unikraft-source", UnikraftCondition.tree().toString(), "-j2"));
        int dashes = List.of(extra).indexOf("--");
        args.addAll(dashes < 0 ? List.of(extra) : List.of(extra).subList(0, dashes));
        if (dashes >= 0) {
            args.addAll(List.of(extra).subList(dashes, extra.length));
        }
        return CliRun.of(args.toArray(String[]::new));
    }

    /** A C app whose prebuilt archive (made by gcc and ar) needs write, getenv, isatty, dl_iterate_phdr and a symbol nobody has. */
    private Path cApp() throws IOException {
        Path app = work.resolve("capp");
        Files.createDirectories(app.resolve("foo"));
        Files.writeString(app.resolve("foo/foo.c"), """
                #include <unistd.h>
                #include <stdlib.h>
                #include <string.h>
                int dl_iterate_phdr(int (*cb)(void *, unsigned long, void *), void *data);
                int uknative_nowhere(void);
                int foo_hello(int n) {
                    const char *msg = "hello from foo\\n";
                    write(1, msg, strlen(msg));
                    if (getenv("NOPE")) return dl_iterate_phdr(0, 0) + uknative_nowhere();
                    if (n > 1) return isatty(0);
                    return 42;
                }
                """);
        tool(app.resolve("foo"), "gcc", "-c", "-O2", "-fno-pic", "-fno-stack-protector", "-mno-red-zone", "-o", "foo.o", "foo.c");
        tool(app.resolve("foo"), "ar", "rcs", "libfoo.a", "foo.o");
        Files.writeString(app.resolve("main.c"), """
                #include <stdio.h>
                int foo_hello(int n);
                int main(int argc, char **argv) {
                    printf("result %d\\n", foo_hello(argc));
                    return 0;
                }
                """);
        Files.writeString(app.resolve("Makefile.uk"), "$(eval $(call addlib,appcapp))\nAPPCAPP_SRCS-y += $(APPCAPP_BASE)/main.c\n");
        Files.writeString(app.resolve("Kraftfile"), """
                spec: v0.6
                name: capp
                unikraft:
                  kconfig:
                    CONFIG_LIBUKRANDOM: n
                native:
                  foo: {archive: foo/libfoo.a}
                targets:
                  - qemu/x86_64
                """);
        return app;
    }

    private static void tool(Path dir, String... command) throws IOException {
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(String.join(" ", command) + ": " + out).isZero();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static boolean onPath(String tool) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(":")).anyMatch(d -> Files.isExecutable(Path.of(d, tool)));
    }
}
