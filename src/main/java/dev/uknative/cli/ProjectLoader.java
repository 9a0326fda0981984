package dev.uknative.cli;

import dev.uknative.build.BuildRequest;
import dev.uknative.core.Reporter;
import dev.uknative.core.UknativeException;
import dev.uknative.project.Kraftfile;
import dev.uknative.project.KraftfileReader;
import dev.uknative.project.TargetSelector;
import dev.uknative.project.TargetSpec;
import dev.uknative.source.LocalSourceResolver;
import dev.uknative.source.SourceResolver;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Turns a project folder and the target flags into a {@link BuildRequest}: reads the Kraftfile,
 * shows its warnings, picks the target (asking on a terminal when several fit), resolves and fetches
 * the sources (recording them in the lock file).
 */
final class ProjectLoader {

    private final Reporter reporter;
    private final PrintWriter err;

    /** @param err where the question is asked when several targets fit */
    ProjectLoader(Reporter reporter, PrintWriter err) {
        this.reporter = reporter;
        this.err = err;
    }

    Kraftfile kraftfile(Path directory) {
        Kraftfile kraftfile = new KraftfileReader().read(KraftfileReader.locate(directory.toAbsolutePath().normalize()));
        kraftfile.warnings().forEach(reporter::warn);
        return kraftfile;
    }

    BuildRequest request(Path directory, TargetOptions targets, ProjectOptions project, int jobs, boolean force) {
        Kraftfile kraftfile = kraftfile(directory);
        TargetSpec target = target(kraftfile, targets.query());
        LocalSourceResolver.Resolved sources = new Toolbox().sources(reporter, project.manifest.manifest).resolve(kraftfile,
                Optional.ofNullable(project.unikraftSource), Optional.ofNullable(System.getenv("UKNATIVE_UNIKRAFT_SOURCE")),
                SourceResolver.Mode.LOCKED);
        sources.warnings().forEach(reporter::warn);
        return new BuildRequest(kraftfile, target, sources, jobs, force);
    }

    private TargetSpec target(Kraftfile kraftfile, TargetSelector.Query query) {
        TargetSelector.Candidates candidates = new TargetSelector().candidates(kraftfile, query);
        if (candidates.unique()) {
            return candidates.only();
        }
        List<TargetSpec> fitting = candidates.fitting();
        String names = TargetSelector.describe(fitting);
        if (System.console() == null) {
            throw UknativeException.usage("several targets fit: " + names, "choose one with --target NAME");
        }
        return ask(fitting);
    }

    /** Asks on the terminal which target to use. */
    private TargetSpec ask(List<TargetSpec> fitting) {
        err.println("Several targets fit; which one?");
        for (int i = 0; i < fitting.size(); i++) {
            err.println("  " + (i + 1) + ") " + TargetSelector.describe(fitting.get(i)));
        }
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        try {
            while (true) {
                err.print("Target [1-" + fitting.size() + "]: ");
                err.flush();
                String answer = in.readLine();
                if (answer == null) {
                    throw UknativeException.usage("no target chosen", "choose one with --target NAME");
                }
                try {
                    int n = Integer.parseInt(answer.trim());
                    if (n >= 1 && n <= fitting.size()) {
                        return fitting.get(n - 1);
                    }
                } catch (NumberFormatException e) {
                    // Asked again below.
                }
                err.println("Please answer with a number from 1 to " + fitting.size() + ".");
            }
        } catch (IOException e) {
            throw UknativeException.usage("cannot read the answer: " + e.getMessage(), "choose one with --target NAME");
        }
    }
}
