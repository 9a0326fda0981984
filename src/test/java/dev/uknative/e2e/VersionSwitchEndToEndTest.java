package dev.uknative.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.uknative.testing.CliRun;
import dev.uknative.testing.RequiresUnikraft;
import dev.uknative.testing.UnikraftCondition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The version switch of issue 4 on a real Unikraft clone ({@code UKNATIVE_TEST_UNIKRAFT}, given as a
 * git source by its file: URL, fetched into a cache in a test folder): RELEASE-0.17.0, then a later
 * commit of its staging branch written as a bare 12-digit commit, then back, each time only by
 * editing the Kraftfile. Unikraft's banner names the commit it was built from.
 */
@RequiresUnikraft
@Tag("e2e")
class VersionSwitchEndToEndTest {

    @TempDir
    Path work;

    private Path app;
    private String release;
    private String later;

    private String previousCache;

    @BeforeEach
    void setUp() throws IOException {
        previousCache = System.setProperty("uknative.cache.dir", work.resolve("cache").toString());
        try (Repository repo = new FileRepositoryBuilder().findGitDir(UnikraftCondition.tree().toFile()).build()) {
            release = repo.resolve("refs/tags/RELEASE-0.17.0^{commit}").name();
            ObjectId staging = repo.resolve("refs/heads/staging^{commit}");
            assertThat(staging).as("the Unikraft clone needs a local staging branch after RELEASE-0.17.0").isNotNull();
            later = staging.name();
        }
        assertThat(later).isNotEqualTo(release);
        app = Files.createDirectories(work.resolve("hello"));
        Files.writeString(app.resolve("Makefile.uk"), "$(eval $(call addlib,apphello))\nAPPHELLO_SRCS-y += $(APPHELLO_BASE)/main.c\n");
        Files.writeString(app.resolve("main.c"), "#include <stdio.h>\nint main(void) { printf(\"Hello, versions!\\n\"); return 0; }\n");
    }

    @AfterEach
    void tearDown() {
        if (previousCache == null) {
            System.clearProperty("uknative.cache.dir");
        } else {
            System.setProperty("uknative.cache.dir", previousCache);
        }
    }

    private void kraftfile(String version) throws IOException {
        Files.writeString(app.resolve("Kraftfile"), """
                spec: v0.6
                name: hello
                unikraft:
                  source: %s
                  version: %s
                  kconfig:
                    CONFIG_LIBUKRANDOM: n
                targets:
                  - qemu/x86_64
                """.formatted(UnikraftCondition.tree().toUri(), version));
    }

    private CliRun run() {
        CliRun run = CliRun.of("run", app.toString(), "--timeout", "120s", "-j4");
        System.out.println("[version switch] " + run.out().lines().filter(l -> l.contains("~") || l.contains("Hello")).toList());
        return run;
    }

    @Test
    void releaseThenALaterBareCommitThenBackOnlyByEditingTheKraftfile() throws IOException {
        kraftfile("RELEASE-0.17.0");
        CliRun first = run();
        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(first.out()).contains("0.17.0~" + release.substring(0, 7)).contains("Hello, versions!");
        assertThat(first.err()).contains("is tag RELEASE-0.17.0 at commit " + release.substring(0, 12));

        kraftfile(later.substring(0, 12));
        CliRun second = run();
        assertThat(second.exitCode()).as(second.toString()).isZero();
        assertThat(second.out()).contains("~" + later.substring(0, 7)).doesNotContain("~" + release.substring(0, 7))
                .contains("Hello, versions!").doesNotContain("-custom");
        assertThat(second.err()).contains("Unikraft changed");
        assertThat(app.resolve("uknative.lock")).content().contains(later);

        kraftfile("RELEASE-0.17.0");
        CliRun third = run();
        assertThat(third.exitCode()).as(third.toString()).isZero();
        assertThat(third.out()).contains("0.17.0~" + release.substring(0, 7));
        assertThat(third.err()).contains("Unikraft changed").doesNotContain("checking out");
        assertThat(app.resolve("uknative.lock")).content().contains(release);
    }
}
