package dev.uknative.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.uknative.testing.CliRun;
import dev.uknative.testing.Examples;
import dev.uknative.testing.RequiresUnikraft;
import dev.uknative.testing.UnikraftCondition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds and runs real unikernels with the Unikraft tree named by {@code UKNATIVE_TEST_UNIKRAFT}
 * (real make, gcc and QEMU). Each test builds in its own copy of an app, so they take a few seconds
 * of make each.
 */
@RequiresUnikraft
@Tag("e2e")
class UnikraftEndToEndTest {

    private static final String NATIVE_KCONFIG = """
            unikraft:
              kconfig:
                CONFIG_LIBUKRANDOM: n
            """;

    @TempDir
    Path work;

    @Test
    void theHelloExampleBuildsUnmodifiedRunsAndHalts() throws IOException {
        Path app = Examples.copy(Path.of("examples/helloworld-c"), work);
        assertThat(app.resolve("Makefile")).doesNotExist();
        assertThat(app.resolve("Config.uk")).doesNotExist();

        CliRun run = uknative("run", app.toString(), "--timeout", "120s", "--", "first", "second arg");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("Powered by").contains("Hello, World!")
                .contains("argv[1] = first").contains("argv[2] = second arg");
        assertThat(run.err()).contains("Built helloworld_qemu-x86_64");
        assertThat(app.resolve(".config.helloworld_qemu-x86_64")).content()
                .contains("CONFIG_PLAT_KVM=y").contains("CONFIG_KVM_VMM_QEMU=y").contains("# CONFIG_LIBUKRANDOM is not set");
        assertThat(app.resolve(".unikraft/build/make.log")).content().contains("libukboot");

        CliRun again = uknative("build", app.toString());
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.err()).contains("up to date");
        assertThat(again.out().strip()).isEqualTo(app.resolve(".unikraft/build/helloworld_qemu-x86_64").toString());

