package dev.uknative.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.uknative.app.Paths;
import dev.uknative.testing.CliRun;
import dev.uknative.testing.GitRepos;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The version switch through {@code uknative build} with real make and gcc on a stand-in Unikraft in
 * a git repository made here (its image carries its version.mk), and the commands around sources:
 * update, versions, cache list and prune, clean --all.
 */
@Tag("tool")
class SourceCommandsTest {

    @TempDir
    Path temp;

    private GitRepos repo;
    private String v17;
    private Path app;

    /** The surefire-wide test cache, put back afterwards (later tests must not fall back to the user's cache). */
    private String previousCache;

    @BeforeEach
    void setUp() throws IOException, URISyntaxException {
        previousCache = System.setProperty(Paths.CACHE_PROPERTY, temp.resolve("cache").toString());
        Path fake = Path.of(SourceCommandsTest.class.getResource("/fake-unikraft/Makefile").toURI()).getParent();
        Map<String, String> files = new HashMap<>();
        try (Stream<Path> all = Files.walk(fake)) {
            for (Path f : all.filter(Files::isRegularFile).toList()) {
                files.put(fake.relativize(f).toString(), Files.readString(f));
            }
        }
        // The stand-in's image carries the version.mk of the tree it was built from.
        files.put("Makefile", files.get("Makefile").replace("\t@cp $@.dbg $@\n", "\t@cp $@.dbg $@\n\t@cat $(CURDIR)/version.mk >> $@\n"));
        repo = GitRepos.init(temp.resolve("unikraft"));
        files.put("version.mk", "UK_VERSION = 0\nUK_SUBVERSION = 17\nUK_EXTRAVERSION = 0\n");
        v17 = repo.commit(files, "Release 0.17.0");
        repo.tag("RELEASE-0.17.0");
        repo.commit(Map.of("version.mk", "UK_VERSION = 0\nUK_SUBVERSION = 18\nUK_EXTRAVERSION = 0\n"), "Release 0.18.0");
        repo.tag("RELEASE-0.18.0");

        app = Files.createDirectories(temp.resolve("app"));
        Files.writeString(app.resolve("Makefile.uk"), "$(eval $(call addlib,apphello))\n");
        Files.writeString(app.resolve("main.c"), "int main(void) { return 0; }\n");
        kraftfile("RELEASE-0.17.0");
    }

    @AfterEach
    void tearDown() {
        if (previousCache == null) {
            System.clearProperty(Paths.CACHE_PROPERTY);
        } else {
            System.setProperty(Paths.CACHE_PROPERTY, previousCache);
        }
        repo.close();
    }

    private void kraftfile(String version) throws IOException {
        Files.writeString(app.resolve("Kraftfile"), """
                spec: v0.6
                name: hello
                unikraft:
                  source: %s
                  version: %s
                targets:
                  - qemu/x86_64
                """.formatted(repo.url(), version));
    }

    private Path image() {
        return app.resolve(".unikraft/build/hello_qemu-x86_64");
    }

    @Test
    void editingTheVersionInTheKraftfileIsAllItTakesToBuildAnotherUnikraft() throws IOException {
        CliRun first = CliRun.of("build", app.toString(), "-j2");
        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(image()).content().contains("UK_SUBVERSION = 17");
        assertThat(app.resolve("uknative.lock")).content().contains(v17);

        kraftfile("RELEASE-0.18.0");
        CliRun second = CliRun.of("build", app.toString(), "-j2");
        assertThat(second.exitCode()).as(second.toString()).isZero();
        assertThat(second.err()).contains("Unikraft changed").contains("Configuring").doesNotContain("up to date");
        assertThat(image()).content().contains("UK_SUBVERSION = 18");

        kraftfile(v17.substring(0, 12));
        CliRun third = CliRun.of("build", app.toString(), "-j2");
        assertThat(third.exitCode()).as(third.toString()).isZero();
        assertThat(image()).content().contains("UK_SUBVERSION = 17");
        assertThat(third.err()).contains("commit " + v17.substring(0, 12));

        CliRun again = CliRun.of("build", app.toString(), "-j2");
        assertThat(again.err()).contains("is up to date");
    }

    @Test
    void anUnknownVersionFailsAtTheKraftfileLineWithTheNearest() throws IOException {
        kraftfile("RELEASE-0.17.9");

        CliRun run = CliRun.of("build", app.toString());

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("error: " + app.resolve("Kraftfile") + ":4:")
                .contains("unikraft version 'RELEASE-0.17.9'").contains("hint: nearest available: RELEASE-0.17.0, RELEASE-0.18.0");
    }

    @Test
    void updateVersionsAndTheCacheCommands() throws IOException {
        kraftfile("main");
        CliRun update = CliRun.of("update", app.toString());
        assertThat(update.exitCode()).as(update.toString()).isZero();
        assertThat(update.out()).contains("unikraft").contains("git").contains(repo.url() + "@main");

        Path manifest = temp.resolve("manifest.yaml");
        Files.writeString(manifest, """
                name: unikraft
                type: core
                origin: %s
                channels:
                  - name: stable
                    default: true
                    resource: %s@main
                versions:
                  - version: 0.17.0
                    type: git
                    resource: %s@RELEASE-0.17.0
                """.formatted(repo.url(), repo.url(), repo.url()));
        CliRun versions = CliRun.of("versions", "--manifest", manifest.toString(), "-P", temp.toString());
        assertThat(versions.exitCode()).as(versions.toString()).isZero();
        assertThat(versions.out()).contains("channels: stable (default)").contains("releases: 0.17.0")
                .contains("branches: main").contains("tags:     RELEASE-0.18.0, RELEASE-0.17.0");

        CliRun list = CliRun.of("cache", "list");
        assertThat(list.exitCode()).as(list.toString()).isZero();
        assertThat(list.out()).contains("git-").contains(repo.url() + "@main");
        assertThat(list.err()).contains("1 tree in " + temp.resolve("cache/sources"));

        CliRun keep = CliRun.of("cache", "prune", "--older-than", "30");
        assertThat(keep.out()).isEmpty();
        CliRun prune = CliRun.of("cache", "prune");
        assertThat(prune.exitCode()).as(prune.toString()).isZero();
        assertThat(prune.out()).contains("git-");
        assertThat(CliRun.of("cache", "list").out()).isEmpty();
    }

    @Test
    void cleanAllRemovesConfigsAndTheLockButNotTheCache() throws IOException {
        assertThat(CliRun.of("build", app.toString(), "-j2").exitCode()).isZero();
        assertThat(app.resolve(".config.hello_qemu-x86_64")).exists();

        CliRun clean = CliRun.of("clean", "--all", app.toString());

        assertThat(clean.exitCode()).as(clean.toString()).isZero();
        assertThat(app.resolve(".unikraft/build")).doesNotExist();
        assertThat(app.resolve(".config.hello_qemu-x86_64")).doesNotExist();
        assertThat(app.resolve("uknative.lock")).doesNotExist();
        assertThat(app.resolve("Kraftfile")).exists();
        assertThat(temp.resolve("cache/sources/trees/git-" + v17)).isDirectory();
    }
}
