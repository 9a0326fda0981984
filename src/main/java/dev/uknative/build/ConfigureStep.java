package dev.uknative.build;

import dev.uknative.core.AtomicFiles;
import dev.uknative.core.Reporter;
import dev.uknative.kconfig.ConfigFragment;
import dev.uknative.project.ProjectLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Step 4 of a build: the configuration solved by uknative's Kconfig engine and written where make
 * reads it, when what was asked for changed or what make reads is not what the last configuration
 * wrote. A request that cannot hold is an error naming its chain. The record of what was configured
 * is written only after success, so a failed or interrupted configuration is redone next time.
 */
final class ConfigureStep {

    /** @param reconfigured whether the configuration was written now */
    record Outcome(boolean reconfigured) {
    }

    private final KconfigConfigurator configurator;
    private final Reporter reporter;

    ConfigureStep(KconfigConfigurator configurator, Reporter reporter) {
        this.configurator = configurator;
        this.reporter = reporter;
    }

    /**
     * @param parsed the tree the link plan parsed for this make call, when it did: solved again, not
     *               parsed again
     * @param libraries the external libraries with their versions, asked for only when a select names a
     *                  symbol the tree does not define
     */
    Outcome run(ProjectLayout layout, String imageName, MakeInvocation invocation, ConfigFragment fragment,
            Optional<KconfigConfigurator.Configured> parsed, Supplier<LibraryErrorHint> libraries) throws IOException {
        String record = record(fragment, invocation);
        if (current(layout, imageName, record)) {
            return new Outcome(false);
        }
        List<String> from = new ArrayList<>();
        if (fragment.assignments().stream().anyMatch(a -> a.origin().startsWith("library "))) {
            from.add("listed libraries");
        }
        from.add("the Kraftfile");
        from.add("target");
        if (fragment.assignments().stream().anyMatch(a -> a.origin().startsWith("uknative link plan"))) {
            from.add("link plan");
        }
        reporter.info("Configuring " + imageName + " (" + fragment.assignments().size() + " options from "
                + String.join(", ", from.subList(0, from.size() - 1)) + " and " + from.get(from.size() - 1) + ")");
        reporter.progress("configuring " + imageName + ": reading Unikraft's Kconfig files");
        KconfigConfigurator.Configured configured = parsed.isPresent()
                ? configurator.resolve(parsed.get(), fragment.assignments())
                : configurator.solve(invocation, fragment.assignments());
        UndefinedSelectReport.report(configured.solved().undefinedSelects(), invocation.unikraft(), invocation.application(),
                libraries, reporter);
        KconfigConfigurator.requireNoProblems(configured.solved());
        Path recorded = layout.defconfigFile(imageName);
        Files.deleteIfExists(recorded);
        configurator.write(configured);
        Files.createDirectories(recorded.getParent());
        AtomicFiles.write(recorded, record);
        return new Outcome(true);
    }

    /**
     * What a configuration was made from: the kconfig asked for (Kraftfile, target, link plan) and the
     * external libraries, whose Config.uk files are part of the tree.
     */
    static String record(ConfigFragment fragment, MakeInvocation invocation) {
        return fragment.render() + "# L=" + invocation.libraries().stream().map(Path::toString).collect(Collectors.joining(":")) + "\n";
    }

    /**
     * Whether the configuration was made from exactly this record and what make reads of it is still
     * as written: the .config, make's copy {@code $(O)/config} (UK_CONFIG_OUT) with the same content,
     * {@code auto.conf}, the conf stand-in, and a config.h not older than the copy. {@code make clean}
     * removes the copy; make then copies the .config again, finds config.h older and runs conf, which
     * uknative replaces with a stub that fails. So a missing piece means configuring again.
     */
    static boolean current(ProjectLayout layout, String imageName, String record) throws IOException {
        Path recorded = layout.defconfigFile(imageName);
        Path config = layout.configFile(imageName);
        Path build = layout.buildDirectory();
        Path copy = build.resolve("config");
        Path header = build.resolve("include/uk/bits/config.h");
        if (!(Files.isRegularFile(recorded) && Files.isRegularFile(config) && Files.isRegularFile(copy) && Files.isRegularFile(header)
                && Files.isRegularFile(build.resolve("kconfig/auto.conf")) && Files.isRegularFile(build.resolve("kconfig/conf")))) {
            return false;
        }
        return Files.readString(recorded).equals(record) && Files.mismatch(config, copy) == -1
                && Files.getLastModifiedTime(header).compareTo(Files.getLastModifiedTime(copy)) >= 0;
    }
}
