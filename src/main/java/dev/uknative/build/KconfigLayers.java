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
 */
public final class KconfigLayers {

    private KconfigLayers() {
    }

    public static List<ConfigAssignment> inOrder(Kraftfile kraftfile, TargetSpec target) {
        List<ConfigAssignment> all = new ArrayList<>();
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
