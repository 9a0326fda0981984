package dev.uknative.app;

import dev.uknative.core.UknativeException;
import dev.uknative.kconfig.KconfigTree;
import dev.uknative.kconfig.SolvedConfig;
import dev.uknative.menu.ChangeOutcome;
import dev.uknative.menu.ConfigChanger;
import dev.uknative.project.Kraftfile;
import dev.uknative.project.KraftfileEditor;
import dev.uknative.project.TargetSpec;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The menu's changes, kept in the Kraftfile through {@link ProjectConfiguration} (the rules of
 * {@code uknative config set}, with {@link ProjectConfiguration.Defaults#REMOVE}), told in the menu's
 * status line. A failure is a refusal shown in the menu, never an exception out of it.
 */
public final class KraftfileConfigChanger implements ConfigChanger {

    private static final String ORIGIN = "uknative menu";

    private final ProjectConfiguration configuration;

    /**
     * @param tree      the parsed Kconfig tree of the project's Unikraft
     * @param kraftfile the Kraftfile as read when the menu started
     * @param target    the target whose configuration is shown
     * @param scope     where changes go: {@code unikraft.kconfig} or the target's kconfig
     */
    public KraftfileConfigChanger(KconfigTree tree, Kraftfile kraftfile, TargetSpec target, KraftfileEditor.Scope scope) {
        this(new ProjectConfiguration(tree, kraftfile, target, scope, ProjectConfiguration.Defaults.REMOVE, ORIGIN));
    }

    public KraftfileConfigChanger(ProjectConfiguration configuration) {
        this.configuration = configuration;
    }

    @Override
    public SolvedConfig current() {
        return configuration.current();
    }

    @Override
    public String destination() {
        return configuration.file().getFileName() + " " + configuration.scope().describe();
    }

    @Override
    public ChangeOutcome change(String symbol, String value) {
        try {
            ProjectConfiguration.Outcome outcome = configuration.set(Map.of(symbol, value));
            if (outcome instanceof ProjectConfiguration.Refused refused) {
                return new ChangeOutcome.Refused("Not written: " + refused.problems().stream().map(p -> p.message() + "\nfix: " + p.fix())
                        .collect(Collectors.joining("\n")));
            }
            ProjectConfiguration.Written written = ((ProjectConfiguration.Applied) outcome).written();
            StringBuilder summary = new StringBuilder();
            String wanted = written.wanted().get(symbol);
            if (written.set().isEmpty()) {
                summary.append("Removed ").append(String.join(", ", written.removed())).append(" from ").append(destination()).append(": ")
                        .append(symbol).append('=').append(wanted).append(" without ").append(written.removed().size() == 1 ? "it" : "them").append('.');
            } else {
                summary.append("Set ").append(symbol).append('=').append(written.set().get(symbol)).append(" in ").append(destination()).append('.');
            }
            written.notHeld().values().forEach(n -> summary.append(' ').append(n));
            written.consequences().ifPresent(c -> summary.append(' ').append(c));
            return new ChangeOutcome.Applied(written.now(), summary.toString());
        } catch (UknativeException e) {
            return new ChangeOutcome.Refused("Not written: " + e.describe() + e.hint().map(h -> "\nfix: " + h).orElse(""));
        }
    }
}
