package dev.uknative.build;

import dev.uknative.core.AtomicFiles;
import dev.uknative.core.ExitCode;
import dev.uknative.core.FileTrees;
import dev.uknative.core.Reporter;
import dev.uknative.core.Sha256;
import dev.uknative.core.UknativeException;
import dev.uknative.elf.ElfReader;
import dev.uknative.elf.ObjectSymbols;
import dev.uknative.kconfig.ConfigAssignment;
import dev.uknative.project.Architecture;
import dev.uknative.project.Platform;
import dev.uknative.symbols.KconfigConfiguration;
import dev.uknative.symbols.LibraryOptions;
import dev.uknative.symbols.ProviderIndex;
import dev.uknative.symbols.SyscallTable;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The provider index of a Unikraft tree ({@link ProviderIndex}), made once per tree, commit,
 * compiler and target by building Unikraft with every library the configuration allows, then reading
 * the defined and undefined globals of each {@code lib*.o}. A project's external libraries (lib-musl,
 * lib-lwip …) are part of it: they are turned on first, so that a core library they exclude (nolibc
 * when musl is there) is left out as in the project's own build, and the index is made once per set
 * of libraries too. Kept in
 * {@code <cache>/providers/<key>.index}; concurrent makers wait for each other, and the index is
 * written atomically, so a killed indexing leaves nothing that looks complete.
 */
public final class ProviderIndexes {

    /** Bump when the index's content or the way it is made changes. */
    private static final String FORMAT = "2";
    /**
     * Libraries left out of the indexing build: test suites (some do not compile on their own),
     * instrumentation that changes how everything else is compiled, and Rust support, which needs
     * the Rust sources.
     */
    private static final List<String> LEFT_OUT = List.of("LIBUKTEST", "LIBUBSAN", "LIBUKGCOV", "LIBUKRUST");

    private final MakeDriver make;
    private final KconfigConfigurator configurator;
    private final UnikraftFacts facts;
    private final Path cache;
    private final Reporter reporter;

    public ProviderIndexes(MakeDriver make, KconfigConfigurator configurator, Path cache, Reporter reporter) {
        this.make = make;
        this.configurator = configurator;
        this.facts = configurator.facts();
        this.cache = cache.resolve("providers");
        this.reporter = reporter;
    }

