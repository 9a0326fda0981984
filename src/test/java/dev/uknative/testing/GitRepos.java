package dev.uknative.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

/** Git repositories made by the tests themselves, with JGit: files, commits, tags and branches. */
public final class GitRepos implements AutoCloseable {

    private final Git git;
    private final Path folder;

    private GitRepos(Git git, Path folder) {
        this.git = git;
        this.folder = folder;
    }

    /** A new repository in {@code folder} whose first branch is {@code main}. */
    public static GitRepos init(Path folder) throws IOException {
        try {
            return new GitRepos(Git.init().setDirectory(folder.toFile()).setInitialBranch("main").call(), folder);
        } catch (GitAPIException e) {
            throw new IOException(e);
        }
    }

    public Path folder() {
        return folder;
    }

    /** {@code file://} URL of the repository. */
    public String url() {
        return folder.toUri().toString().replaceAll("/$", "");
    }

    /** A stand-in Unikraft tree at {@code subversion} (0.SUBVERSION.0), with a marker file. */
    public static Map<String, String> fakeUnikraft(int subversion, String marker) {
        return Map.of(
                "Makefile", "# fake\n",
                "Config.uk", "# fake\n",
                "support/build/Makefile.rules", "# fake\n",
                "version.mk", "UK_VERSION = 0\nUK_SUBVERSION = " + subversion + "\nUK_EXTRAVERSION = 0\n",
                "marker.txt", marker + "\n");
    }

    /** Writes the files (paths relative to the repository) and commits them all; returns the commit id. */
    public String commit(Map<String, String> files, String message) throws IOException {
        for (Map.Entry<String, String> f : files.entrySet()) {
            Path file = folder.resolve(f.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, f.getValue());
        }
        try {
            git.add().addFilepattern(".").call();
            PersonIdent who = new PersonIdent("Test", "test@example.org");
            RevCommit c = git.commit().setMessage(message).setAuthor(who).setCommitter(who).setSign(false).call();
            return c.name();
        } catch (GitAPIException e) {
            throw new IOException(e);
        }
    }

    /** An annotated tag on the current commit. */
    public void tag(String name) throws IOException {
        try {
            git.tag().setName(name).setAnnotated(true).setMessage(name).setSigned(false)
                    .setTagger(new PersonIdent("Test", "test@example.org")).call();
        } catch (GitAPIException e) {
            throw new IOException(e);
        }
    }

    /** Creates {@code name} at the current commit and checks it out. */
    public void branch(String name) throws IOException {
        try {
            git.checkout().setCreateBranch(true).setName(name).call();
        } catch (GitAPIException e) {
            throw new IOException(e);
        }
    }

    public void checkout(String name) throws IOException {
        try {
            git.checkout().setName(name).call();
        } catch (GitAPIException e) {
            throw new IOException(e);
        }
    }

    @Override
    public void close() {
        git.close();
    }
}
