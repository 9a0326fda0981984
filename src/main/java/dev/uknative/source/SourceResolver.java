package dev.uknative.source;

import dev.uknative.core.Reporter;
import dev.uknative.core.UknativeException;
import dev.uknative.project.ComponentSpec;
import dev.uknative.project.Kraftfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Finds the sources of a project: the Unikraft tree ({@code --unikraft-source}, else
 * {@code UKNATIVE_UNIKRAFT_SOURCE}, else the Kraftfile's spec) and the external libraries. Specs
 * that name something remote are fetched into the {@link SourceCache}; what each resolved to is
 * recorded in the project's {@link LockFile} and reused until the spec changes or
 * {@link Mode#UPDATE} asks again. Nothing is fetched that the cache already has.
 */
public final class SourceResolver {

    /**
     * Whether locked resolutions are kept ({@code build}), kept without writing the lock file (the
     * read-only {@code config} queries, which must leave the project as it was), or channels and
     * branches asked again ({@code update}).
     */
    public enum Mode { LOCKED, READ_ONLY, UPDATE }

    private final SourceCache cache;
    private final Supplier<GitFetcher> gitFetcher;
    private GitFetcher git;
    private final TarballFetcher tarballs;
    private final Supplier<ManifestIndex> manifests;
    private final Reporter reporter;
    private final Clock clock;
    private final Path locks;
    private ManifestIndex loadedManifests;

    /**
     * @param manifests read only when a spec names a channel or release, so git URLs and folders never need one
     * @param locks     where the lock of each project's lock file is kept ({@link LockFile#update}: the
     *                  origin cache's {@code locks}, shared with the origin fetches that write the file too)
     */
    public SourceResolver(SourceCache cache, GitFetcher git, TarballFetcher tarballs, Supplier<ManifestIndex> manifests,
            Reporter reporter, Clock clock, Path locks) {
        this(cache, () -> git, tarballs, manifests, reporter, clock, locks);
    }

    /**
     * @param git made only when a source needs git: JGit's jar is signed, and verifying it on first
     *            use costs about 0.1 s that a build from a local or cached tree does not need to pay
     */
    public SourceResolver(SourceCache cache, Supplier<GitFetcher> git, TarballFetcher tarballs, Supplier<ManifestIndex> manifests,
            Reporter reporter, Clock clock, Path locks) {
        this.cache = cache;
        this.gitFetcher = git;
        this.tarballs = tarballs;
        this.manifests = manifests;
        this.reporter = reporter;
        this.clock = clock;
        this.locks = locks;
    }

    /** A fetched or local source: where it is, and what to record about it. */
    private record Materialized(Path path, Optional<LockedSource> lock) {
    }

    /** Resolves every source of {@code kraftfile}, fetching what the cache lacks, and updates the lock file. */
    public LocalSourceResolver.Resolved resolve(Kraftfile kraftfile, Optional<Path> override, Optional<String> fromEnvironment, Mode mode) {
        Path lockPath = LockFile.beside(kraftfile.file());
        LockFile old = LockFile.read(lockPath, reporter);
        List<String> warnings = new ArrayList<>();
        Path projectDirectory = kraftfile.projectDirectory();

        Optional<UnikraftTree> overridden = LocalSourceResolver.overrideTree(override, fromEnvironment);
        UnikraftTree tree;
        Optional<LockedSource> unikraftLock = old.unikraft();
        if (overridden.isPresent()) {
            tree = overridden.get();
            LocalSourceResolver.versionWarning(kraftfile.unikraft(), tree).ifPresent(warnings::add);
        } else {
            SourceSpec spec = SourceSpecs.parse(kraftfile.unikraft(), projectDirectory);
            if (spec instanceof SourceSpec.Unspecified) {
                throw LocalSourceResolver.noTree();
            }
            Materialized m = materialize(kraftfile.unikraft(), spec, old.unikraft(), mode);
            tree = UnikraftTree.open(m.path(), kraftfile.unikraft().location() + " unikraft (" + spec.describe() + ")");
            if (spec instanceof SourceSpec.LocalFolder) {
                LocalSourceResolver.versionWarning(kraftfile.unikraft(), tree).ifPresent(warnings::add);
            }
            unikraftLock = m.lock();
        }

        List<Path> libraries = new ArrayList<>();
        Map<String, LockedSource> libraryLocks = new LinkedHashMap<>();
        for (ComponentSpec library : kraftfile.libraries()) {
            SourceSpec spec = SourceSpecs.parse(library, projectDirectory);
            if (spec instanceof SourceSpec.Unspecified) {
                throw UknativeException.invalidInput(library.location(), "library '" + library.name() + "' has no source or version",
                        "add  source: /path/to/lib-" + library.name() + "  (a folder, a git or tarball URL), or a version a manifest lists");
            }
            Materialized m = materialize(library, spec, Optional.ofNullable(old.libraries().get(library.name())), mode);
            if (!Files.isDirectory(m.path())) {
                throw UknativeException.invalidInput(library.location(),
                        "library '" + library.name() + "': " + m.path() + " is not a folder", "clone the library there or fix source:");
            }
            libraries.add(m.path());
            m.lock().ifPresent(l -> libraryLocks.put(library.name(), l));
        }

        if (mode != Mode.READ_ONLY) {
            // The fetches above may have taken minutes, in which another build of this project or an
            // origin fetch of make wrote the file: its origins, and the unikraft entry when the tree
            // was overridden, are taken from the file as it is now, not as it was read.
            Optional<LockedSource> unikraftEntry = unikraftLock;
            // (Read again silently: a damaged file was reported when it was first read above.)
            LockFile.update(lockPath, locks, Reporter.SILENT, current -> new LockFile(
                    overridden.isPresent() ? current.unikraft() : merged(unikraftEntry, old.unikraft(), current.unikraft()),
                    mergedAll(libraryLocks, old.libraries(), current.libraries()),
                    current.origins()));
        }
        return new LocalSourceResolver.Resolved(tree, libraries, warnings);
    }

    private Materialized materialize(ComponentSpec component, SourceSpec spec, Optional<LockedSource> locked, Mode mode) {
        if (spec instanceof SourceSpec.LocalFolder local) {
            return new Materialized(local.path(), Optional.of(
                    new LockedSource(spec.describe(), "local", local.path().toString(), "", local.path().toString(), clock.instant())));
        }
        if (mode != Mode.UPDATE && locked.isPresent() && locked.get().spec().equals(spec.describe())) {
            Optional<Materialized> reused = reuse(component, locked.get());
            if (reused.isPresent()) {
                return reused.get();
            }
        }
        return fresh(component, spec, spec.describe(), List.of());
    }

    /** The locked commit or digest, from the cache or fetched again; empty when the lock is of another kind. */
    private Optional<Materialized> reuse(ComponentSpec component, LockedSource locked) {
        switch (locked.type()) {
            case "git" -> {
                Optional<Path> cached = cache.tree(SourceCache.gitKey(locked.id()));
                if (cached.isPresent()) {
                    return Optional.of(new Materialized(cached.get(), Optional.of(locked)));
                }
                Path mirror = git().existingMirror(locked.source()).filter(m -> git().has(m, locked.id()))
                        .orElseGet(() -> fetchForLock(locked));
                if (!git().has(mirror, locked.id()) && !git().fetchCommit(locked.source(), mirror, locked.id())) {
                    throw UknativeException.invalidInput(component.location(), component.name() + ": the locked commit " + locked.id()
                            + " is not in " + locked.source(), "run  uknative update  to resolve '" + locked.spec() + "' again");
                }
                Path tree = git().checkout(locked.source(), mirror, new GitFetcher.ResolvedRef(locked.id(), "commit", locked.ref()));
                return Optional.of(new Materialized(tree, Optional.of(locked)));
            }
            case "tarball" -> {
                TarballFetcher.Fetched fetched = tarballs.fetch(locked.source(), Optional.of(locked.id()));
                return Optional.of(new Materialized(fetched.tree(), Optional.of(locked)));
            }
            default -> {
                return Optional.empty();
            }
        }
    }

    /**
     * Resolves {@code spec} now. {@code recordedSpec} is what the lock file will say the entry asked
     * for (a manifest name stays the name, not the resource it stands for); {@code known} are the
     * manifest's names, offered when a ref is unknown.
     */
    private Materialized fresh(ComponentSpec component, SourceSpec spec, String recordedSpec, List<String> known) {
        if (spec instanceof SourceSpec.Git g) {
            return freshGit(component, g, recordedSpec, known);
        }
        if (spec instanceof SourceSpec.Tarball t) {
            if (t.sha256().isEmpty()) {
                reporter.warn(component.location() + ": " + component.name() + " is a tarball without a checksum: " + t.url()
                        + "; its sha256 is recorded in " + LockFile.NAME + " and checked from now on");
            }
            TarballFetcher.Fetched fetched = tarballs.fetch(t.url(), t.sha256());
            return new Materialized(fetched.tree(), Optional.of(
                    new LockedSource(recordedSpec, "tarball", t.url(), "", fetched.sha256(), clock.instant())));
        }
        if (spec instanceof SourceSpec.Named n) {
            return freshNamed(component, n, recordedSpec);
        }
        throw new IllegalStateException("not a remote spec: " + spec);
    }

    private Materialized freshNamed(ComponentSpec component, SourceSpec.Named named, String recordedSpec) {
        ManifestIndex index = manifests();
        Optional<Manifest> manifest = index.find(component.name());
        if (manifest.isEmpty()) {
            throw UknativeException.invalidInput(component.location(), "no manifest lists the " + component.name()
                    + (component.name().equals("unikraft") ? " core" : " library") + ", so version '" + named.name() + "' means nothing",
                    "give its source (a folder, a git or tarball URL, e.g.  source: https://github.com/unikraft/lib-"
                            + component.name() + ".git), or a manifest with --manifest or UKNATIVE_MANIFEST");
        }
        Manifest m = manifest.get();
        List<String> known = manifestNames(m);
        Optional<Manifest.Channel> channel = m.channel(named.name());
        if (channel.isPresent()) {
            return fromResource(component, m, channel.get().resource(), channel.get().sha256(), named.name(), recordedSpec, known);
        }
        Optional<Manifest.Version> version = m.version(named.name());
        if (version.isPresent()) {
            return fromResource(component, m, version.get().resource(), version.get().sha256(), version.get().version(), recordedSpec, known);
        }
        if (m.origin().isPresent() && !SourceSpecs.isArchiveName(m.origin().get())) {
            return freshGit(component, new SourceSpec.Git(m.origin().get(), Optional.of(named.name())), recordedSpec, known);
        }
        throw unknownVersion(component, named.name(), known, m.from());
    }

    private Materialized fromResource(ComponentSpec component, Manifest m, String resource, Optional<String> sha256, String name,
            String recordedSpec, List<String> known) {
        SourceSpec spec = Manifest.resource(resource, sha256, name);
        if (spec instanceof SourceSpec.Tarball t && t.sha256().isEmpty()) {
            throw UknativeException.environment("the manifest " + m.from() + " lists " + m.name() + " " + name + " as " + resource
                    + " without a sha256", "add its sha256 to the manifest; uknative downloads no unchecked tarball from a manifest");
        }
        return fresh(component, spec, recordedSpec, known);
    }

    /**
     * The mirror with the locked commit in it: only the locked ref, shallow, when the cache has no
     * whole mirror of the remote (the ref may have moved: then the commit itself is asked for).
     */
    private Path fetchForLock(LockedSource locked) {
        Optional<Path> existing = git().existingMirror(locked.source());
        if (existing.isEmpty() || git().isShallow(existing.get())) {
            Optional<String> ref = locked.ref().isEmpty() ? Optional.empty() : Optional.of(locked.ref());
            Optional<GitFetcher.RemoteRef> remote = git().findRemote(locked.source(), ref);
            if (remote.isPresent()) {
                return git().fetchShallow(locked.source(), remote.get().refName());
            }
        }
        return git().fetch(locked.source());
    }

    private Materialized freshGit(ComponentSpec component, SourceSpec.Git g, String recordedSpec, List<String> known) {
        Optional<String> wanted = g.ref();
        boolean fullCommit = wanted.filter(r -> r.matches("[0-9a-fA-F]{40}")).isPresent();
        Optional<Path> existing = git().existingMirror(g.url());
        if (!fullCommit && (existing.isEmpty() || git().isShallow(existing.get()))) {
            Optional<Materialized> shallow = freshShallow(component, g, recordedSpec);
            if (shallow.isPresent()) {
                return shallow.get();
            }
        }
        Path mirror = fullCommit && existing.isPresent() && git().has(existing.get(), wanted.get().toLowerCase(java.util.Locale.ROOT))
                ? existing.get() : git().fetch(g.url());
        Optional<GitFetcher.ResolvedRef> ref = git().resolve(mirror, wanted);
        if (ref.isEmpty() && fullCommit && git().fetchCommit(g.url(), mirror, wanted.get().toLowerCase(java.util.Locale.ROOT))) {
            ref = git().resolve(mirror, wanted);
        }
        if (ref.isEmpty()) {
            Set<String> names = new LinkedHashSet<>(known);
            names.addAll(git().refs(mirror).all());
            throw unknownVersion(component, wanted.orElse("HEAD"), List.copyOf(names), g.url());
        }
        Path tree = git().checkout(g.url(), mirror, ref.get());
        reporter.info(component.name() + ": " + recordedSpec + " is " + ref.get().kind() + " " + ref.get().name()
                + " at commit " + ref.get().commit().substring(0, 12));
        return new Materialized(tree, Optional.of(
                new LockedSource(recordedSpec, "git", g.url(), wanted.orElse(""), ref.get().commit(), clock.instant())));
    }

    /**
     * A branch, tag or HEAD resolved by asking the remote ({@code ls-remote}), its tree taken from
     * the cache or fetched alone at depth 1: a build needs one commit's files, not the history of
     * every branch. Empty when the remote does not advertise the ref (an abbreviated commit, an
     * unknown name) or cannot be reached: the whole mirror then answers, or says what is available.
     */
    private Optional<Materialized> freshShallow(ComponentSpec component, SourceSpec.Git g, String recordedSpec) {
        Optional<GitFetcher.RemoteRef> remote = git().findRemote(g.url(), g.ref());
        if (remote.isEmpty()) {
            return Optional.empty();
        }
        GitFetcher.ResolvedRef ref = remote.get().resolved();
        Optional<Path> cached = cache.tree(SourceCache.gitKey(ref.commit()));
        Path tree;
        if (cached.isPresent()) {
            tree = cached.get();
        } else {
            Path mirror = git().fetchShallow(g.url(), remote.get().refName());
            Optional<GitFetcher.ResolvedRef> fetched = git().resolve(mirror, g.ref());
            if (fetched.isEmpty()) {
                return Optional.empty();
            }
            ref = fetched.get();
            tree = git().checkout(g.url(), mirror, ref);
        }
        reporter.info(component.name() + ": " + recordedSpec + " is " + ref.kind() + " " + ref.name()
                + " at commit " + ref.commit().substring(0, 12));
        return Optional.of(new Materialized(tree, Optional.of(
                new LockedSource(recordedSpec, "git", g.url(), g.ref().orElse(""), ref.commit(), clock.instant()))));
    }

    private static UknativeException unknownVersion(ComponentSpec component, String wanted, List<String> available, String where) {
        List<String> nearest = VersionNames.nearest(wanted, available, 5);
        return UknativeException.invalidInput(component.location(),
                component.name() + " version '" + wanted + "' is not a channel, release, branch, tag or commit of " + where,
                (nearest.isEmpty() ? "nothing is available there" : "nearest available: " + String.join(", ", nearest))
                        + "; uknative versions " + component.name() + " lists them all");
    }

    private static List<String> manifestNames(Manifest m) {
        List<String> names = new ArrayList<>();
        m.channels().forEach(c -> names.add(c.name()));
        m.versions().forEach(v -> names.add(v.version()));
        return names;
    }

    private GitFetcher git() {
        if (git == null) {
            git = gitFetcher.get();
        }
        return git;
    }

    private ManifestIndex manifests() {
        if (loadedManifests == null) {
            loadedManifests = manifests.get();
        }
        return loadedManifests;
    }

    private static Optional<LockedSource> keepTime(Optional<LockedSource> now, Optional<LockedSource> before) {
        if (now.isPresent() && before.isPresent() && now.get().sameAs(before.get())) {
            return before;
        }
        return now;
    }

    /**
     * What this resolve records for one entry: {@code mine} (what it resolved), given {@code old} (what
     * the file held when it started) and {@code current} (what it holds now). When this resolve kept
     * the entry it read and another one changed it meanwhile for the same spec ({@code uknative update}
     * in another terminal while this build fetched), the newer entry stays; otherwise this resolve's,
     * with the time of an equal entry kept.
     */
    static Optional<LockedSource> merged(Optional<LockedSource> mine, Optional<LockedSource> old, Optional<LockedSource> current) {
        Optional<LockedSource> kept = keepTime(mine, old);
        boolean unchangedHere = kept.isPresent() && old.isPresent() && kept.get().sameAs(old.get());
        boolean changedThere = unchangedHere && current.isPresent() && !current.get().sameAs(old.get())
                && current.get().spec().equals(kept.get().spec());
        return changedThere ? current : keepTime(kept, current);
    }

    private static Map<String, LockedSource> mergedAll(Map<String, LockedSource> mine, Map<String, LockedSource> old,
            Map<String, LockedSource> current) {
        Map<String, LockedSource> merged = new LinkedHashMap<>();
        mine.forEach((name, l) -> merged.put(name,
                merged(Optional.of(l), Optional.ofNullable(old.get(name)), Optional.ofNullable(current.get(name))).orElseThrow()));
        return merged;
    }
}
