package dev.uknative.build;

import dev.uknative.core.UknativeException;
import dev.uknative.elf.ArchiveReader;
import dev.uknative.elf.ElfReader;
import dev.uknative.elf.ObjectSymbols;
import dev.uknative.foreign.ForeignArchive;
import dev.uknative.kconfig.ConfigAssignment;
import dev.uknative.project.ProjectLayout;
import dev.uknative.project.TargetSpec;
import dev.uknative.symbols.KconfigConfiguration;
import dev.uknative.symbols.LibraryOptions;
import dev.uknative.symbols.LinkPlan;
import dev.uknative.symbols.LinkPlanner;
import dev.uknative.symbols.ProviderIndex;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Makes the link plan of a build with foreign archives: reads the archives (symbols and raw syscalls),
 * the application's own objects when they are current, the provider index of the Unikraft tree, and
 * the configuration the Kraftfile asks for, then lets {@link LinkPlanner} decide.
 */
public final class SymbolDoctor {

    private final ProviderIndexes indexes;
    private final KconfigConfigurator configurator;

    public SymbolDoctor(ProviderIndexes indexes, KconfigConfigurator configurator) {
        this.indexes = indexes;
        this.configurator = configurator;
    }

    /**
     * The plan, and the kconfig assignments that carry out its enablements.
     *
     * @param skipped what the plan could not read, with why: archive members that are not ELF objects
     *                (the linker ignores them too), application objects that could not be read
     */
    public record Diagnosis(LinkPlan plan, List<ConfigAssignment> assignments, ProviderIndex index, List<String> skipped) {
        public Diagnosis {
            assignments = List.copyOf(assignments);
            skipped = List.copyOf(skipped);
        }
    }

    public Diagnosis diagnose(BuildRequest request, ProjectLayout layout, MakeInvocation invocation, List<ForeignArchive> archives) {
        List<ConfigAssignment> base = KconfigLayers.inOrder(request);
        return diagnose(request, layout, archives, base, configurator.solve(invocation, base));
    }

    /**
     * As {@link #diagnose(BuildRequest, ProjectLayout, MakeInvocation, List)}, on the Kconfig tree the
     * build parsed, solved with the Kraftfile's own kconfig: {@code assignments}, the build's
     * {@link KconfigLayers#inOrder} (which reads each library's Makefile.uk and Config.uk: made once).
     */
    Diagnosis diagnose(BuildRequest request, ProjectLayout layout, List<ForeignArchive> archives, List<ConfigAssignment> assignments,
            KconfigConfigurator.Configured base) {
        List<String> warnings = new ArrayList<>();
        List<ObjectSymbols> application = applicationObjects(layout, base.variables().buildDirectory(), base.variables().application(), warnings);
        return diagnose(request.target(), assignments, base, archives, application, request.link(), request.jobs(), warnings,
                request.sources().libraries(), Optional.of(base.variables().buildDirectory()));
    }

    /** One archive, outside any project: the configuration is the target's own options. */
    public Diagnosis diagnoseArchive(Path archive, Path unikraft, TargetSpec target, BuildRequest.LinkOptions link, int jobs) {
        List<ConfigAssignment> base = new ArrayList<>();
        base.add(ConfigAssignment.of(target.architecture().kconfig(), "architecture " + target.architecture().id()));
        target.platform().kconfig().forEach(line -> base.add(ConfigAssignment.of(line, "platform " + target.platform().id())));
        Path scratch = null;
        try {
            scratch = Files.createTempDirectory("uknative-symbols");
            MakeInvocation invocation = new MakeInvocation(unikraft, scratch, List.of(), scratch.resolve("build"), scratch.resolve(".config"),
                    "symbols", jobs, java.util.Map.of(), List.of());
            String name = archive.getFileName().toString().replaceFirst("^lib", "").replaceFirst("\\.a$", "");
            return diagnose(target, base, configurator.solve(invocation, base), List.of(new ForeignArchive(name, archive)), List.of(), link, jobs,
                    List.of(), List.of(), Optional.empty());
        } catch (IOException e) {
            throw UknativeException.environment("cannot create a temporary folder: " + e.getMessage(), "check the free space of /tmp");
        } finally {
            if (scratch != null) {
                try {
                    dev.uknative.core.FileTrees.delete(scratch);
                } catch (IOException e) {
                    // A leftover empty temporary folder is harmless.
                }
            }
        }
    }

