package dev.uknative.cli;

import dev.uknative.app.Services;
import dev.uknative.app.UpdateSources;
import dev.uknative.source.LockFile;
import dev.uknative.source.LockedSource;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code uknative update}: resolve every source spec again and rewrite the lock file. */
@Command(name = "update", mixinStandardHelpOptions = true,
        description = {"Resolve the Kraftfile's sources again and fetch what changed.",
            "Channels and branches move; releases and commits do not. Rewrites " + LockFile.NAME + " beside the Kraftfile. --unikraft-source and UKNATIVE_UNIKRAFT_SOURCE are ignored:",
            "this is about what the Kraftfile asks for. Prints one line per component: name, spec, commit or sha256."},
        footer = {"", "Examples:", "  uknative update", "  uknative update examples/helloworld-c --manifest ./manifest.yaml"})
final class UpdateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ProjectFolderParameter folder;

    @Mixin
    ManifestOption manifest;

    @Mixin
    VerboseOption verbose;

    @Override
    public Integer call() {
        try (ConsoleReporter reporter = verbose.reporter()) {
            UpdateSources.Updated updated = new UpdateSources(new Services(), reporter).update(folder.directory, manifest.value());
            reporter.endProgress();
            Path lockPath = updated.file();
            LockFile lock = updated.lock();
            PrintWriter out = spec.commandLine().getOut();
            lock.unikraft().ifPresent(u -> out.println(line("unikraft", u)));
            lock.libraries().forEach((name, l) -> out.println(line(name, l)));
            out.flush();
            reporter.info("Updated " + lockPath);
            return 0;
        }
    }

    private static String line(String name, LockedSource l) {
        return String.format("%-12s %-8s %s -> %s", name, l.type(), l.spec().isEmpty() ? "(default)" : l.spec(), l.id());
    }
}
