package dev.uknative.build;

import dev.uknative.core.AtomicFiles;
import dev.uknative.core.ExitCode;
import dev.uknative.core.FileTrees;
import dev.uknative.core.Reporter;
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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The provider index of a Unikraft tree ({@link ProviderIndex}), made once per tree, commit,
 * compiler and target by building Unikraft with every library the configuration allows, then reading
 * the defined and undefined globals of each {@code lib*.o}. Kept in
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

    /** The index for {@code unikraft} and the target, made now when the cache has none. */
    public ProviderIndex forTree(Path unikraft, Architecture architecture, Platform platform, int jobs) {
        String key = key(unikraft, architecture, platform);
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
                ProviderIndex index = make(unikraft, architecture, platform, jobs, key);
                AtomicFiles.write(file, index.render());
                return index;
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

    /** Tree path, version and commit (with "-custom" for local changes), compiler, target, format. */
    String key(Path unikraft, Architecture architecture, Platform platform) {
        String versionMk = "";
        try {
            versionMk = Files.readString(unikraft.resolve("version.mk"));
        } catch (IOException e) {
            // No version.mk: the commit and path still tell trees apart.
        }
        String identity = String.join("\n", FORMAT, unikraft.toAbsolutePath().normalize().toString(), versionMk,
                facts.gitSha1(unikraft), facts.compilerDescription(), architecture.id(), platform.id());
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private ProviderIndex make(Path unikraft, Architecture architecture, Platform platform, int jobs, String key) throws IOException {
        Map<String, Optional<String>> libraries = libraryOptions(unikraft);
        Path table = unikraft.resolve("lib/syscall_shim/arch/" + architecture.id() + "/syscall.h.in");
        SyscallTable syscalls = Files.isRegularFile(table) ? SyscallTable.parse(Files.readString(table)) : new SyscallTable(Map.of());
        if (libraries.isEmpty()) {
            return new ProviderIndex(key, List.of(), syscalls); // a tree without libraries (a test's stand-in) provides nothing
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
        MakeInvocation invocation = new MakeInvocation(unikraft, app, List.of(), work.resolve("build"), work.resolve(".config"),
                "index", jobs, Map.of(), List.of("-k"));
        List<ConfigAssignment> base = new ArrayList<>();
        base.add(ConfigAssignment.of(architecture.kconfig(), "architecture " + architecture.id()));
        platform.kconfig().forEach(line -> base.add(ConfigAssignment.of(line, "platform " + platform.id())));
        KconfigConfigurator.Configured configured = configurator.solve(invocation, base);
        TreeMap<String, String> everything = new TreeMap<>();
        libraries.values().stream().flatMap(Optional::stream).filter(o -> !LEFT_OUT.contains(o))
                .forEach(o -> everything.put(o, "uknative provider index"));
        // In order, one at a time: an option that excludes one already on (ukmmap after posix-mmap) stays off.
        KconfigConfiguration solved = (KconfigConfiguration) new KconfigConfiguration(configured.tree(), base, configured.solved()).enable(everything).result();
        for (ConfigAssignment target : base) {
            if (!solved.solved().value(target.symbol()).orElse("").equals(target.value())) {
                throw new UknativeException(ExitCode.BUG, null, "indexing Unikraft's libraries changed the target's "
                        + target.symbol() + " (" + target.origin() + ")", "please report this with the Unikraft version");
            }
        }
        configurator.write(new KconfigConfigurator.Configured(configured.tree(), solved.solved(), configured.variables()));
        reporter.info("Indexing the libraries of Unikraft " + unikraft + " (once per version and compiler; about a minute)");
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
        FileTrees.delete(work);
        return new ProviderIndex(key, indexed, syscalls);
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
