package dev.uknative.origin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.uknative.core.Reporter;
import dev.uknative.source.LockFile;
import dev.uknative.testing.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Libraries' origins end to end, offline: the catalog's http-c on lib-lwip and a C app on lib-musl
 * (Unikraft RELEASE-0.16.3, the 0.16.x libraries, all from local git mirrors) build with
 * {@code --offline} once their archives are imported, and a cache holding other bytes than
 * {@code uknative.lock} records is refused. Every source is a {@code file://} URL and
 * {@code --offline} refuses any network access, so a passing build used none.
 *
 * <p>Variables: UKNATIVE_TEST_UNIKRAFT_REPO, UKNATIVE_TEST_LWIP_REPO, UKNATIVE_TEST_LWIP_ZIP,
 * UKNATIVE_TEST_CATALOG, UKNATIVE_TEST_MUSL_REPO, UKNATIVE_TEST_MUSL_TARBALL.
 */
@Tag("e2e")
class OriginsEndToEndTest {

    static final String LWIP_URL = "https://github.com/unikraft/fork-lwip/archive/refs/heads/UNIKRAFT-2_1_x.zip";
    static final String MUSL_URL = "https://www.musl-libc.org/releases/musl-1.2.3.tar.gz";

    @TempDir
    Path temp;

    private String previousCache;

    @BeforeEach
    void ownCache() {
        previousCache = System.getProperty("uknative.cache.dir");
        System.setProperty("uknative.cache.dir", temp.resolve("cache").toString());
    }

    @AfterEach
    void restoreCache() {
        if (previousCache == null) {
            System.clearProperty("uknative.cache.dir");
        } else {
            System.setProperty("uknative.cache.dir", previousCache);
        }
    }

    private static String variable(String name) {
        String value = System.getenv(name);
        assumeTrue(value != null && !value.isBlank(), name + " is not set: skipped (see the class's Javadoc)");
        return value;
    }

    private static String sha256(Path file) throws IOException {
        return OriginFetcherTest.sha256(Files.readAllBytes(file));
    }

    @Test
    void httpCBuildsOfflineOnceLwipsArchiveIsImported() throws IOException {
        String unikraft = variable("UKNATIVE_TEST_UNIKRAFT_REPO");
        String lwip = variable("UKNATIVE_TEST_LWIP_REPO");
        Path zip = Path.of(variable("UKNATIVE_TEST_LWIP_ZIP"));
        Path catalog = Path.of(variable("UKNATIVE_TEST_CATALOG"));
        Path app = temp.resolve("http-c");
        Files.createDirectories(app);
        for (String f : new String[] {"Kraftfile", "Makefile.uk", "http_server.c"}) {
            Files.copy(catalog.resolve("native/http-c").resolve(f), app.resolve(f));
        }
        // Only the two version: lines change (a listed library is on by itself).
        String kraftfile = Files.readString(app.resolve("Kraftfile"))
                .replace("unikraft:\n  version: stable\n  kconfig:\n",
                        "unikraft:\n  version: file://" + unikraft + "@RELEASE-0.16.3\n  kconfig:\n")
                .replace("  lwip:\n    version: stable", "  lwip:\n    version: file://" + lwip + "@RELEASE-0.16.2");
        Files.writeString(app.resolve("Kraftfile"), kraftfile);

        CliRun missing = CliRun.of("build", app.toString(), "--target", "qemu/x86_64", "--offline");
        assertThat(missing.exitCode()).as(missing.toString()).isEqualTo(4);
        assertThat(missing.err()).contains("uknative origins import " + LWIP_URL + " FILE");

        CliRun imported = CliRun.of("origins", "import", LWIP_URL, zip.toString());
        assertThat(imported.out().trim()).isEqualTo(sha256(zip));

        CliRun built = CliRun.of("build", app.toString(), "--target", "qemu/x86_64", "--offline");
        assertThat(built.exitCode()).as(built.toString()).isZero();
        assertThat(Path.of(built.out().trim())).isRegularFile();
        assertThat(LockFile.read(app.resolve("uknative.lock"), Reporter.SILENT).origins()).isEqualTo(Map.of(LWIP_URL, sha256(zip)));
        assertThat(Files.readString(app.resolve(".unikraft/build/make.log"))).contains("from the origin cache " + LWIP_URL);
    }

    @Test
    void aMuslAppBuildsOfflineAndOtherBytesUnderMuslsUrlAreRefused() throws IOException {
        String unikraft = variable("UKNATIVE_TEST_UNIKRAFT_REPO");
        String musl = variable("UKNATIVE_TEST_MUSL_REPO");
        Path tarball = Path.of(variable("UKNATIVE_TEST_MUSL_TARBALL"));
        Path app = muslApp(temp.resolve("musl-app"), unikraft, musl);

        assertThat(CliRun.of("origins", "import", MUSL_URL, tarball.toString()).exitCode()).isZero();
        CliRun built = CliRun.of("build", app.toString(), "--offline");
        assertThat(built.exitCode()).as(built.toString()).isZero();
        assertThat(LockFile.read(app.resolve("uknative.lock"), Reporter.SILENT).origins()).containsEntry(MUSL_URL, sha256(tarball));
        CliRun ran = CliRun.of("run", app.toString(), "--offline", "--timeout", "120s");
        assertThat(ran.exitCode()).as(ran.toString()).isZero();
        assertThat(ran.out()).contains("musl: 25.00 1970-01-02 4");

        // The cache now holds other bytes under musl's URL than the lock records: refused, naming both.
        Path other = Files.writeString(temp.resolve("musl-1.2.3.tar.gz"), "not musl");
        assertThat(CliRun.of("origins", "import", MUSL_URL, other.toString()).exitCode()).isZero();
        assertThat(CliRun.of("clean", app.toString(), "--proper").exitCode()).isZero();
        CliRun refused = CliRun.of("build", app.toString(), "--offline");
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(3);
        assertThat(refused.err()).contains(MUSL_URL).contains(sha256(tarball)).contains(sha256(other));
        assertThat(app.resolve(".unikraft/build/libmusl/musl-1.2.3.tar.gz")).doesNotExist();
    }

    /** A C app calling what musl has and nolibc lacks: strtod, bsearch, gmtime_r, strftime, printf of a double. */
    static Path muslApp(Path app, String unikraft, String musl) throws IOException {
        Files.createDirectories(app);
        Files.writeString(app.resolve("Kraftfile"), "spec: v0.6\n\nname: muslapp\n\nunikraft:\n  version: file://" + unikraft
                + "@RELEASE-0.16.3\n\ntargets:\n- qemu/x86_64\n\nlibraries:\n  musl:\n    version: file://"
                + musl + "@RELEASE-0.16.3\n");
        Files.writeString(app.resolve("Makefile.uk"), "$(eval $(call addlib,appmuslapp))\nAPPMUSLAPP_SRCS-y += $(APPMUSLAPP_BASE)/main.c\n");
        Files.writeString(app.resolve("main.c"), """
                #include <stdio.h>
                #include <stdlib.h>
                #include <time.h>

                static int compare(const void *a, const void *b)
                {
                	return *(const int *)a - *(const int *)b;
                }

                int main(void)
                {
                	int primes[] = {2, 3, 5, 7, 11, 13};
                	int key = 11;
                	int *found = bsearch(&key, primes, 6, sizeof(int), compare);
                	char when[32];
                	struct tm tm;
                	time_t t = 86400;

                	gmtime_r(&t, &tm);
                	strftime(when, sizeof(when), "%Y-%m-%d", &tm);
                	printf("musl: %.2f %s %d\\n", strtod("2.5e1", NULL), when, found ? (int)(found - primes) : -1);
                	return 0;
                }
                """);
        return app;
    }
}