    /**
     * The index for {@code unikraft} with the external {@code libraries} and the target.
     *
     * @param fetchedIn a build folder of the project: what its libraries fetched there during make
     *                  (their upstream archives) is copied into the indexing build instead of fetched again
     */
    public ProviderIndex forTree(Path unikraft, List<Path> libraries, Optional<Path> fetchedIn, Architecture architecture, Platform platform,
            int jobs) {
        String key = key(unikraft, libraries, architecture, platform);
        Path file = cache.resolve(key + ".index");
        Optional<ProviderIndex> cached = read(file, key);
        if (cached.isPresent()) {
            return cached.get();
        }
        try {
            Files.createDirectories(cache);
            try (FileChannel channel = FileChannel.open(cache.resolve(key + ".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock lock = lockWaiting(channel)) {
                cached = read(file, key);
                if (cached.isPresent()) {
                    return cached.get();
                }
                Made made = make(unikraft, libraries, fetchedIn, architecture, platform, jobs, key);
                if (made.unbuilt().isEmpty()) {
                    AtomicFiles.write(file, made.index().render());
                } else {
                    // Not kept: without the library (its upstream archive could not be fetched, say) the
                    // index would say forever that nothing provides what it does.
                    reporter.warn("the provider index lacks the external " + (made.unbuilt().size() == 1 ? "library " : "libraries ")
                            + String.join(", ", made.unbuilt()) + ", which did not build (see " + made.log()
                            + "); the link plan does not count on them, and the next build indexes them again");
                }
                return made.index();
            }
        } catch (IOException e) {
            throw UknativeException.environment("cannot write the provider index in " + cache + ": " + e.getMessage(),
                    "check the free space and permissions of " + cache);
        }
    }

    private FileLock lockWaiting(FileChannel channel) throws IOException {
        return dev.uknative.core.FileLocks.acquire(channel,
                () -> reporter.info("Waiting for another uknative to finish indexing this Unikraft..."), "the provider index");
    }

    private static Optional<ProviderIndex> read(Path file, String key) {
        try {
            return Files.isRegularFile(file) ? ProviderIndex.parse(Files.readString(file)).filter(i -> i.key().equals(key))
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Tree path, version and commit (with "-custom" for local changes), compiler, target, format, and
     * each external library's path and commit.
     */
    String key(Path unikraft, List<Path> libraries, Architecture architecture, Platform platform) {
        String versionMk = "";
        try {
            versionMk = Files.readString(unikraft.resolve("version.mk"));
        } catch (IOException e) {
            // No version.mk: the commit and path still tell trees apart.
        }
        String identity = String.join("\n", FORMAT, unikraft.toAbsolutePath().normalize().toString(), versionMk,
                facts.gitSha1(unikraft), facts.compilerDescription(), architecture.id(), platform.id());
        for (Path library : libraries) {
            // A cached tree's folder name is its commit or digest; a local folder is told apart by its commit.
            identity += "\nlibrary " + library.toAbsolutePath().normalize() + " " + facts.gitSha1(library);
        }
        return Sha256.hex(identity).substring(0, 24);
    }

    /** An index just made, the external libraries that did not build, and where make's log is. */
    private record Made(ProviderIndex index, List<String> unbuilt, Path log) {
    }

    private Made make(Path unikraft, List<Path> externals, Optional<Path> fetchedIn, Architecture architecture, Platform platform, int jobs,
            String key) throws IOException {
        Map<String, Optional<String>> external = new LinkedHashMap<>();
        for (Path library : externals) {
            libraryOptions(library).forEach(external::putIfAbsent);
        }
        Map<String, Optional<String>> libraries = new LinkedHashMap<>(external);
        libraryOptions(unikraft).forEach(libraries::putIfAbsent);
        Path table = unikraft.resolve("lib/syscall_shim/arch/" + architecture.id() + "/syscall.h.in");
        SyscallTable syscalls = Files.isRegularFile(table) ? SyscallTable.parse(Files.readString(table)) : new SyscallTable(Map.of());
        if (libraries.isEmpty()) {
            return new Made(new ProviderIndex(key, List.of(), syscalls), List.of(), Path.of("")); // a test's stand-in tree provides nothing
        }
        Path work = cache.resolve(key + ".work");
        FileTrees.delete(work); // what a killed indexing left
        Path app = work.resolve("app");
        Files.createDirectories(app);
        Files.writeString(app.resolve("Makefile.uk"), """
                # Generated by uknative: an empty application for indexing Unikraft's libraries.
                $(eval $(call addlib,appuknativeindex))
                APPUKNATIVEINDEX_SRCS-y += $(APPUKNATIVEINDEX_BASE)/main.c
                """);
        Files.writeString(app.resolve("main.c"), "int main(void) { return 0; }\n");
        fetchedIn.ifPresent(from -> reuseFetched(from, work.resolve("build"), external.keySet()));
        MakeInvocation invocation = new MakeInvocation(unikraft, app, externals, work.resolve("build"), work.resolve(".config"),
                "index", jobs, Map.of(), List.of("-k"));
        List<ConfigAssignment> base = new ArrayList<>();
        base.add(ConfigAssignment.of(architecture.kconfig(), "architecture " + architecture.id()));
        platform.kconfig().forEach(line -> base.add(ConfigAssignment.of(line, "platform " + platform.id())));
        KconfigConfigurator.Configured configured = configurator.solve(invocation, base);
        // The external libraries first: a core library they exclude (nolibc with musl) stays off, as in the project's build.
        TreeMap<String, String> externalOptions = new TreeMap<>();
        external.values().stream().flatMap(Optional::stream).forEach(o -> externalOptions.put(o, "uknative provider index"));
        TreeMap<String, String> everything = new TreeMap<>();
        libraries.values().stream().flatMap(Optional::stream).filter(o -> !LEFT_OUT.contains(o))
                .forEach(o -> everything.put(o, "uknative provider index"));
        // In order, one at a time: an option that excludes one already on (ukmmap after posix-mmap) stays off.
        KconfigConfiguration withExternals = (KconfigConfiguration) new KconfigConfiguration(configured.tree(), base, configured.solved())
                .enable(externalOptions).result();
        KconfigConfiguration solved = (KconfigConfiguration) withExternals.enable(everything).result();
        for (ConfigAssignment target : base) {
            if (!solved.solved().value(target.symbol()).orElse("").equals(target.value())) {
                throw new UknativeException(ExitCode.BUG, null, "indexing Unikraft's libraries changed the target's "
                        + target.symbol() + " (" + target.origin() + ")", "please report this with the Unikraft version");
            }
        }
        configurator.write(new KconfigConfigurator.Configured(configured.tree(), solved.solved(), configured.variables()));
        reporter.info("Indexing the libraries of Unikraft " + unikraft
                + (externals.isEmpty() ? "" : " and " + String.join(", ", external.keySet()))
                + " (once per version, compiler and libraries; about a minute, more with libraries)");
        try (OutputStream log = new BufferedOutputStream(Files.newOutputStream(work.resolve("make.log")))) {
            // -k: a library that does not compile in this combination is left out, the others still count.
            make.run(invocation, "indexing Unikraft's libraries", log);
        }
        List<ProviderIndex.Library> indexed = new ArrayList<>();
        ElfReader reader = new ElfReader();
        for (Map.Entry<String, Optional<String>> library : libraries.entrySet()) {
            Path object = work.resolve("build").resolve(library.getKey() + ".o");
            if (Files.isRegularFile(object)) {
                ObjectSymbols symbols = reader.readSymbols(object);
                indexed.add(new ProviderIndex.Library(library.getKey(), library.getValue(), symbols));
            }
        }
        if (indexed.isEmpty()) {
            throw new UknativeException(ExitCode.TOOL_FAILED, null, "indexing Unikraft's libraries built none of them",
                    "see " + work.resolve("make.log"));
        }
        List<String> unbuilt = external.keySet().stream().filter(l -> !Files.isRegularFile(work.resolve("build").resolve(l + ".o"))).toList();
        if (!unbuilt.isEmpty()) {
            Path log = cache.resolve(key + ".make.log");
            Files.move(work.resolve("make.log"), log, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            FileTrees.delete(work);
            return new Made(new ProviderIndex(key, indexed, syscalls), unbuilt, log);
        }
        FileTrees.delete(work);
        return new Made(new ProviderIndex(key, indexed, syscalls), List.of(), work.resolve("make.log"));
    }

    /**
     * Copies what the project's build fetched for its external libraries ({@code <build>/<lib>/}'s
     * files: the upstream archives Unikraft's {@code fetch} leaves there) into the indexing build, whose
     * {@code fetch} then finds them and downloads nothing. Only files, never the extracted trees.
     */
    static void reuseFetched(Path from, Path build, java.util.Collection<String> libraries) {
        for (String library : libraries) {
            Path folder = from.resolve(library);
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (Stream<Path> files = Files.list(folder)) {
                for (Path file : files.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith(".")).toList()) {
                    Path to = build.resolve(library).resolve(file.getFileName());
                    Files.createDirectories(to.getParent());
                    Files.copy(file, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            } catch (IOException e) {
                // Not copied: the indexing build fetches it as the project's build did.
            }
        }
    }

    /** Every library the tree registers ({@code addlib_s}), with its option; the app's own is not among them. */
    static Map<String, Optional<String>> libraryOptions(Path unikraft) throws IOException {
        Map<String, Optional<String>> all = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(unikraft)) {
            for (Path makefile : files.filter(p -> p.getFileName().toString().equals("Makefile.uk"))
                    .filter(p -> !unikraft.relativize(p).toString().startsWith(".")).sorted().toList()) {
                LibraryOptions.parse(Files.readString(makefile)).forEach(all::putIfAbsent);
            }
        }
        return all;
    }
}