    /**
     * @param externals the project's external libraries, indexed with the core
     * @param fetchedIn the project's build folder, whose fetched upstream archives the indexing build reuses
     */
    private Diagnosis diagnose(TargetSpec target, List<ConfigAssignment> base, KconfigConfigurator.Configured configured,
            List<ForeignArchive> archives, List<ObjectSymbols> application, BuildRequest.LinkOptions link, int jobs, List<String> warnings,
            List<Path> externals, Optional<Path> fetchedIn) {
        KconfigConfigurator.requireNoProblems(configured.solved());
        ProviderIndex index = indexes.forTree(configured.variables().unikraft(), externals, fetchedIn, target.architecture(), target.platform(),
                jobs);
        ArchiveReader reader = new ArchiveReader();
        List<LinkPlanner.Foreign> foreign = archives.stream()
                .map(a -> new LinkPlanner.Foreign(a.name(), reader.readWithSyscalls(a.archive()))).toList();
        Set<String> fixed = base.stream().map(a -> a.symbol().substring("CONFIG_".length())).collect(Collectors.toSet());
        LinkPlanner.Input input = new LinkPlanner.Input(index, foreign, application, fixed, link.autoConfig(), link.stubs());
        LinkPlan plan = LinkPlanner.plan(input, new KconfigConfiguration(configured.tree(), base, configured.solved()));
        // Everything the plan added to the configuration: its enablements and the dependencies they needed.
        List<ConfigAssignment> all = ((KconfigConfiguration) plan.finalConfiguration()).assignments();
        List<ConfigAssignment> assignments = all.subList(base.size(), all.size());
        List<String> skipped = new ArrayList<>(warnings);
        foreign.forEach(f -> f.symbols().skipped().forEach(m -> skipped.add("native." + f.name() + ": member " + m.name() + " skipped (" + m.reason() + ")")));
        return new Diagnosis(plan, assignments, index, skipped);
    }

    /**
     * The objects of the application's libraries ({@code addlib} in its Makefile.uk) when every one is
     * built and newer than every file of the application; otherwise none, and the plan counts every
     * archive member as linked. An object that cannot be read (one a killed build left half-written)
     * does not stop the build, which remakes it, but it is named in {@code warnings}: the plan is then
     * larger than it needs to be.
     */
    static List<ObjectSymbols> applicationObjects(ProjectLayout layout, Path buildDirectory, Path app, List<String> warnings) {
        try {
            List<String> libraries = new ArrayList<>(LibraryOptions.parse(Files.readString(app.resolve("Makefile.uk"))).keySet());
            if (libraries.isEmpty()) {
                return List.of();
            }
            FileTime newestSource = newest(app, layout.workDirectory());
            List<ObjectSymbols> objects = new ArrayList<>();
            ElfReader reader = new ElfReader();
            for (String library : libraries) {
                Path object = buildDirectory.resolve(library + ".o");
                if (!Files.isRegularFile(object) || Files.getLastModifiedTime(object).compareTo(newestSource) < 0) {
                    return List.of();
                }
                objects.add(reader.readSymbols(object));
            }
            return objects;
        } catch (IOException | UknativeException e) {
            warnings.add("the application's objects were not read (" + e.getMessage()
                    + "): the link plan counts every archive member as linked");
            return List.of();
        }
    }

    private static FileTime newest(Path app, Path skip) throws IOException {
        try (Stream<Path> files = Files.walk(app)) {
            Optional<FileTime> newest = files.filter(p -> !p.startsWith(skip)).filter(Files::isRegularFile).map(p -> {
                try {
                    return Files.getLastModifiedTime(p);
                } catch (IOException e) {
                    return FileTime.fromMillis(Long.MAX_VALUE);
                }
            }).max(FileTime::compareTo);
            return newest.orElse(FileTime.fromMillis(0));
        }
    }
}
