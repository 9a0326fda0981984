package dev.uknative.cli;

import dev.uknative.app.Origins;
import dev.uknative.app.Services;
import dev.uknative.origin.OriginCache.Entry;
import dev.uknative.origin.OriginFetcher.Fetched;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/** {@code uknative origins}: the archives external libraries download during make. */
@Command(name = "origins", mixinStandardHelpOptions = true,
        description = {"Import, fetch or list the archives libraries download during make.",
            "The origin cache holds them (lwip's zip, musl's tarball, ...), shared by",
            "all projects in $XDG_CACHE_HOME/uknative/origins. Builds fetch them",
            "through it; uknative.lock records each one's sha256 and every later build",
            "checks it."},
        subcommands = {OriginsCommand.ImportCommand.class, OriginsCommand.FetchCommand.class, OriginsCommand.ListCommand.class,
            OriginsCommand.WgetCommand.class},
        footer = {"", "Environment: UKNATIVE_MIRRORS='FROM=TO ...' downloads URLs starting with FROM from TO instead.",
            "", "Examples:",
            "  uknative origins import https://www.musl-libc.org/releases/musl-1.2.3.tar.gz ~/Downloads/musl-1.2.3.tar.gz",
            "  uknative origins list"})
final class OriginsCommand extends CommandGroup {

    /** {@code uknative origins import URL FILE}. */
    @Command(name = "import", mixinStandardHelpOptions = true,
            description = {"Record FILE in the origin cache as what URL serves; print its sha256.",
                "For a machine without network: builds then take it from the cache, also",
                "--offline. A project whose uknative.lock records another sha256 for URL",
                "refuses it."})
    static final class ImportCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        UrlParameter origin;

        @Parameters(index = "1", paramLabel = "FILE", description = "The archive that URL serves.")
        Path file;

        @Mixin
        VerboseOption verbose;

        @Override
        public Integer call() {
            try (ConsoleReporter reporter = verbose.reporter()) {
                Entry entry = new Origins(new Services(), reporter).importFile(origin.url, file.toAbsolutePath().normalize());
                printDigest(spec, entry);
                reporter.info("Imported " + BuildReport.size(entry.size()) + " as " + origin.url);
                return 0;
            }
        }
    }

    /** {@code uknative origins fetch URL}. */
    @Command(name = "fetch", mixinStandardHelpOptions = true,
            description = "Download URL into the origin cache unless it holds it already (e.g. before going offline). Prints its sha256.")
    static final class FetchCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        UrlParameter origin;

        @Mixin
        VerboseOption verbose;

        @Override
        public Integer call() {
            try (ConsoleReporter reporter = verbose.reporter()) {
                Fetched fetched = new Origins(new Services(), reporter).fetch(origin.url);
                printDigest(spec, fetched.entry());
                reporter.info((fetched.downloaded() ? "Downloaded " : "Already cached: ") + origin.url + " (" + BuildReport.size(fetched.entry().size()) + ")");
                return 0;
            }
        }
    }

    /** The origin's sha256 alone on stdout (import and fetch print it for scripts; the rest goes to stderr). */
    private static void printDigest(CommandSpec spec, Entry entry) {
        PrintWriter out = spec.commandLine().getOut();
        out.println(entry.sha256());
        out.flush();
    }

    /** {@code uknative origins list}. */
    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List the cached origins: sha256, size and URL. The cache folder is printed on stderr.")
    static final class ListCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            Services services = new Services();
            List<Entry> entries = new Origins(services, ConsoleReporter.messages(spec.commandLine().getErr())).list();
            PrintWriter out = spec.commandLine().getOut();
            for (Entry e : entries) {
                out.printf("%s %10s  %s%n", e.sha256().substring(0, 16), BuildReport.size(e.size()), e.url());
            }
            out.flush();
            ConsoleReporter.messages(spec.commandLine().getErr()).info(entries.size() + (entries.size() == 1 ? " origin" : " origins")
                    + " in " + services.originCache().root());
            return 0;
        }
    }

    /**
     * {@code uknative origins wget}: make's {@code $(WGET)} during a build (see origin.MakeFetch);
     * wget's own options are accepted and ignored.
     */
    @Command(name = "wget", hidden = true, description = "Serve one of make's $(WGET) calls from the origin cache (used by builds).")
    static final class WgetCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--library", paramLabel = "NAME")
        String library;

        @Option(names = "--library-sha256", paramLabel = "SHA256")
        String librarySha256;

        @Unmatched
        List<String> wgetOptions = new ArrayList<>();

        @Parameters(arity = "0..*")
        List<String> arguments = new ArrayList<>();

        @Override
        public Integer call() {
            List<String> all = new ArrayList<>(wgetOptions);
            all.addAll(arguments);
            try (ConsoleReporter reporter = ConsoleReporter.forTerminal(spec.commandLine().getErr(), false)) {
                new Origins(new Services(), reporter).serveMake(all, Optional.ofNullable(library), Optional.ofNullable(librarySha256),
                        Path.of("").toAbsolutePath());
                return 0;
            }
        }
    }

    /** {@code URL}, the first argument of import and fetch. */
    static final class UrlParameter {
        @Parameters(index = "0", paramLabel = "URL", description = "The URL exactly as the library's Makefile.uk downloads it.")
        String url;
    }
}
