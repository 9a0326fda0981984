package dev.uknative.app;

import dev.uknative.build.BuildRequest;
import dev.uknative.build.ConfigurationInputs;
import dev.uknative.build.KconfigConfigurator;
import dev.uknative.build.KconfigLayers;
import dev.uknative.core.Reporter;
import dev.uknative.core.UknativeException;
import dev.uknative.kconfig.ConfigAssignment;
import dev.uknative.kconfig.Explanation;
import dev.uknative.kconfig.KconfigTree;
import dev.uknative.kconfig.SolvedConfig;
import dev.uknative.kconfig.SymbolStatus;
import java.util.List;
import java.util.Optional;

/**
 * The read-only questions about a project's kconfig ({@code uknative config list/get/explain}), and
 * the loading that {@link ProjectConfiguration} starts from: the project's Kconfig tree parsed once and
 * solved with the Kraftfile's kconfig, with uknative's own engine. Writes nothing in the project.
 */
public final class ConfigQueries {

    /**
     * A project's configuration as its Kraftfile gives it now.
     *
     * @param request the project and its target, as a build would use them
     * @param tree    the project's Unikraft Kconfig tree
     * @param config  the tree solved with the Kraftfile's kconfig layers
     */
    public record ProjectKconfig(BuildRequest request, KconfigTree tree, SolvedConfig config) {
    }

    private final Services services;
    private final ProjectLoader loader;

    public ConfigQueries(Services services, Reporter reporter, ProjectLoader.TargetQuestion question) {
        this.services = services;
        this.loader = new ProjectLoader(services, reporter, question);
    }

    /** The request, the Kconfig tree, and the configuration the Kraftfile asks for now. */
    public ProjectKconfig load(ProjectRequest project) {
        BuildRequest request = loader.readOnlyRequest(project);
        List<ConfigAssignment> assignments = KconfigLayers.inOrder(request);
        KconfigConfigurator configurator = services.configurator();
        // The make call's inputs computed without writing anything into the project: a query changes nothing.
        KconfigConfigurator.Configured configured = configurator.solve(new ConfigurationInputs(Paths.cacheHome()).of(request), assignments);
        return new ProjectKconfig(request, configured.tree(), configured.solved());
    }

    /** The symbols a .config would have (those written), in its order; only those matching and changed when asked. */
    public List<SymbolStatus> list(ProjectRequest project, Optional<String> pattern, boolean changedOnly) {
        SolvedConfig config = load(project).config();
        // A value build refuses is refused here too, at its line, rather than shown as the default.
        config.requireWellFormedValues();
        return (pattern.isEmpty() ? config.symbols() : config.search(pattern.get())).stream()
                .filter(s -> s.written() && (!changedOnly || s.changed())).toList();
    }

    /** One symbol's status (with or without CONFIG_); an unknown one is a usage error naming the nearest ones. */
    public SymbolStatus get(ProjectRequest project, String name) {
        SolvedConfig config = load(project).config();
        config.requireWellFormedValues();
        return config.status(symbol(config, name)).orElseThrow();
    }

    /** Why one symbol has its value. */
    public Explanation explain(ProjectRequest project, String name) {
        SolvedConfig config = load(project).config();
        return config.explain(symbol(config, name)).orElseThrow();
    }

    /** A project configuration ready for changes, loaded as the queries load it. */
    public ProjectConfiguration configuration(ProjectRequest project, ProjectConfiguration.Defaults defaults, String origin) {
        ProjectKconfig loaded = load(project);
        return new ProjectConfiguration(loaded.tree(), loaded.request().kraftfile(), loaded.request().target(),
                ProjectConfiguration.scope(project.target().target()), defaults, origin,
                KconfigLayers.libraryOptions(loaded.request()));
    }

    /** The symbol's name with its CONFIG_ prefix, or a usage error naming the nearest ones. */
    public static String symbol(SolvedConfig config, String name) {
        String full = name.startsWith("CONFIG_") ? name : "CONFIG_" + name;
        if (config.status(full).isEmpty()) {
            List<String> nearest = config.nearestSymbols(full);
            throw UknativeException.usage("no Kconfig file of this Unikraft tree defines " + full,
                    nearest.isEmpty() ? "see uknative config list" : "did you mean " + String.join(", ", nearest) + "?");
        }
        return full;
    }
}
