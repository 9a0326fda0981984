package dev.uknative.cli;

import dev.uknative.app.Services;
import dev.uknative.core.ExitCode;
import dev.uknative.core.UknativeException;
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
import picocli.CommandLine.Spec;

/** {@code uknative cache}: the global source cache shared by all projects. */
@Command(name = "cache", mixinStandardHelpOptions = true,
        description = {"Show or prune the global source cache ($XDG_CACHE_HOME/uknative/sources, default ~/.cache/uknative/sources):",
            "Unikraft and library trees keyed by commit or tarball sha256, shared by all projects."},
        subcommands = {CacheCommand.ListCommand.class, CacheCommand.PruneCommand.class},
        footer = {"", "Examples:", "  uknative cache list", "  uknative cache prune --older-than 30"})
final class CacheCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCode.USAGE.code();
    }

    /** {@code uknative cache list}. */
    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List the cached trees: key, size, last use, origin and ref. The cache folder is printed on stderr.")
    static final class ListCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        VerboseOption verbose;

        @Override
        public Integer call() {
            try (ConsoleReporter reporter = ConsoleReporter.forTerminal(spec.commandLine().getErr(), verbose.verbose)) {
                SourceCache cache = new Services().sourceCache(reporter);
                List<SourceCache.Entry> entries = cache.list();
                PrintWriter out = spec.commandLine().getOut();
                for (SourceCache.Entry e : entries) {
                    out.printf("%-70s %10s  used %-9s %s%s%n", e.key(), BuildReport.size(e.bytes()), ago(cache.age(e.lastUsed())),
                            e.origin(), e.ref().isEmpty() ? "" : "@" + e.ref());
                }
                out.flush();
                reporter.info(entries.size() + (entries.size() == 1 ? " tree" : " trees") + " in " + cache.root());
                return 0;
            }
        }
    }

    /** {@code uknative cache prune}. */
    @Command(name = "prune", mixinStandardHelpOptions = true,
            description = {"Remove cached trees (all of them, or those unused for more than --older-than days), the git mirrors",
                "no remaining tree needs, and leftovers of interrupted fetches. Entries in use by a running uknative stay.",
                "Projects fetch what they need again on their next build (their lock files keep the versions)."})
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
            try (ConsoleReporter reporter = ConsoleReporter.forTerminal(spec.commandLine().getErr(), verbose.verbose)) {
                SourceCache cache = new Services().sourceCache(reporter);
                SourceCache.Pruned pruned = cache.prune(Optional.ofNullable(olderThanDays).map(Duration::ofDays));
                PrintWriter out = spec.commandLine().getOut();
                pruned.removed().forEach(out::println);
                out.flush();
                reporter.info("Removed " + pruned.removed().size() + (pruned.removed().size() == 1 ? " entry" : " entries")
                        + " (" + BuildReport.size(pruned.bytes()) + ") from " + cache.root());
                return 0;
            }
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
