package dev.uknative.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.uknative.core.Reporter;
import dev.uknative.project.Kraftfile;
import dev.uknative.testing.GitDaemon;
import dev.uknative.testing.GitRepos;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A release named through a manifest is fetched alone (depth 1) from a real {@code git daemon} on
 * loopback: the commit before it never reaches the cache, a cached tree needs no fetch at all, and
 * the shallow mirror still answers a later branch and an abbreviated commit.
 */
@Tag("tool")
class ShallowGitFetchTest {

    @TempDir
    Path temp;

    private GitRepos repo;
    private GitDaemon daemon;
    private String older;
    private String v17;
    private String middle;
    private Sources sources;
    private Path project;

    @BeforeEach
    void serve() throws Exception {
        assumeTrue(GitDaemon.available(), "git is not installed");
        repo = GitRepos.init(temp.resolve("unikraft"));
        older = repo.commit(Map.of("old-history.txt", "x".repeat(10_000) + "\n"), "long ago");
        v17 = repo.commit(GitRepos.fakeUnikraft(17, "seventeen"), "Release 0.17.0");
        repo.tag("RELEASE-0.17.0");
        middle = repo.commit(Map.of("marker.txt", "between releases\n"), "work in progress");
        repo.branch("staging");
        repo.commit(Map.of("marker.txt", "staging\n"), "on staging");
        repo.checkout("main");
        daemon = GitDaemon.serve(repo.folder(), temp.resolve("daemon.log"));
        Path manifest = temp.resolve("manifest.yaml");
        Files.writeString(manifest, """
                name: unikraft
                type: core
                origin: %1$s
                versions:
                  - version: 0.17.0
                    type: git
                    resource: %1$s@RELEASE-0.17.0
                """.formatted(daemon.url()));
        sources = new Sources(temp.resolve("cache"), Optional.of(manifest.toString()));
        project = temp.resolve("app");
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (daemon != null) {
            daemon.close();
        }
        if (repo != null) {
            repo.close();
        }
    }

    private Kraftfile unikraft(String version) throws IOException {
        return Sources.kraftfile(project, "name: app\nunikraft: " + version + "\n");
    }

    private Path mirror() throws IOException {
        try (var mirrors = Files.list(temp.resolve("cache/git"))) {
            return mirrors.filter(Files::isDirectory).findFirst().orElseThrow();
        }
    }

    @Test
    void aReleaseIsFetchedWithoutItsHistory() throws IOException {
        LocalSourceResolver.Resolved r = sources.resolve(unikraft("0.17.0"));

        assertThat(r.unikraft().path().resolve("marker.txt")).content().isEqualToIgnoringNewLines("seventeen");
        assertThat(r.unikraft().path().getFileName()).hasToString("git-" + v17);
        GitFetcher git = new GitFetcher(sources.cache(), Reporter.SILENT);
        assertThat(git.isShallow(mirror())).isTrue();
        assertThat(git.has(mirror(), v17)).isTrue();
        assertThat(git.has(mirror(), older)).as("the commit before the release was not fetched").isFalse();
        assertThat(r.unikraft().path().resolve(".git/shallow")).content().contains(v17);
        assertThat(LockFile.read(project.resolve("uknative.lock"), Reporter.SILENT).unikraft().orElseThrow().id()).isEqualTo(v17);
    }

    @Test
    void aCachedTreeIsNotFetchedAgain() throws IOException {
        sources.resolve(unikraft("0.17.0"));
        Files.delete(project.resolve("uknative.lock"));
        sources.messages.clear();

        LocalSourceResolver.Resolved again = sources.resolve(unikraft("0.17.0"));

        assertThat(again.unikraft().path().getFileName()).hasToString("git-" + v17);
        assertThat(sources.messages).noneMatch(m -> m.contains("fetching") || m.contains("cloning") || m.contains("checking out"));
    }

    @Test
    void theShallowMirrorStillServesABranchAndAnAbbreviatedCommit() throws IOException {
        sources.resolve(unikraft("0.17.0"));

        LocalSourceResolver.Resolved staging = sources.resolve(Sources.kraftfile(project,
                "name: app\nunikraft:\n  source: " + daemon.url() + "\n  version: staging\n"));
        assertThat(staging.unikraft().path().resolve("marker.txt")).content().isEqualToIgnoringNewLines("staging");

        LocalSourceResolver.Resolved abbreviated = sources.resolve(Sources.kraftfile(project,
                "name: app\nunikraft:\n  source: " + daemon.url() + "\n  version: " + middle.substring(0, 12) + "\n"));
        assertThat(abbreviated.unikraft().path().resolve("marker.txt")).content().isEqualToIgnoringNewLines("between releases");
    }
}
