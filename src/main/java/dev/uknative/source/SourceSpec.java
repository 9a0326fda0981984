package dev.uknative.source;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a component's source comes from, as the Kraftfile asks for it, before anything is fetched.
 * {@link SourceSpecs#parse} turns a {@code unikraft:} or {@code libraries:} entry into one.
 */
public sealed interface SourceSpec {

    /** The text that identifies this spec in the lock file: a changed spec is resolved again. */
    String describe();

    /** A folder on this machine, used as it is (never copied, never checked out). */
    record LocalFolder(Path path) implements SourceSpec {
        public LocalFolder {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public String describe() {
            return path.toString();
        }
    }

    /**
     * A git repository (remote URL, {@code file:} URL or local repository) and the ref to check out:
     * a branch, tag, release name or full or abbreviated commit; empty for the remote's HEAD.
     */
    record Git(String url, Optional<String> ref) implements SourceSpec {
        public Git {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(ref, "ref");
        }

        @Override
        public String describe() {
            return ref.map(r -> url + "@" + r).orElse(url);
        }
    }

    /** A tarball over HTTPS or {@code file:}, with the sha256 it must have when one is known. */
    record Tarball(String url, Optional<String> sha256) implements SourceSpec {
        public Tarball {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(sha256, "sha256");
        }

        @Override
        public String describe() {
            return sha256.map(s -> url + "@sha256:" + s).orElse(url);
        }
    }

    /**
     * A name to look up: in the manifest (a channel such as {@code stable}, a release such as
     * {@code 0.17.0}), then as a branch, tag or commit of the component's git origin.
     */
    record Named(String name) implements SourceSpec {
        public Named {
            Objects.requireNonNull(name, "name");
        }

        @Override
        public String describe() {
            return name;
        }
    }

    /** Nothing given: neither {@code source:} nor {@code version:}. */
    record Unspecified() implements SourceSpec {
        @Override
        public String describe() {
            return "";
        }
    }
}
