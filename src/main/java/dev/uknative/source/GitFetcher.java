package dev.uknative.source;

import dev.uknative.core.ExitCode;
import dev.uknative.core.FileTrees;
import dev.uknative.core.NetworkErrors;
import dev.uknative.core.Reporter;
import dev.uknative.core.UknativeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.api.FetchCommand;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheCheckout;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.errors.AmbiguousObjectException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ProgressMonitor;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.RefSpec;

/**
 * Git sources through JGit (no git binary): one bare mirror per remote in the cache, fetched with
 * all branches and tags, from which exact commits are checked out into content-addressed trees. A
 * checkout's {@code .git} borrows the mirror's objects (git's alternates), so it costs only its
 * files, and {@code git rev-parse HEAD} in it (which Unikraft's version string runs) names the commit.
 */
public final class GitFetcher {

    /** Where the remote's HEAD is kept in a mirror: the default ref when the Kraftfile names none. */
    static final String REMOTE_HEAD = "refs/uknative/remote-head";

    private static final List<RefSpec> MIRROR_REFS = List.of(
            new RefSpec("+refs/heads/*:refs/heads/*"), new RefSpec("+refs/tags/*:refs/tags/*"), new RefSpec("+HEAD:" + REMOTE_HEAD));

    private final SourceCache cache;
    private final Reporter reporter;
    private final boolean offline;

    public GitFetcher(SourceCache cache, Reporter reporter) {
        this(cache, reporter, false);
    }

    /** @param offline reach no remote but a local one ({@code file:} URLs, paths): the cache's mirrors only */
    public GitFetcher(SourceCache cache, Reporter reporter, boolean offline) {
        this.cache = cache;
        this.reporter = reporter;
        this.offline = offline;
    }

    /** Whether {@code url} needs the network: anything but a {@code file:} URL or a path. */
    static boolean remote(String url) {
        return !(url.startsWith("file:") || url.startsWith("/") || url.startsWith("./") || url.startsWith("../"));
    }

    private boolean refused(String url) {
        return offline && remote(url);
    }

    static UknativeException missingOffline(String url) {
        return new UknativeException(ExitCode.ENVIRONMENT, null, "offline, and the source cache lacks " + url,
                "build once with network (without --offline / UKNATIVE_OFFLINE) to fill the cache, or point the Kraftfile at"
                        + " a local folder or a file:// URL");
    }

    /** A ref resolved to a commit; {@code kind} is branch, tag, commit or HEAD. */
    public record ResolvedRef(String commit, String kind, String name) {
    }

    /**
     * The mirror of {@code url}, made or fetched now. When it exists and the remote cannot be
     * reached, it is used as last fetched, with a warning (offline work with what the cache has).
     */
    public Path fetch(String url) {
        Path mirror = cache.mirror(url);
        if (refused(url)) {
            if (Files.isDirectory(mirror)) {
                return mirror;
            }
            throw missingOffline(url);
        }
        return cache.locked("mirror-" + mirror.getFileName(), () -> {
            if (Files.isDirectory(mirror)) {
                try (Git git = Git.open(mirror.toFile())) {
                    reporter.progress("fetching " + url);
                    git.fetch().setRemote(url).setRefSpecs(MIRROR_REFS).setRemoveDeletedRefs(true)
                            .setProgressMonitor(new Progress("fetching " + url)).call();
                } catch (GitAPIException | RuntimeException e) {
                    reporter.warn("cannot fetch " + url + " (" + reason(e) + "); using the copy fetched before");
                }
            } else {
                clone(url, mirror);
            }
            cache.touchMirror(url);
            return mirror;
        });
    }

    /** A ref as the remote advertises it: its full name and what it resolves to. */
    public record RemoteRef(String refName, ResolvedRef resolved) {
    }

    /**
     * {@code wanted} (a branch, a tag in any release spelling, or the remote's HEAD when empty) as
     * the remote advertises it, asked without fetching ({@code git ls-remote}); empty when the
     * remote has no such ref or cannot be reached. The commit of an annotated tag the remote does
     * not peel is the tag's own id: callers use it only to look in the cache.
     */
    public Optional<RemoteRef> findRemote(String url, Optional<String> wanted) {
        Map<String, Ref> refs;
        if (refused(url)) {
            return Optional.empty();
        }
        try {
            refs = Git.lsRemoteRepository().setRemote(url).callAsMap();
        } catch (GitAPIException | RuntimeException e) {
            return Optional.empty();
        }
        List<String> candidates = new ArrayList<>();
        if (wanted.isEmpty()) {
            candidates.add(Constants.HEAD);
        } else {
            candidates.add(Constants.R_HEADS + wanted.get());
            VersionNames.tagCandidates(wanted.get()).forEach(t -> candidates.add(Constants.R_TAGS + t));
        }
        for (String name : candidates) {
            Ref ref = refs.get(name);
            if (ref != null && ref.getObjectId() != null) {
                ObjectId id = ref.getPeeledObjectId() != null ? ref.getPeeledObjectId() : ref.getObjectId();
                String kind = name.equals(Constants.HEAD) ? "HEAD" : name.startsWith(Constants.R_HEADS) ? "branch" : "tag";
                String shortName = Repository.shortenRefName(name);
                return Optional.of(new RemoteRef(name, new ResolvedRef(id.name(), kind, shortName)));
            }
        }
        return Optional.empty();
    }

