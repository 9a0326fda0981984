package dev.uknative.app;

import dev.uknative.core.Reporter;
import dev.uknative.project.ComponentSpec;
import dev.uknative.project.Kraftfile;
import dev.uknative.project.KraftfileReader;
import dev.uknative.source.Downloader;
import dev.uknative.source.GitFetcher;
import dev.uknative.source.Manifest;
import dev.uknative.source.SourceSpec;
import dev.uknative.source.SourceSpecs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** {@code uknative versions}: what the manifests and a component's git remote offer. */
public final class ComponentVersions {

    /**
     * Where a component's versions can be read.
     *
     * @param manifest the manifest entry, when a manifest lists the component
     * @param remote   the git URL: the Kraftfile's git source when it has one, else the manifest's origin
     */
    public record Sources(Optional<Manifest> manifest, Optional<String> remote) {
    }

    private final Services services;
    private final Reporter reporter;

    public ComponentVersions(Services services, Reporter reporter) {
        this.services = services;
        this.reporter = reporter;
    }

    /** The manifest entry and the git remote of {@code component}, the project's Kraftfile (if any) first. */
    public Sources sources(String component, Path project, Optional<String> manifest) {
        Optional<Manifest> m = Services.manifests(new Downloader(reporter), manifest).find(component);
        Optional<String> remote = kraftfileRemote(component, project).or(() -> m.flatMap(Manifest::origin));
        return new Sources(m, remote);
    }

    /** The branches and tags of a git remote. */
    public GitFetcher.RemoteRefs remoteRefs(String remote) {
        return services.git(reporter).listRemote(remote);
    }

    /** "(tarball, sha256)" or "(tarball)" for a release that is a tarball, else nothing. */
    public static String kind(Manifest.Version v) {
        return SourceSpecs.isArchiveName(v.resource()) ? (v.sha256().isPresent() ? " (tarball, sha256)" : " (tarball)") : "";
    }

    /** The git URL the project's Kraftfile gives the component, when there is a Kraftfile and it gives one. */
    private static Optional<String> kraftfileRemote(String component, Path project) {
        Path directory = project.toAbsolutePath().normalize();
        boolean hasKraftfile = List.of("Kraftfile", "Kraftfile.yaml", "Kraftfile.yml", "kraft.yaml", "kraft.yml").stream()
                .anyMatch(n -> Files.isRegularFile(directory.resolve(n)));
        if (!hasKraftfile) {
            return Optional.empty();
        }
        Kraftfile kraftfile = new KraftfileReader().read(KraftfileReader.locate(directory));
        Optional<ComponentSpec> entry = component.equals("unikraft") ? Optional.of(kraftfile.unikraft())
                : kraftfile.libraries().stream().filter(l -> l.name().equals(component)).findFirst();
        return entry.map(e -> SourceSpecs.parse(e, kraftfile.projectDirectory()))
                .filter(s -> s instanceof SourceSpec.Git).map(s -> ((SourceSpec.Git) s).url());
    }
}