        CliRun clean = CliRun.of("clean", "--proper", app.toString());
        assertThat(clean.exitCode()).as(clean.toString()).isZero();
        assertThat(app.resolve(".unikraft/build")).doesNotExist();
    }

    @Test
    void anAppThatAbortsMakesRunFailWithACrashMessage() throws IOException {
        Path app = nativeApp("aborter", """
                #include <stdio.h>
                #include <stdlib.h>

                int main(void)
                {
                	printf("about to abort\\n");
                	abort();
                }
                """, NATIVE_KCONFIG);

        CliRun run = uknative("run", app.toString(), "--timeout", "120s");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(134);
        assertThat(run.out()).contains("about to abort");
        assertThat(run.err()).contains("error: the unikernel crashed").contains("Abnormal termination");
    }

    @Test
    void requestsUnikraftWouldSilentlyDropAreErrorsWithTheirChains() throws IOException {
        Path app = nativeApp("impossible", "int main(void) { return 0; }\n", NATIVE_KCONFIG + """
                    CONFIG_LIBUKRANDOM_DEVFS: y
                    CONFIG_LIBPOSIX_TTY: y
                    CONFIG_LIBPOSIX_FDTAB: n
                """);

        CliRun build = uknative("build", app.toString());

        assertThat(build.exitCode()).as(build.toString()).isEqualTo(3);
        assertThat(build.err()).contains("kconfig requests cannot hold")
                .contains("CONFIG_LIBUKRANDOM_DEVFS=y cannot hold")
                .contains("CONFIG_LIBPOSIX_FDTAB=n cannot hold").contains("CONFIG_LIBPOSIX_TTY");
        assertThat(app.resolve(".unikraft/build/impossible_qemu-x86_64")).doesNotExist();
    }

    @Test
    void aCompileErrorIsShownWithItsFileAndLine() throws IOException {
        Path app = nativeApp("broken", """
                #include <stdio.h>

                int main(void)
                {
                	printf("missing semicolon\\n")
                	return 0;
                }
                """, NATIVE_KCONFIG);

        CliRun build = uknative("build", app.toString());

        assertThat(build.exitCode()).as(build.toString()).isEqualTo(5);
        assertThat(build.err()).contains("error: make failed")
                .contains(app.resolve("main.c") + ":5:")
                .contains("hint: full log: " + app.resolve(".unikraft/build/make.log"));
    }

    @Test
    void theApplicationsExitStatusArgumentsAndEnvironmentReachTheHost() throws IOException {
        Path app = nativeApp("status", """
                #include <stdio.h>
                #include <stdlib.h>
                #include <string.h>

                int main(int argc, char *argv[])
                {
                	const char *greeting = getenv("GREETING");

                	for (int i = 1; i < argc; i++)
                		printf("arg %d: %s\\n", i, argv[i]);
                	printf("GREETING=%s\\n", greeting ? greeting : "(unset)");
                	if (argc > 1 && strcmp(argv[1], "exit7") == 0)
                		exit(7);
                	return argc > 1 && strcmp(argv[1], "ret3") == 0 ? 3 : 0;
                }
                """, NATIVE_KCONFIG + """
                    CONFIG_LIBPOSIX_ENVIRON: y
                    CONFIG_LIBPOSIX_ENVIRON_LIBPARAM: y
                """);

        CliRun returns3 = uknative("run", app.toString(), "--timeout", "120s", "--", "ret3");
        assertThat(returns3.exitCode()).as(returns3.toString()).isEqualTo(3);
        assertThat(returns3.err()).contains("the application exited with status 3");

        CliRun exits7 = uknative("run", app.toString(), "--timeout", "120s", "--", "exit7");
        assertThat(exits7.exitCode()).as(exits7.toString()).isEqualTo(7);

        CliRun greets = uknative("run", app.toString(), "--timeout", "120s", "-e", "GREETING=hello there", "--", "one", "two words");
        assertThat(greets.exitCode()).as(greets.toString()).isZero();
        assertThat(greets.out()).contains("arg 1: one").contains("arg 2: two words").contains("GREETING=hello there");
    }

    @Test
    void buildsWithoutFlexOrBisonOnThePath() throws Exception {
        Path app = Examples.copy(Path.of("examples/helloworld-c"), work);
        // A PATH with everything of /usr/bin and /bin except the tools Unikraft's kconfig needs.
        Path bin = Files.createDirectories(work.resolve("bin-without-flex"));
        for (String dir : List.of("/usr/bin", "/bin")) {
            try (Stream<Path> tools = Files.list(Path.of(dir))) {
                for (Path tool : tools.toList()) {
                    String name = tool.getFileName().toString();
                    if (!Set.of("flex", "flex++", "bison", "lex", "yacc", "byacc").contains(name) && !Files.exists(bin.resolve(name), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                        Files.createSymbolicLink(bin.resolve(name), tool);
                    }
                }
            }
        }
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.uknative.cli.Main",
                "build", app.toString(), "--unikraft-source", UnikraftCondition.tree().toString(), "-j2")
                .redirectErrorStream(true);
        builder.environment().put("PATH", bin.toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());

        assertThat(process.waitFor()).as(output).isZero();
        assertThat(app.resolve(".unikraft/build/helloworld_qemu-x86_64")).isRegularFile();
        assertThat(app.resolve(".unikraft/build/make.log")).content().doesNotContain("lxdialog").doesNotContain("zconf");
    }

    @Test
    void aPrebuiltForeignArchiveIsLinkedIn() throws Exception {
        Path app = nativeApp("withlib", """
                #include <stdio.h>

                int foo_answer(void);

                int main(void)
                {
                	printf("answer %d\\n", foo_answer());
                	return 0;
                }
                """, NATIVE_KCONFIG + "native:\n  foo: {archive: prebuilt/libfoo.a}\n");
        Path prebuilt = Files.createDirectories(app.resolve("prebuilt"));
        Files.writeString(prebuilt.resolve("foo.c"), "int foo_answer(void) { return 42; }\n");
        for (String[] command : List.of(
                new String[] {"gcc", "-c", "-O2", "-fno-stack-protector", "-mno-red-zone", "-fno-pic", "-o", "foo.o", "foo.c"},
                new String[] {"ar", "rcs", "libfoo.a", "foo.o"})) {
            Process p = new ProcessBuilder(command).directory(prebuilt.toFile()).redirectErrorStream(true).start();
            assertThat(p.waitFor()).as(new String(p.getInputStream().readAllBytes())).isZero();
        }

        CliRun run = uknative("run", app.toString(), "--timeout", "120s");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("answer 42");
    }

    private CliRun uknative(String... args) {
        String[] all = Stream.concat(Stream.of(args), Stream.of("--unikraft-source", UnikraftCondition.tree().toString(), "-j2"))
                .toArray(String[]::new);
        // Options may follow "--" only as application arguments: put ours before it.
        int dashes = java.util.Arrays.asList(args).indexOf("--");
        if (dashes >= 0) {
            all = Stream.of(
                    Stream.of(args).limit(dashes),
                    Stream.of("--unikraft-source", UnikraftCondition.tree().toString(), "-j2"),
                    Stream.of(args).skip(dashes)).flatMap(s -> s).toArray(String[]::new);
        }
        return CliRun.of(all);
    }

    private Path nativeApp(String name, String mainC, String kraftfileExtra) throws IOException {
        Path app = Files.createDirectories(work.resolve(name));
        Files.writeString(app.resolve("Kraftfile"), "spec: v0.6\nname: " + name + "\n" + kraftfileExtra + "targets:\n  - qemu/x86_64\n");
        String lib = "app" + name;
        Files.writeString(app.resolve("Makefile.uk"), "$(eval $(call addlib," + lib + "))\n"
                + lib.toUpperCase() + "_SRCS-y += $(" + lib.toUpperCase() + "_BASE)/main.c\n");
        Files.writeString(app.resolve("main.c"), mainC);
        return app;
    }
}
