package dev.uknative.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's class-data archive when Java's dump fails: the real {@code ./uknative} script in a
 * copy of the checkout's layout, the real JVM, and in front of it on PATH a {@code java} that fails
 * every {@code -Xshare:dump} of a class list with lambda proxies (as Java 17.0.15's crashes now and then)
 * or every dump at all.
 */
@Tag("tool")
class LauncherArchiveToolTest {

    @TempDir
    Path temp;

    private Path home;
    private Path fakeJava;

    @BeforeEach
    void layout() throws IOException {
        Path jar = Path.of("target/uknative.jar").toAbsolutePath();
        assumeThat(Files.isRegularFile(jar)).as("target/uknative.jar is made by mvn package (run with mvn verify)").isTrue();
        home = Files.createDirectories(temp.resolve("checkout"));
        Files.createDirectories(home.resolve("src/main"));
        Files.writeString(home.resolve("pom.xml"), "");
        Files.createDirectories(home.resolve("examples"));
        Files.createSymbolicLink(home.resolve("examples/helloworld-c"), Path.of("examples/helloworld-c").toAbsolutePath());
        Files.copy(Path.of("uknative"), home.resolve("uknative"), StandardCopyOption.COPY_ATTRIBUTES);
        Path target = Files.createDirectories(home.resolve("target"));
        Files.copy(jar, target.resolve("uknative.jar"));
        Files.createSymbolicLink(target.resolve("lib"), Path.of("target/lib").toAbsolutePath());
        // The checkout's sources are older than the launcher's "built" stamp: no Maven build.
        Instant old = Instant.now().minusSeconds(60);
        for (Path p : List.of(home.resolve("pom.xml"), home.resolve("src/main"), target.resolve("uknative.jar"))) {
            Files.setLastModifiedTime(p, FileTime.from(old));
        }
        Files.writeString(target.resolve(".uknative-built"), "");

        Path bin = Files.createDirectories(temp.resolve("bin"));
        fakeJava = bin.resolve("java");
        String realJava = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Files.writeString(fakeJava, String.join("\n",
                "#!/usr/bin/env bash",
                "for a in \"$@\"; do case \"$a\" in -XX:SharedClassListFile=*) list=\"${a#-XX:SharedClassListFile=}\";; esac; done",
                "if [[ \" $* \" == *\" -Xshare:dump \"* && -n \"${list:-}\" ]]; then",
                "  if [[ -n \"${FAIL_EVERY_DUMP:-}\" ]] || grep -q '^@lambda-proxy' \"$list\"; then",
                "    echo \"$list\" >> \"" + temp.resolve("failed-dumps") + "\"; exit 134",
                "  fi",
                "fi",
                "exec '" + realJava + "' \"$@\"", ""), StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(fakeJava, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private String launch(Map<String, String> environment) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(home.resolve("uknative").toString(), "--version").redirectErrorStream(true);
        builder.environment().put("PATH", fakeJava.getParent() + ":" + System.getenv("PATH"));
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }

    private Path cds() {
        return home.resolve("target/cds");
    }

    /** Waits until the launcher's background job has ended: its lock is free and it left its verdict. */
    private void awaitVerdict() throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (Instant.now().isBefore(deadline)) {
            if (Files.exists(cds().resolve("uknative.jsa")) || Files.exists(cds().resolve("failed"))) {
                Thread.sleep(500); // the job removes its temporary files after the verdict
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no archive and no failure after 120 s: " + list(cds()));
    }

    private static List<String> list(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aDumpThatFailsOnLambdaProxiesIsMadeAgainWithoutThem() throws Exception {
        assertThat(launch(Map.of())).contains("uknative");
        assertThat(launch(Map.of())).contains("uknative");
        awaitVerdict();

        assertThat(Files.readAllLines(temp.resolve("failed-dumps"))).as("the dump with lambda proxies failed once").hasSize(1);
        assertThat(cds().resolve("failed")).doesNotExist();
        assertThat(Files.size(cds().resolve("uknative.jsa"))).isGreaterThan(1_000_000);
        assertThat(list(cds())).noneMatch(n -> n.contains(".tmp."));
        assertThat(launch(Map.of())).as("a start with the archive").contains("uknative");
    }

    @Test
    void whenEveryDumpFailsTheNextTryWaitsAnHour() throws Exception {
        Map<String, String> failing = Map.of("FAIL_EVERY_DUMP", "1");
        launch(failing);
        launch(failing);
        awaitVerdict();
        assertThat(Files.readAllLines(temp.resolve("failed-dumps"))).as("with and without lambda proxies").hasSize(2);
        assertThat(cds().resolve("uknative.jsa")).doesNotExist();

        launch(Map.of());
        assertThat(list(cds())).as("a recent failure: no class list recorded").noneMatch(n -> n.startsWith("classes."));

        long failedAt = Long.parseLong(Files.readString(cds().resolve("failed")).strip());
        assertThat(failedAt).as("the failure's time, in seconds").isCloseTo(Instant.now().getEpochSecond(), org.assertj.core.data.Offset.offset(300L));
        Files.writeString(cds().resolve("failed"), (failedAt - 7200) + "\n");
        launch(Map.of());
        assertThat(list(cds())).as("an hour later the launcher records again").anyMatch(n -> n.startsWith("classes."));
    }
}
