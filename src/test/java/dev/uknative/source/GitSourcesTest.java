package dev.uknative.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.uknative.core.ExitCode;
import dev.uknative.core.Reporter;
import dev.uknative.core.UknativeException;
import dev.uknative.project.Kraftfile;
import dev.uknative.testing.GitRepos;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Git sources with real repositories made here (JGit), fetched through {@code file:} URLs into a
 * cache in a test folder: releases in any spelling, branches, full and abbreviated commits, the lock
 * file, the version switch, unknown versions and concurrent fetches.
 */
@Tag("tool")
class GitSourcesTest {

    @TempDir
    Path temp;

    private GitRepos repo;
    private String v17;
    private String middle;
    private String v18;
    private Sources sources;
    private Path project;

    @BeforeEach
    void makeRepository() throws IOException {
        repo = GitRepos.init(temp.resolve("unikraft"));
        v17 = repo.commit(GitRepos.fakeUnikraft(17, "seventeen"), "Release 0.17.0");
        repo.tag("RELEASE-0.17.0");
        middle = repo.commit(Map.of("marker.txt", "between releases\n"), "work in progress");
        v18 = repo.commit(GitRepos.fakeUnikraft(18, "eighteen"), "Release 0.18.0");
        repo.tag("RELEASE-0.18.0");
        repo.branch("staging");
        repo.commit(Map.of("marker.txt", "staging\n"), "on staging");
        repo.checkout("main");
        sources = new Sources(temp.resolve("cache"), Optional.empty());
        project = temp.resolve("app");
    }

    @AfterEach
    void closeRepository() {
        repo.close();
    }

    private Kraftfile unikraft(String spec) throws IOException {
        return Sources.kraftfile(project, "name: app\nunikraft:\n  source: " + repo.url() + "\n  version: " + spec + "\n");
    }

    private static String marker(LocalSourceResolver.Resolved r) throws IOException {
        return Files.readString(r.unikraft().path().resolve("marker.txt")).strip();
    }

    @Test
    void aReleaseResolvesInEverySpellingToItsTag() throws IOException {
        for (String spelling : List.of("RELEASE-0.17.0", "0.17.0", "v0.17.0", "0.17")) {
            LocalSourceResolver.Resolved r = sources.resolve(unikraft(spelling));

            assertThat(marker(r)).as(spelling).isEqualTo("seventeen");
            assertThat(r.unikraft().version()).contains("0.17.0");
            assertThat(r.unikraft().path().getFileName()).hasToString("git-" + v17);
        }
        LockFile lock = LockFile.read(project.resolve("uknative.lock"), Reporter.SILENT);
        assertThat(lock.unikraft()).hasValueSatisfying(l -> {
            assertThat(l.type()).isEqualTo("git");
            assertThat(l.id()).isEqualTo(v17);
            assertThat(l.source()).isEqualTo(repo.url());
        });
    }

    @Test
    void aCommitNoBranchPointsAtBuildsExactlyThatCommitFullOrAbbreviated() throws IOException {
        LocalSourceResolver.Resolved abbreviated = sources.resolve(unikraft(middle.substring(0, 12)));
        assertThat(marker(abbreviated)).isEqualTo("between releases");
        assertThat(abbreviated.unikraft().path().getFileName()).hasToString("git-" + middle);

        LocalSourceResolver.Resolved full = sources.resolve(Sources.kraftfile(project, "unikraft: " + repo.url() + "@" + middle + "\n"));
        assertThat(full.unikraft().path()).isEqualTo(abbreviated.unikraft().path());
    }

    @Test
    void theCheckoutIsAGitTreeAtTheCommitWithoutLocalChanges() throws Exception {
        LocalSourceResolver.Resolved r = sources.resolve(unikraft("RELEASE-0.18.0"));

        try (Git checkout = Git.open(r.unikraft().path().toFile())) {
            assertThat(checkout.getRepository().resolve("HEAD").name()).isEqualTo(v18);
            assertThat(checkout.status().call().isClean()).isTrue();
        }
        assertThat(r.unikraft().path().resolve(".git/objects/info/alternates")).content()
                .contains(sources.cacheRoot.resolve("git").toString());
    }

