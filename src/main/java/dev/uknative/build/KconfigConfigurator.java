package dev.uknative.build;

import dev.uknative.core.AtomicFiles;
import dev.uknative.kconfig.AutoConfWriter;
import dev.uknative.kconfig.AutoHeaderWriter;
import dev.uknative.kconfig.ConfigAssignment;
import dev.uknative.kconfig.ConfigProblem;
import dev.uknative.kconfig.DotConfigWriter;
import dev.uknative.kconfig.KconfigParser;
import dev.uknative.kconfig.KconfigSolver;
import dev.uknative.kconfig.KconfigTree;
import dev.uknative.kconfig.SolvedConfig;
import dev.uknative.kconfig.SymbolDependencyFiles;
import dev.uknative.kconfig.UnikraftKconfigVariables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

/**
 * Configures a build with uknative's own Kconfig engine instead of Unikraft's C tools (which need
 * flex and bison to be compiled first): parses the tree with the variables Unikraft's Makefile would
 * pass, solves the Kraftfile's kconfig like {@code make olddefconfig}, and writes what the build reads —
 * the .config ({@code C=}), its copy {@code $(O)/config}, {@code $(O)/kconfig/auto.conf} and
 * {@code $(O)/include/uk/bits/config.h} — in the order that makes make consider them current, so it
 * never starts conf.
 */
public final class KconfigConfigurator {

    /**
     * Stands in for conf in {@code $(O)/kconfig/conf}: Unikraft's Makefile builds conf when that file is
     * missing, and runs it when it is newer than config.h. Both never happen with an old stub; if make
     * runs it anyway (a hand-made {@code make menuconfig}), it says what to do.
     */
    private static final String CONF_STUB = """
            #!/bin/sh
            echo "This build folder is configured by uknative: change the kconfig in the Kraftfile" >&2
            echo "(or with 'uknative config set') and run 'uknative build'." >&2
            exit 1
            """;

    private final UnikraftFacts facts;

    KconfigConfigurator(UnikraftFacts facts) {
        this.facts = facts;
    }

    UnikraftFacts facts() {
        return facts;
    }

    /** A configurator that asks this host's git and gcc what Unikraft's Makefile would. */
    public static KconfigConfigurator forHost(dev.uknative.process.ProcessRunner processes, dev.uknative.process.ToolLocator tools) {
        return new KconfigConfigurator(new UnikraftFacts(processes, tools));
    }

    /** A tree with its solved configuration, and the variables it was parsed with. */
    public record Configured(KconfigTree tree, SolvedConfig solved, UnikraftKconfigVariables variables) {
    }

    /** Parses the tree and solves {@code assignments}; writes nothing. */
    public Configured solve(MakeInvocation invocation, List<ConfigAssignment> assignments) {
        Path unikraft = invocation.unikraft();
        String versionMk = read(unikraft.resolve("version.mk"));
        UnikraftKconfigVariables variables = UnikraftKconfigVariables.of(
                unikraft,
                invocation.application(),
                invocation.libraries(),
                invocation.buildDirectory(),
                invocation.config(),
                invocation.name(),
                UnikraftKconfigVariables.fullVersion(versionMk, facts.gitSha1(unikraft)),
                UnikraftKconfigVariables.codename(versionMk).orElse(""),
                UnikraftKconfigVariables.hostArchitecture(facts.compilerDescription()).orElse("x86_64"));
        KconfigTree tree = KconfigParser.parse(variables.rootKconfig(), variables.variables());
        return new Configured(tree, KconfigSolver.solve(tree, assignments), variables);
    }

    /**
     * Solves {@code assignments} on a tree parsed before (by {@link #solve}) for the same make call:
     * parsing Unikraft's hundred Config.uk files is most of the work, and one build needs it once.
     */
    public Configured resolve(Configured parsed, List<ConfigAssignment> assignments) {
        return new Configured(parsed.tree(), KconfigSolver.solve(parsed.tree(), assignments), parsed.variables());
    }

    /**
     * Fails with every assignment that cannot hold, each with its chain and a fix, when there is any.
     */
    public static void requireNoProblems(SolvedConfig solved) {
        if (!solved.problems().isEmpty()) {
            throw ConfigProblem.refusal(solved.problems());
        }
    }

    /** Writes the configuration's files where make reads them; returns whether the .config changed. */
    boolean write(Configured configured) throws IOException {
        UnikraftKconfigVariables v = configured.variables();
        String dotConfig = DotConfigWriter.write(configured.tree(), configured.solved());
        Path kconfigDir = v.kconfigDirectory();
        Files.createDirectories(kconfigDir);
        Files.createDirectories(v.autoHeader().getParent());
        Path conf = kconfigDir.resolve("conf");
        if (!Files.isRegularFile(conf) || !Files.readString(conf).equals(CONF_STUB)) {
            AtomicFiles.write(conf, CONF_STUB);
            Files.setPosixFilePermissions(conf, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Files.setLastModifiedTime(conf, FileTime.fromMillis(0));
        for (Map.Entry<Path, String> generated : configured.tree().generatedFiles().entrySet()) {
            AtomicFiles.writeIfChanged(generated.getKey(), generated.getValue());
        }
        boolean changed = AtomicFiles.writeIfChanged(v.config(), dotConfig);
        // $(O)/config is the Makefile's copy of the last .config; config.h must be newer than it.
        boolean copyChanged = AtomicFiles.writeIfChanged(v.buildDirectory().resolve("config"), dotConfig);
        boolean force = changed || copyChanged;
        touchSymbolDependencies(configured, v);
        writeIfChanged(v.autoConf(), AutoConfWriter.write(configured.tree(), configured.solved()), force);
        writeIfChanged(kconfigDir.resolve("tristate.config"), AutoConfWriter.writeTristate(configured.tree(), configured.solved()), force);
        writeIfChanged(v.autoHeader(), AutoHeaderWriter.write(configured.tree(), configured.solved()), force);
        return changed;
    }

    /**
     * What conf --syncconfig does before it replaces auto.conf: touch include/config/<symbol>.h of
     * every symbol whose value changed, which fixdep made the dependencies of the objects that use it.
     * (Unikraft also makes every object depend on config.h, but that is a FIXME of its, not a promise.)
     */
    private static void touchSymbolDependencies(Configured configured, UnikraftKconfigVariables v) throws IOException {
        java.util.Optional<String> previous = Files.isRegularFile(v.autoConf())
                ? java.util.Optional.of(Files.readString(v.autoConf())) : java.util.Optional.empty();
        for (String relative : SymbolDependencyFiles.toTouch(configured.solved(), previous)) {
            Path file = v.buildDirectory().resolve(relative);
            Files.createDirectories(file.getParent());
            Files.write(file, new byte[0]);
        }
    }

    /** Writes when the content differs, or always when {@code always}. */
    private static void writeIfChanged(Path file, String content, boolean always) throws IOException {
        if (always) {
            AtomicFiles.write(file, content);
        } else {
            AtomicFiles.writeIfChanged(file, content);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }
}
