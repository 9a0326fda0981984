package dev.uknative.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.uknative.app.Paths;
import dev.uknative.testing.CliRun;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The catalog's {@code http-c} (unikraft/catalog, native/http-c) with an external library, lib-lwip:
 * its Kraftfile changed only in its two {@code version:} lines, which point at local mirrors of
 * unikraft/unikraft and unikraft/lib-lwip. Needs {@code UKNATIVE_TEST_CATALOG},
 * {@code UKNATIVE_TEST_UNIKRAFT_REPO}, {@code UKNATIVE_TEST_LWIP_REPO} and
 * {@code UKNATIVE_TEST_LWIP_ZIP} (lib-lwip's upstream fork-lwip zip, given to {@code origins import}
 * so that the app builds and runs {@code --offline}); skipped with the reason when one is unset.
 */
@Tag("e2e")
class LibrariesEndToEndTest {

    private static final String LWIP_URL = "https://github.com/unikraft/fork-lwip/archive/refs/heads/UNIKRAFT-2_1_x.zip";

    @TempDir
    Path work;

    private String machine;

    private static String variable(String name) {
        String value = System.getenv(name);
        Assumptions.assumeTrue(value != null && !value.isBlank(), name + " is not set: it names " + switch (name) {
            case "UKNATIVE_TEST_CATALOG" -> "a checkout of unikraft/catalog";
            case "UKNATIVE_TEST_UNIKRAFT_REPO" -> "a git repository of unikraft/unikraft with tags RELEASE-0.16.3 and RELEASE-0.17.0";
            case "UKNATIVE_TEST_LWIP_REPO" -> "a git repository of unikraft/lib-lwip with tag RELEASE-0.16.2";
            default -> "lib-lwip's upstream archive fork-lwip-UNIKRAFT-2_1_x.zip";
        });
        return value;
    }

    @BeforeEach
    void separateState() {
        System.setProperty(Paths.STATE_PROPERTY, work.resolve("state").toString());
    }

    @AfterEach
    void removeTheMachine() {
        try {
            if (machine != null) {
                CliRun.of("rm", "-f", machine);
            }
        } finally {
            System.clearProperty(Paths.STATE_PROPERTY);
        }
    }

    /** http-c copied from the catalog, its two version lines pointing at the mirrors, lwip's zip in place. */
    private Path httpC(String unikraftTag) throws IOException {
        Path catalog = Path.of(variable("UKNATIVE_TEST_CATALOG"));
        String unikraft = Path.of(variable("UKNATIVE_TEST_UNIKRAFT_REPO")).toUri().toString().replaceAll("/$", "");
        String lwip = Path.of(variable("UKNATIVE_TEST_LWIP_REPO")).toUri().toString().replaceAll("/$", "");
        Path zip = Path.of(variable("UKNATIVE_TEST_LWIP_ZIP"));
        Path app = work.resolve("http-c");
        copy(catalog.resolve("native/http-c"), app);
        String kraftfile = Files.readString(app.resolve("Kraftfile"));
        int libraries = kraftfile.indexOf("libraries:");
        String head = kraftfile.substring(0, libraries).replaceFirst("(?m)^  version: stable$", "  version: " + unikraft + "@" + unikraftTag);
        String tail = kraftfile.substring(libraries).replaceFirst("(?m)^    version: stable$", "    version: " + lwip + "@RELEASE-0.16.2");
        assertThat(head + tail).as("only the two version lines change").isNotEqualTo(kraftfile)
                .contains(unikraftTag).contains("RELEASE-0.16.2");
        Files.writeString(app.resolve("Kraftfile"), head + tail);
        // lib-lwip downloads its upstream zip during make: recorded in the origin cache beforehand, so that
        // the build runs --offline (any network access would be refused).
        CliRun imported = CliRun.of("origins", "import", LWIP_URL, zip.toString());
        assertThat(imported.exitCode()).as(imported.toString()).isZero();
        return app;
    }

    @Test
    void theCatalogsHttpCWithLwipBuildsAndAnswersThroughAForwardedPort() throws Exception {
        Path app = httpC("RELEASE-0.16.3");
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        machine = "libs-http-c-" + port;

        CliRun run = CliRun.of("run", "-d", "--offline", "--name", machine, "-p", "127.0.0.1:" + port + ":8080", app.toString(),
                "-t", "qemu/x86_64");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.err()).contains("from listed libraries").contains("Built http-c_qemu-x86_64");
        assertThat(app.resolve(".config.http-c_qemu-x86_64")).content()
                .contains("CONFIG_LIBLWIP=y").contains("CONFIG_LIBUKNETDEV=y").contains("CONFIG_LWIP_SOCKET=y");
        assertThat(app.resolve("uknative.lock")).content().contains("RELEASE-0.16.2").contains(LWIP_URL);
        assertThat(get(port)).contains("Hello, World!");
    }

    @Test
    void aLibraryOfAnotherReleaseFailsWithTheCompilersErrorAndBothVersions() throws IOException {
        Path app = httpC("RELEASE-0.17.0");

        CliRun build = CliRun.of("build", app.toString(), "-t", "qemu/x86_64");

        assertThat(build.exitCode()).as(build.toString()).isEqualTo(5);
        // Configuring said so first: lwip's Config.uk selects LIBUKSWRAND, which 0.17.0 no longer defines.
        assertThat(build.err()).contains("warning: LIBLWIP selects LIBUKSWRAND, which this Unikraft tree does not define"
                        + " (library lwip, Config.uk:6)")
                .contains("hint: a library may have been written for another Unikraft release (lwip: RELEASE-0.16.2, commit")
                .doesNotContain("ELF64_TO_32");
        assertThat(build.err().indexOf("LIBUKSWRAND")).as("before make's error").isLessThan(build.err().indexOf("uk/swrand.h"));
        assertThat(build.err()).contains("uk/swrand.h")
                .contains("the error is in library lwip (RELEASE-0.16.2, commit")
                .contains("built on Unikraft 0.17.0");
    }

    /** The body of {@code GET /} on the port, asked again while the unikernel boots and takes its address (TCG: slow). */
    private static String get(int port) throws InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        Optional<String> body = Optional.empty();
        while (body.isEmpty() && System.nanoTime() < deadline) {
            try {
                body = Optional.of(client.send(request, HttpResponse.BodyHandlers.ofString()).body());
            } catch (IOException e) {
                Thread.sleep(1000);
            }
        }
        return body.orElse("(no answer within 120 s)");
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.sorted(Comparator.naturalOrder()).toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
    }
}
