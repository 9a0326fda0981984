package dev.uknative.build;

import dev.uknative.core.AtomicFiles;
import dev.uknative.core.ExitCode;
import dev.uknative.core.UknativeException;
import dev.uknative.project.ProjectLayout;
import dev.uknative.symbols.LinkPlan;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Step 5 of a build: make, unless nothing it reads changed since the last successful build (the
 * fingerprint recorded then still holds). The whole make output goes to {@code .unikraft/build/make.log}.
 */
final class MakeStep {

    /**
     * @param upToDate whether make was left out because nothing changed
     * @param compiled objects compiled by this make run
     */
    record Outcome(Path image, boolean upToDate, int compiled, Optional<CompileCache.Statistics> cache) {
    }

    /**
     * Everything the step decides on.
     *
     * @param libraries the external libraries, to say when the first error is in one of them (read only
     *                  when make fails: it reads the lock file and each library's Makefile.uk)
     */
    record Input(ProjectLayout layout, String imageName, MakeInvocation invocation, List<Path> archives, boolean force,
                 boolean reconfigured, Optional<LinkPlan> plan, Supplier<LibraryErrorHint> libraries) {
    }

    private final Make make;

    MakeStep(Make make) {
        this.make = make;
    }

    Outcome run(Input in) throws IOException {
        ProjectLayout layout = in.layout();
        Path image = layout.image(in.imageName());
        Path stamp = layout.buildStamp(in.imageName());
        UnfinishedBuild unfinished = unfinished(layout, in.imageName());
        if (upToDate(in, unfinished)) {
            return new Outcome(image, true, 0, Optional.empty());
        }
        // A build that fails or is killed from here on must not leave a stamp that says "up to date".
        Files.deleteIfExists(stamp);
        int compiled;
        Optional<CompileCache.Statistics> cache;
        try (OutputStream log = new BufferedOutputStream(Files.newOutputStream(layout.makeLog()))) {
            unfinished.begin();
            MakeDriver.Outcome outcome = make.run(in.invocation(), "building " + in.imageName(), log, unfinished::started);
            log.flush();
            // A failed make keeps the marker too: a tool killed under it (an OOM-killed ld) leaves its
            // output as a killed make does, and redoing only what the failed run wrote costs little.
            if (!outcome.result().succeeded()) {
                throw failure("make failed (exit " + outcome.result().exitCode() + ") building " + in.imageName(), outcome, layout, in.plan(),
                        in.libraries());
            }
            unfinished.end();
            compiled = outcome.output().compiled();
            cache = outcome.cacheStatistics();
        }
        if (!Files.isRegularFile(image)) {
            throw UknativeException.toolFailed("make succeeded but wrote no image at " + image,
                    "check that the target's platform and architecture are enabled; full log: " + layout.makeLog());
        }
        AtomicFiles.write(stamp, BuildFingerprint.compute(in.invocation(), image, in.archives()));
        return new Outcome(image, false, compiled, cache);
    }

    /**
     * Nothing to do: not forced, configured before, no make left unfinished since, and the
     * fingerprint of everything make reads (the image included) is the one the last successful make
     * recorded. The stamp is deleted before every make and written only after one succeeded, so an
     * image no successful build produced is never taken.
     */
    static boolean upToDate(Input in, UnfinishedBuild unfinished) throws IOException {
        Path image = in.layout().image(in.imageName());
        Path stamp = in.layout().buildStamp(in.imageName());
        return !in.force() && !in.reconfigured() && !unfinished.present() && Files.isRegularFile(image) && Files.isRegularFile(stamp)
                && Files.readString(stamp).equals(BuildFingerprint.compute(in.invocation(), image, in.archives()));
    }

    static UnfinishedBuild unfinished(ProjectLayout layout, String imageName) {
        return new UnfinishedBuild(layout.buildDirectory().resolve("uknative").resolve(imageName + ".building"), layout.buildDirectory(),
                imageName);
    }

    private static UknativeException failure(String what, MakeDriver.Outcome outcome, ProjectLayout layout, Optional<LinkPlan> plan,
            Supplier<LibraryErrorHint> libraries) {
        if (outcome.result().timedOut()) {
            return UknativeException.toolFailed(what + ": timed out", "full log: " + layout.makeLog());
        }
        Optional<MakeOutputParser.Diagnostic> first = outcome.output().firstError();
        String message = first.map(d -> what + "\n  " + d.describe()).orElse(what);
        List<LinkPlan.Need> missing = plan.map(p -> p.withStatus(LinkPlan.Status.MISSING)).orElse(List.of());
        String hint = first.flatMap(d -> libraries.get().hint(d, layout.buildDirectory())).map(h -> h + "; ").orElse("")
                + "full log: " + layout.makeLog();
        if (!missing.isEmpty()) {
            hint = missing.size() + " symbols have no provider and stubs are off (--no-stubs): "
                    + String.join(", ", missing.stream().map(LinkPlan.Need::symbol).limit(12).toList())
                    + (missing.size() > 12 ? ", …" : "") + "; `uknative symbols` lists them; " + hint;
        }
        return new UknativeException(ExitCode.TOOL_FAILED, null, message, hint);
    }
}