    /**
     * Fetches only what a checkout of one ref needs: its commit and tree, without history (a
     * shallow fetch of depth 1, as {@code git fetch --depth 1}) into the mirror of {@code url},
     * which is made when missing. A mirror that holds whole history already (made by
     * {@link #fetch}) is fetched into without a depth, so that it stays whole.
     */
    public Path fetchShallow(String url, String refName) {
        Path mirror = cache.mirror(url);
        RefSpec spec = new RefSpec("+" + refName + ":" + (refName.equals(Constants.HEAD) ? REMOTE_HEAD : refName));
        if (refused(url)) {
            if (Files.isDirectory(mirror)) {
                return mirror;
            }
            throw missingOffline(url);
        }
        return cache.locked("mirror-" + mirror.getFileName(), () -> {
            String label = "fetching " + Repository.shortenRefName(refName) + " of " + url;
            if (Files.isDirectory(mirror)) {
                boolean shallow = isShallow(mirror);
                try (Git git = Git.open(mirror.toFile())) {
                    reporter.progress(label);
                    FetchCommand fetch = git.fetch().setRemote(url).setRefSpecs(spec).setProgressMonitor(new Progress(label));
                    if (shallow) {
                        fetch.setDepth(1);
                    }
                    fetch.call();
                } catch (GitAPIException | RuntimeException e) {
                    reporter.warn("cannot fetch " + url + " (" + reason(e) + "); using the copy fetched before");
                }
            } else {
                makeMirror(url, mirror, label, git -> git.fetch().setRemote(url).setRefSpecs(spec).setDepth(1));
            }
            cache.touchMirror(url);
            return mirror;
        });
    }

    /** Whether the mirror holds only part of its history (a shallow fetch made it). */
    public boolean isShallow(Path mirror) {
        return Files.exists(mirror.resolve("shallow"));
    }

    /** The mirror of {@code url} when the cache has one, without fetching. */
    public Optional<Path> existingMirror(String url) {
        Path mirror = cache.mirror(url);
        return Files.isDirectory(mirror) ? Optional.of(mirror) : Optional.empty();
    }

    private void clone(String url, Path mirror) throws IOException {
        makeMirror(url, mirror, "cloning " + url, git -> git.fetch().setRemote(url).setRefSpecs(MIRROR_REFS));
    }

