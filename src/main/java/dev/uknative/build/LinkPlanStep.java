package dev.uknative.build;

import dev.uknative.kconfig.ConfigAssignment;
import dev.uknative.kconfig.ConfigFragment;
import dev.uknative.project.ProjectLayout;
import dev.uknative.symbols.StubGenerator;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Step 3 of a build: the kconfig the build asks for — the Kraftfile's, and with foreign archives the
 * link plan's enablements, whose weak stubs are written (only when they changed: make and the
 * fingerprint go by modification time). The Kconfig tree parsed for the plan is handed on, so that
 * configuring does not parse it again.
 */
final class LinkPlanStep {

    /**
     * @param diagnosis the link plan, when there are foreign archives
     * @param parsed    the tree the plan was made on, for the same make call
     * @param fragment  every assignment the configuration must hold, merged in order
     */
    record Planned(Optional<SymbolDoctor.Diagnosis> diagnosis, Optional<KconfigConfigurator.Configured> parsed, ConfigFragment fragment) {
    }

    private final SymbolDoctor doctor;
    private final KconfigConfigurator configurator;

    LinkPlanStep(SymbolDoctor doctor, KconfigConfigurator configurator) {
        this.doctor = doctor;
        this.configurator = configurator;
    }

    Planned run(BuildRequest request, ProjectLayout layout, MakeInvocation invocation, NativesStep.Natives natives) {
        List<ConfigAssignment> wanted = new ArrayList<>(KconfigLayers.inOrder(request));
        if (natives.archives().isEmpty()) {
            return new Planned(Optional.empty(), Optional.empty(), ConfigFragment.merge(wanted));
        }
        // The tree sources the native library's Config.uk: it must exist before the parse.
        GeneratedLibraries.writeNativeLibrary(layout, natives.archives());
        KconfigConfigurator.Configured parsed = configurator.solve(invocation, List.copyOf(wanted));
        SymbolDoctor.Diagnosis diagnosis = doctor.diagnose(request, layout, natives.archives(), List.copyOf(wanted), parsed);
        wanted.addAll(diagnosis.assignments());
        ForeignLinkLibrary.writeStubs(GeneratedLibraries.nativeLibrary(layout), StubGenerator.source(diagnosis.plan()));
        return new Planned(Optional.of(diagnosis), Optional.of(parsed), ConfigFragment.merge(wanted));
    }
}
