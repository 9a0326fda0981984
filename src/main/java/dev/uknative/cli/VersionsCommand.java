package dev.uknative.cli;

import dev.uknative.app.ComponentVersions;
import dev.uknative.app.Services;
import dev.uknative.core.UknativeException;
import dev.uknative.source.GitFetcher.RemoteRefs;
import dev.uknative.source.Manifest;
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

/** {@code uknative versions}: what the manifests and a component's git remote offer. */
@Command(name = "versions", mixinStandardHelpOptions = true,
        description = {"List the versions a component can be built at.",
            "They are the manifest's channels and releases, and the branches and tags of its git remote (the Kraftfile's git source when it has one, else the manifest's origin)."},
        footer = {"", "Examples:", "  uknative versions", "  uknative versions unikraft --manifest https://example.org/index.yaml",
            "  uknative versions musl -P examples/with-musl"})
final class VersionsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "COMPONENT", defaultValue = "unikraft",
            description = "unikraft (the default) or a library name.")
    String component;

    @Option(names = {"-P", "--project"}, paramLabel = "DIR", defaultValue = ".",
            description = "The project folder whose Kraftfile may name the component's source (default: the current folder).")
    Path project;

    @Mixin
    ManifestOption manifest;

    @Mixin
    VerboseOption verbose;

    @Override
    public Integer call() {
        try (ConsoleReporter reporter = verbose.reporter()) {
            PrintWriter out = spec.commandLine().getOut();
            ComponentVersions versions = new ComponentVersions(new Services(), reporter);
            ComponentVersions.Sources sources = versions.sources(component, project, manifest.value());
            Optional<Manifest> m = sources.manifest();
            Optional<String> remote = sources.remote();
            if (m.isEmpty() && remote.isEmpty()) {
                throw UknativeException.usage("no manifest lists '" + component + "' and the Kraftfile gives it no git source",
                        "give a manifest with --manifest, or run in a project whose Kraftfile names the component's git URL");
            }
            m.ifPresent(found -> {
                out.println(component + " in " + found.from() + ":");
                List<String> channels = new ArrayList<>();
                found.channels().forEach(c -> channels.add(c.name() + (c.isDefault() ? " (default)" : "")));
                out.println("  channels: " + (channels.isEmpty() ? "-" : String.join(", ", channels)));
                List<String> releases = new ArrayList<>();
                found.versions().forEach(v -> releases.add(v.version() + ComponentVersions.kind(v)));
                out.println("  releases: " + (releases.isEmpty() ? "-" : String.join(", ", releases)));
            });
            int status = 0;
            if (remote.isPresent()) {
                try {
                    RemoteRefs refs = versions.remoteRefs(remote.get());
                    reporter.endProgress();
                    out.println(component + " at " + remote.get() + ":");
                    out.println("  branches: " + (refs.branches().isEmpty() ? "-" : String.join(", ", refs.branches())));
                    out.println("  tags:     " + (refs.tags().isEmpty() ? "-" : String.join(", ", refs.tags())));
                } catch (UknativeException e) {
                    reporter.warn(e.getMessage());
                    status = e.exitCode().code();
                }
            }
            out.flush();
            return status;
        }
    }
}