    /** The first fetch into a new mirror, made beside it and moved into place only when complete. */
    private void makeMirror(String url, Path mirror, String label, java.util.function.Function<Git, FetchCommand> fetch)
            throws IOException {
        Path partial = mirror.resolveSibling(mirror.getFileName() + ".partial");
        if (Files.exists(partial)) {
            reporter.info("Removing an incomplete clone left by an interrupted fetch: " + partial);
            FileTrees.delete(partial);
        }
        Files.createDirectories(partial);
        boolean done = false;
        try (Git git = Git.init().setBare(true).setDirectory(partial.toFile()).call()) {
            reporter.progress(label);
            fetch.apply(git).setProgressMonitor(new Progress(label)).call();
            done = true;
        } catch (GitAPIException | RuntimeException e) {
            throw new UknativeException(ExitCode.ENVIRONMENT, null, "cannot clone " + url + ": " + reason(e),
                    "check the URL and the network; nothing was kept, so the next run starts again", e);
        } finally {
            if (!done) {
                FileTrees.delete(partial);
            }
        }
        Files.move(partial, mirror, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * {@code wanted} in the mirror: a branch, a tag (a release in any spelling), a full or
     * abbreviated commit; the remote's HEAD when empty.
     */
    public Optional<ResolvedRef> resolve(Path mirror, Optional<String> wanted) {
        try (Repository repo = open(mirror)) {
            if (wanted.isEmpty()) {
                return commitOf(repo, REMOTE_HEAD).map(c -> new ResolvedRef(c, "HEAD", "HEAD"));
            }
            String w = wanted.get();
            Optional<String> branch = commitOf(repo, Constants.R_HEADS + w);
            if (branch.isPresent()) {
                return Optional.of(new ResolvedRef(branch.get(), "branch", w));
            }
            for (String tag : VersionNames.tagCandidates(w)) {
                Optional<String> commit = commitOf(repo, Constants.R_TAGS + tag);
                if (commit.isPresent()) {
                    return Optional.of(new ResolvedRef(commit.get(), "tag", tag));
                }
            }
            if (VersionNames.looksLikeCommit(w)) {
                try {
                    ObjectId id = repo.resolve(w + "^{commit}");
                    if (id != null) {
                        return Optional.of(new ResolvedRef(id.name(), "commit", w));
                    }
                } catch (AmbiguousObjectException e) {
                    List<String> candidates = e.getCandidates().stream().map(ObjectId::name).sorted().toList();
                    throw UknativeException.usage("the abbreviated commit " + w + " is ambiguous: " + String.join(", ", candidates),
                            "write more of its digits");
                } catch (RevisionSyntaxException | MissingObjectException e) {
                    return Optional.empty();
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            throw unreadable(mirror, e);
        }
    }

    /** Whether the mirror has the commit {@code commit}. */
    public boolean has(Path mirror, String commit) {
        try (Repository repo = open(mirror); RevWalk walk = new RevWalk(repo)) {
            walk.parseCommit(ObjectId.fromString(commit));
            return true;
        } catch (MissingObjectException | IllegalArgumentException e) {
            return false;
        } catch (IOException e) {
            throw unreadable(mirror, e);
        }
    }

    /**
     * Asks the remote for one commit that no branch or tag of it leads to (servers such as GitHub
     * allow it for full commit ids); returns whether the mirror has it afterwards.
     */
    public boolean fetchCommit(String url, Path mirror, String commit) {
        if (refused(url)) {
            return has(mirror, commit);
        }
        return cache.locked("mirror-" + mirror.getFileName(), () -> {
            try (Git git = Git.open(mirror.toFile())) {
                FetchCommand fetch = git.fetch().setRemote(url).setRefSpecs(new RefSpec("+" + commit + ":refs/uknative/commits/" + commit))
                        .setProgressMonitor(new Progress("fetching " + commit.substring(0, 12)));
                if (isShallow(mirror)) {
                    fetch.setDepth(1);
                }
                fetch.call();
            } catch (GitAPIException | RuntimeException e) {
                reporter.warn("the remote " + url + " did not give commit " + commit + ": " + reason(e));
            }
            return has(mirror, commit);
        });
    }

    /** The checkout of {@code commit} from the mirror, made in the cache when missing. */
    public Path checkout(String url, Path mirror, ResolvedRef ref) {
        return cache.populate(SourceCache.gitKey(ref.commit()), url, ref.name(), folder -> {
            reporter.progress("checking out " + ref.commit().substring(0, 12) + " (" + ref.name() + ")");
            Path gitDir = folder.resolve(".git");
            try (Repository created = FileRepositoryBuilder.create(gitDir.toFile())) {
                created.create(false);
            }
            Files.writeString(gitDir.resolve("objects/info/alternates"), mirror.resolve("objects").toAbsolutePath().normalize() + "\n");
            if (isShallow(mirror)) {
                // The borrowed history ends where the mirror's does; git walking it must know where.
                Files.copy(mirror.resolve("shallow"), gitDir.resolve("shallow"));
            }
            try (Repository repo = new FileRepositoryBuilder().setGitDir(gitDir.toFile()).setWorkTree(folder.toFile()).build();
                    RevWalk walk = new RevWalk(repo)) {
                RevCommit commit = walk.parseCommit(ObjectId.fromString(ref.commit()));
                DirCacheCheckout checkout = new DirCacheCheckout(repo, repo.lockDirCache(), commit.getTree());
                checkout.setFailOnConflict(true);
                checkout.checkout();
                markUnrepresentableLinks(repo, folder);
                RefUpdate head = repo.updateRef(Constants.HEAD, true);
                head.setNewObjectId(commit);
                head.forceUpdate();
            }
        });
    }

    /**
     * A link whose target ends in '/' (Unikraft's lib/ukrust/src -> ukrust_sys/) cannot be made
     * exactly through java.nio, which drops the slash; git would then call the tree modified and
     * Unikraft's version string would say "-custom". The link works the same, so its index entry is
     * marked assume-unchanged, as git's own update-index --assume-unchanged does.
     */
    private static void markUnrepresentableLinks(Repository repo, Path folder) throws IOException {
        DirCache index = repo.lockDirCache();
        boolean changed = false;
        try {
            for (int i = 0; i < index.getEntryCount(); i++) {
                DirCacheEntry entry = index.getEntry(i);
                if (entry.getFileMode() != FileMode.SYMLINK) {
                    continue;
                }
                String wanted = new String(repo.open(entry.getObjectId()).getBytes(), java.nio.charset.StandardCharsets.UTF_8);
                Path link = folder.resolve(entry.getPathString());
                if (Files.isSymbolicLink(link) && !Files.readSymbolicLink(link).toString().equals(wanted)) {
                    entry.setAssumeValid(true);
                    changed = true;
                }
            }
            if (changed) {
                index.write();
                index.commit();
            }
        } finally {
            index.unlock();
        }
    }

    /** Branches and tags of a mirror, for messages and {@code uknative versions}. */
    public RemoteRefs refs(Path mirror) {
        try (Repository repo = open(mirror)) {
            return RemoteRefs.of(repo.getRefDatabase().getRefs());
        } catch (IOException e) {
            throw unreadable(mirror, e);
        }
    }

    /** Branches and tags of a remote, asked without fetching ({@code git ls-remote}). */
    public RemoteRefs listRemote(String url) {
        if (refused(url)) {
            throw missingOffline(url);
        }
        try {
            Collection<Ref> refs = Git.lsRemoteRepository().setRemote(url).setHeads(true).setTags(true).call();
            return RemoteRefs.of(refs);
        } catch (GitAPIException | RuntimeException e) {
            throw new UknativeException(ExitCode.ENVIRONMENT, null, "cannot list the refs of " + url + ": " + reason(e),
                    "check the URL and the network", e);
        }
    }

    /** Names of branches and tags. */
    public record RemoteRefs(List<String> branches, List<String> tags) {
        public RemoteRefs {
            branches = List.copyOf(branches);
            tags = List.copyOf(tags);
        }

        static RemoteRefs of(Collection<Ref> refs) {
            List<String> branches = new ArrayList<>();
            List<String> tags = new ArrayList<>();
            for (Ref ref : refs) {
                String name = ref.getName();
                if (name.startsWith(Constants.R_HEADS)) {
                    branches.add(name.substring(Constants.R_HEADS.length()));
                } else if (name.startsWith(Constants.R_TAGS) && !name.endsWith("^{}")) {
                    tags.add(name.substring(Constants.R_TAGS.length()));
                }
            }
            branches.sort(null);
            tags.sort(VersionNames.newestFirst());
            return new RemoteRefs(branches, tags);
        }

        public List<String> all() {
            List<String> all = new ArrayList<>(branches);
            all.addAll(tags);
            return all;
        }
    }

    private static Optional<String> commitOf(Repository repo, String refName) throws IOException {
        Ref ref = repo.exactRef(refName);
        if (ref == null) {
            return Optional.empty();
        }
        try {
            ObjectId id = repo.resolve(refName + "^{commit}");
            return Optional.ofNullable(id).map(ObjectId::name);
        } catch (RevisionSyntaxException | MissingObjectException e) {
            return Optional.empty();
        }
    }

    private static Repository open(Path mirror) throws IOException {
        return new FileRepositoryBuilder().setGitDir(mirror.toFile()).setMustExist(true).build();
    }

    private static UknativeException unreadable(Path mirror, IOException e) {
        return new UknativeException(ExitCode.ENVIRONMENT, null, "cannot read the git mirror " + mirror + ": " + e.getMessage(),
                "remove it (uknative cache prune) and build again", e);
    }

    private static String reason(Exception e) {
        return NetworkErrors.reason(e, null).orElseGet(() -> {
            String message = e.getMessage();
            for (Throwable t = e.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
                if (t.getMessage() != null) {
                    message = t.getMessage();
                }
            }
            return message == null ? e.getClass().getSimpleName() : message;
        });
    }

    /** JGit's progress as uknative progress events. */
    private final class Progress implements ProgressMonitor {
        private final String label;
        private String task = "";
        private int total;
        private int done;
        private int lastPercent = -1;

        Progress(String label) {
            this.label = label;
        }

        @Override
        public void start(int totalTasks) {
        }

        @Override
        public void beginTask(String title, int totalWork) {
            task = title;
            total = totalWork;
            done = 0;
            lastPercent = -1;
            reporter.progress(label + ": " + title);
        }

        @Override
        public void update(int completed) {
            done += completed;
            if (total > 0) {
                int percent = (int) (100L * done / total);
                if (percent != lastPercent) {
                    lastPercent = percent;
                    reporter.progress(label + ": " + task + " " + percent + "%");
                }
            }
        }

        @Override
        public void endTask() {
        }

        @Override
        public boolean isCancelled() {
            return Thread.currentThread().isInterrupted();
        }

        @Override
        public void showDuration(boolean enabled) {
        }
    }
}