    @Test
    void aReadOnlyResolutionUsesTheLockButNeverWritesIt() throws IOException {
        Kraftfile kraftfile = unikraft("RELEASE-0.17.0");
        LocalSourceResolver.Resolved read = sources.resolver().resolve(kraftfile, Optional.empty(), Optional.empty(),
                SourceResolver.Mode.READ_ONLY);
        assertThat(marker(read)).isEqualTo("seventeen");
        assertThat(project.resolve("uknative.lock")).doesNotExist();

        sources.resolve(kraftfile);
        byte[] locked = Files.readAllBytes(project.resolve("uknative.lock"));
        repo.checkout("staging");
        LocalSourceResolver.Resolved again = sources.resolver().resolve(unikraft("staging"), Optional.empty(), Optional.empty(),
                SourceResolver.Mode.READ_ONLY);
        assertThat(marker(again)).isEqualTo("staging");
        assertThat(project.resolve("uknative.lock")).hasBinaryContent(locked);
    }

    @Test
    void aBranchStaysLockedUntilUpdate() throws IOException {
        LocalSourceResolver.Resolved first = sources.resolve(unikraft("staging"));
        assertThat(marker(first)).isEqualTo("staging");

        repo.checkout("staging");
        String moved = repo.commit(Map.of("marker.txt", "staging moved\n"), "more on staging");

        LocalSourceResolver.Resolved locked = sources.resolve(unikraft("staging"));
        assertThat(locked.unikraft().path()).isEqualTo(first.unikraft().path());

        LocalSourceResolver.Resolved updated = sources.update(unikraft("staging"));
        assertThat(marker(updated)).isEqualTo("staging moved");
        assertThat(LockFile.read(project.resolve("uknative.lock"), Reporter.SILENT).unikraft().orElseThrow().id()).isEqualTo(moved);
    }

    @Test
    void changingTheVersionResolvesAgainAndGoingBackUsesTheCache() throws IOException {
        Path at17 = sources.resolve(unikraft("0.17.0")).unikraft().path();
        Path at18 = sources.resolve(unikraft("0.18.0")).unikraft().path();
        assertThat(at18).isNotEqualTo(at17);
        assertThat(at18.resolve("marker.txt")).content().isEqualToIgnoringNewLines("eighteen");

        sources.messages.clear();
        Path back = sources.resolve(unikraft("0.17.0")).unikraft().path();
        assertThat(back).isEqualTo(at17);
        assertThat(sources.messages).noneMatch(m -> m.contains("checking out"));
    }

    @Test
    void aLockedCommitIsUsedFromTheCacheWithoutTheRemote() throws IOException {
        Path tree = sources.resolve(unikraft("RELEASE-0.17.0")).unikraft().path();
        repo.close();
        dev.uknative.core.FileTrees.delete(repo.folder());

        LocalSourceResolver.Resolved again = sources.resolve(unikraft("RELEASE-0.17.0"));

        assertThat(again.unikraft().path()).isEqualTo(tree);
    }

    @Test
    void anUnknownVersionListsTheNearestAtTheKraftfileLine() throws IOException {
        UknativeException e = catchThrowableOfType(UknativeException.class, () -> sources.resolve(unikraft("0.17.1")));

        assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(e.location()).hasValueSatisfying(l -> assertThat(l.line()).isEqualTo(3));
        assertThat(e.getMessage()).contains("version '0.17.1'");
        assertThat(e.hint()).hasValueSatisfying(h -> assertThat(h).startsWith("nearest available: RELEASE-0.17.0, RELEASE-0.18.0"));

        UknativeException typo = catchThrowableOfType(UknativeException.class, () -> sources.resolve(unikraft("stagign")));
        assertThat(typo.hint()).hasValueSatisfying(h -> assertThat(h).startsWith("nearest available: staging"));
    }

