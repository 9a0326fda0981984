package dev.uknative.cli;

import dev.uknative.app.Origins;
import dev.uknative.app.PruneCaches;
import dev.uknative.app.Services;
import dev.uknative.core.ExitCode;
import dev.uknative.core.UknativeException;
import dev.uknative.origin.OriginCache.Entry;
import dev.uknative.source.SourceCache;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code uknative cache}: the global source cache shared by all projects. */
@Command(name = "cache", mixinStandardHelpOptions = true,
        description = {"Show, prune or verify the shared source and compile caches.",
            "It is $XDG_CACHE_HOME/uknative/sources (default ~/.cache/uknative/sources): Unikraft and library trees keyed by commit or tarball sha256, shared by all projects."},
        subcommands = {CacheCommand.ListCommand.class, CacheCommand.PruneCommand.class, CacheCommand.VerifyCommand.class},
        footer = {"", "Examples:", "  uknative cache list", "  uknative cache prune --older-than 30", "  uknative cache verify"})
final class CacheCommand extends CommandGroup {

    /** {@code uknative cache list}. */
    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List the cached trees (key, size, last use, origin and ref), then the cached origins (origin-<sha256>, size,"
                    + " URL). The cache folders are printed on stderr.")
    static final class ListCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        VerboseOption verbose;

        @Override
        public Integer call() {
            try (ConsoleReporter reporter = verbose.reporter()) {
                SourceCache cache = new Services().sourceCache(reporter);
                List<SourceCache.Entry> entries = cache.list();
                PrintWriter out = spec.commandLine().getOut();
                for (SourceCache.Entry e : entries) {
                    out.printf("%-70s %10s  used %-9s %s%s%n", e.key(), BuildReport.size(e.bytes()), ago(cache.age(e.lastUsed())),
                            e.origin(), e.ref().isEmpty() ? "" : "@" + e.ref());
                }
                Services services = new Services();
                List<Entry> origins = new Origins(services, reporter).list();
                for (Entry o : origins) {
                    out.printf("%-70s %10s  %s%n", "origin-" + o.sha256().substring(0, 16), BuildReport.size(o.size()), o.url());
                }
                out.flush();
                reporter.info(entries.size() + (entries.size() == 1 ? " tree" : " trees") + " in " + cache.root());
                reporter.info(origins.size() + (origins.size() == 1 ? " origin" : " origins") + " in " + services.originCache().root());
                return 0;
            }
        }
    }

    /** {@code uknative cache prune}. */
    @Command(name = "prune", mixinStandardHelpOptions = true,
            description = {"Remove cached trees (all of them, or those unused for more than --older-than days), the git mirrors",
                "no remaining tree needs, and leftovers of interrupted fetches. Entries in use by a running uknative stay.",
                "Projects fetch what they need again on their next build (their lock files keep the versions).",
                "Also removes the origin cache's archives ($XDG_CACHE_HOME/uknative/origins) and the compile cache's objects ($XDG_CACHE_HOME/uknative/ccache) unused for as long (all without",
                "--older-than): builds then compile them again."})
    static final class PruneCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--older-than", paramLabel = "DAYS", description = "Only remove what was last used more than DAYS days ago.")
        Integer olderThanDays;

        @Mixin
        VerboseOption verbose;

        @Override
        public Integer call() {
            if (olderThanDays != null && olderThanDays < 0) {
                throw UknativeException.usage("--older-than must be 0 or more days, not " + olderThanDays, null);
            }
            try (ConsoleReporter reporter = verbose.reporter()) {
                PruneCaches.Result result = new PruneCaches(new Services(), reporter)
                        .prune(Optional.ofNullable(olderThanDays).map(Duration::ofDays));
                SourceCache.Pruned pruned = result.sources();
                PrintWriter out = spec.commandLine().getOut();
                pruned.removed().forEach(out::println);
                out.flush();
                reporter.info("Removed " + pruned.removed().size() + (pruned.removed().size() == 1 ? " entry" : " entries")
                        + " (" + BuildReport.size(pruned.bytes()) + ") from " + result.sourceCache());
                reporter.info(result.compiled()
                        .map(c -> "Removed " + BuildReport.size(c.bytes()) + " of compiled objects from " + result.compileCache()
                                + " (" + BuildReport.size(c.after()) + " left)")
                        .orElse("No compile cache to prune (ccache is not installed)"));
                result.origins().urls().forEach(out::println);
                out.flush();
                reporter.info("Removed " + result.origins().urls().size() + (result.origins().urls().size() == 1 ? " origin" : " origins")
                        + " (" + BuildReport.size(result.origins().bytes()) + ") from " + result.originCache());
                return 0;
            }
        }
    }

    /** {@code uknative cache verify}. */
    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Check cached trees against the manifest written when each was made, reading and hashing every file"
                    + " (sha256). Every use of a tree already compares sizes, times and names, and fetches a changed tree again;"
                    + " this finds what those leave out. Prints one line per tree (ok, or what differs) and changes nothing.",
            footer = {"", "Exits 3 when a tree differs, naming its first differing files; remove it with  uknative cache prune"
                    + "  (its projects fetch it again on their next build).", "", "Examples:", "  uknative cache verify",
                "  uknative cache verify git-484ff209a5265bc4b2366041f149534922d0e5c8"})
    static final class VerifyCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(arity = "0..1", paramLabel = "KEY", description = "Only the tree with this key (as cache list prints it).")
        String key;

        @Option(names = "--all", description = "Every tree (the default when no KEY is given).")
        boolean all;

        @Mixin
        VerboseOption verbose;

        @Override
        public Integer call() {
            if (all && key != null) {
                throw UknativeException.usage("give either --all or a KEY, not both", "uknative cache verify --all");
            }
            try (ConsoleReporter reporter = verbose.reporter()) {
                SourceCache cache = new Services().sourceCache(reporter);
                List<SourceCache.Verified> results = cache.verify(Optional.ofNullable(key));
                if (key != null && results.isEmpty()) {
                    throw UknativeException.usage("the cache has no tree " + key, "uknative cache list  shows the keys it has");
                }
                PrintWriter out = spec.commandLine().getOut();
                List<SourceCache.Verified> damaged = results.stream().filter(v -> !v.intact()).toList();
                for (SourceCache.Verified v : results) {
                    out.println(v.key() + "  " + (v.intact() ? "ok" : "damaged: " + what(v)));
                }
                out.flush();
                if (!damaged.isEmpty()) {
                    SourceCache.Verified first = damaged.get(0);
                    throw new UknativeException(ExitCode.INVALID_INPUT, null, damaged.size() + " of " + results.size()
                            + (results.size() == 1 ? " cached tree differs" : " cached trees differ") + " from what was fetched; "
                            + first.key() + ": " + what(first),
                            "run  uknative cache prune  to remove what is in the cache (builds fetch it again), or just build:"
                                    + " a tree found changed on use is fetched again");
                }
                reporter.info(results.size() + (results.size() == 1 ? " tree" : " trees") + " intact in " + cache.root());
                return 0;
            }
        }

        private static String what(SourceCache.Verified v) {
            return v.problem().orElseGet(() -> SourceCache.describe(v.differences()));
        }
    }

    static String ago(Duration d) {
        if (d.toDays() > 0) {
            return d.toDays() + "d ago";
        }
        if (d.toHours() > 0) {
            return d.toHours() + "h ago";
        }
        return Math.max(0, d.toMinutes()) + "m ago";
    }
}
