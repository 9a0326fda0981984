package dev.uknative.build;

import dev.uknative.kconfig.ConfigAssignment;
import dev.uknative.kconfig.ConfigFragment;
import dev.uknative.project.ComponentSpec;
import dev.uknative.project.KconfigEntry;
import dev.uknative.project.Kraftfile;
import dev.uknative.project.TargetSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The kconfig a Kraftfile asks for, for one target, merged in kraftkit's order: {@code unikraft.kconfig},
 * each library's kconfig, the architecture, the platform, then the target's own kconfig. Later wins.
 * Before all of them come the options of the libraries listed under {@code libraries:}
 * ({@link LibraryOption}), so that a listed library is on unless the Kraftfile itself turns it off.
 */
public final class KconfigLayers {

    private KconfigLayers() {
    }

    /** The layers of a build: its listed libraries' options found in the folders its sources resolved to. */
    public static List<ConfigAssignment> inOrder(BuildRequest request) {
        return inOrder(request.kraftfile(), request.target(), libraryOptions(request));
    }

    /** The options of the libraries {@code request} lists, in the Kraftfile's order. */
    public static List<LibraryOption> libraryOptions(BuildRequest request) {
        return LibraryOption.of(request.kraftfile().libraries().stream().map(ComponentSpec::name).toList(), request.sources().libraries());
    }

    /** The layers without any library option (a Kraftfile without libraries, or a test's). */
    public static List<ConfigAssignment> inOrder(Kraftfile kraftfile, TargetSpec target) {
        return inOrder(kraftfile, target, List.of());
    }

    public static List<ConfigAssignment> inOrder(Kraftfile kraftfile, TargetSpec target, List<LibraryOption> libraries) {
        List<ConfigAssignment> all = new ArrayList<>();
        libraries.forEach(l -> all.add(l.assignment()));
        add(all, kraftfile.unikraft().kconfig(), "Kraftfile unikraft.kconfig");
        for (ComponentSpec library : kraftfile.libraries()) {
            add(all, library.kconfig(), "Kraftfile libraries." + library.name() + ".kconfig");
        }
        all.add(ConfigAssignment.of(target.architecture().kconfig(), "architecture " + target.architecture().id()));
        for (String line : target.platform().kconfig()) {
            all.add(ConfigAssignment.of(line, "platform " + target.platform().id()));
        }
        add(all, target.kconfig(), "Kraftfile target " + target.displayName() + " kconfig");
        return all;
    }

    public static ConfigFragment merged(Kraftfile kraftfile, TargetSpec target) {
        return ConfigFragment.merge(inOrder(kraftfile, target));
    }

    private static void add(List<ConfigAssignment> to, List<KconfigEntry> entries, String origin) {
        for (KconfigEntry e : entries) {
            to.add(new ConfigAssignment(e.symbol(), e.value(), origin, Optional.of(e.location())));
        }
    }
}