    @Test
    void twoResolutionsAtOnceCloneAndCheckOutOnce() throws Exception {
        Kraftfile a = unikraft("RELEASE-0.18.0");
        Kraftfile b = Sources.kraftfile(temp.resolve("other-app"), "unikraft: " + repo.url() + "@0.18.0\n");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<LocalSourceResolver.Resolved> ra = pool.submit(() -> sources.resolve(a));
            Future<LocalSourceResolver.Resolved> rb = pool.submit(() -> sources.resolve(b));

            assertThat(ra.get().unikraft().path()).isEqualTo(rb.get().unikraft().path());
        } finally {
            pool.shutdownNow();
        }
        try (Stream<Path> trees = Files.list(sources.cacheRoot.resolve("trees"))) {
            assertThat(trees.filter(Files::isDirectory).toList()).hasSize(1);
        }
        assertThat(sources.messages.stream().filter(m -> m.startsWith("progress: checking out"))).hasSize(1);
    }

    @Test
    void anInterruptedCheckoutLeavesNothingAndTheNextRunStartsClean() throws IOException {
        Path leftover = Files.createDirectories(sources.cacheRoot.resolve("tmp/git-" + v17 + ".partial/half"));
        Files.writeString(leftover.resolve("junk"), "half a tree");

        LocalSourceResolver.Resolved r = sources.resolve(unikraft("RELEASE-0.17.0"));

        assertThat(marker(r)).isEqualTo("seventeen");
        assertThat(r.unikraft().path().resolve("half")).doesNotExist();
        assertThat(sources.cacheRoot.resolve("tmp/git-" + v17 + ".partial")).doesNotExist();
        assertThat(sources.said("interrupted fetch")).isTrue();
    }

    @Test
    void aLocalBareRepositoryIsAGitSource() throws Exception {
        Path bare = temp.resolve("bare.git");
        Git.cloneRepository().setURI(repo.url()).setBare(true).setDirectory(bare.toFile()).call().close();

        LocalSourceResolver.Resolved r = sources.resolve(Sources.kraftfile(project, "unikraft:\n  source: ../bare.git\n  version: v0.18.0\n"));

        assertThat(marker(r)).isEqualTo("eighteen");
    }

    @Test
    void librariesComeFromGitToo() throws IOException {
        Kraftfile k = Sources.kraftfile(project, "unikraft:\n  source: " + repo.url() + "\n  version: 0.18.0\n"
                + "libraries:\n  extra: " + repo.url() + "@RELEASE-0.17.0\n");

        LocalSourceResolver.Resolved r = sources.resolve(k);

        assertThat(r.libraries()).singleElement().satisfies(l -> assertThat(l.resolve("marker.txt")).content().contains("seventeen"));
        assertThat(LockFile.read(project.resolve("uknative.lock"), Reporter.SILENT).libraries()).containsKey("extra");
    }

    @Test
    void aLibraryNameResolvesThroughTheManifestLikeTheCores() throws IOException {
        Path manifest = temp.resolve("manifest.yaml");
        Files.writeString(manifest, "name: unikraft\ntype: core\norigin: " + repo.url() + "\n---\n"
                + "name: extra\ntype: lib\norigin: " + repo.url() + "\nchannels:\n  - name: stable\n    default: true\n"
                + "    resource: " + repo.url() + "@staging\nversions:\n  - version: 0.17.0\n    type: git\n"
                + "    resource: " + repo.url() + "@RELEASE-0.17.0\n");
        Sources withManifest = new Sources(temp.resolve("cache"), Optional.of(manifest.toString()));

        LocalSourceResolver.Resolved release = withManifest.resolve(Sources.kraftfile(project,
                "unikraft: " + repo.url() + "@RELEASE-0.18.0\nlibraries:\n  extra: v0.17.0\n"));
        assertThat(release.libraries()).singleElement().satisfies(l -> assertThat(l.resolve("marker.txt")).content().contains("seventeen"));
        assertThat(LockFile.read(project.resolve("uknative.lock"), Reporter.SILENT).libraries().get("extra")).satisfies(l -> {
            assertThat(l.spec()).isEqualTo("v0.17.0");
            assertThat(l.id()).isEqualTo(v17);
        });

        LocalSourceResolver.Resolved channel = withManifest.resolve(Sources.kraftfile(project,
                "unikraft: " + repo.url() + "@RELEASE-0.18.0\nlibraries:\n  extra: stable\n"));
        assertThat(channel.libraries()).singleElement().satisfies(l -> assertThat(l.resolve("marker.txt")).content().contains("staging"));
        assertThat(LockFile.read(project.resolve("uknative.lock"), Reporter.SILENT).libraries().get("extra").spec()).isEqualTo("stable");
    }
}
