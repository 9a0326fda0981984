package dev.uknative.build;

import dev.uknative.core.AtomicFiles;
import dev.uknative.core.FileTrees;
import dev.uknative.core.Reporter;
import dev.uknative.project.ProjectLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Step 1 of a build: the build folder made fit for the resolved sources — emptied when the Unikraft
 * tree changed, and cleared of what a build that did not finish may have left half-written.
 */
final class PrepareStep {

    /** @param invalidated files deleted because the last make did not end by itself */
    record Prepared(boolean startedAfresh, List<Path> invalidated) {
        Prepared {
            invalidated = List.copyOf(invalidated);
        }
    }

    private final Reporter reporter;

    PrepareStep(Reporter reporter) {
        this.reporter = reporter;
    }

    Prepared run(BuildRequest request, ProjectLayout layout) throws IOException {
        Files.createDirectories(layout.buildDirectory());
        boolean afresh = startAfreshOnAnotherUnikraft(request, layout);
        UnfinishedBuild unfinished = MakeStep.unfinished(layout, request.imageName());
        List<Path> invalidated = unfinished.recover();
        if (unfinished.present()) {
            reporter.info("The last build of " + request.imageName() + " did not finish: relinking it ("
                    + invalidated.size() + (invalidated.size() == 1 ? " file" : " files") + " it may have left half-written removed)");
        }
        return new Prepared(afresh, invalidated);
    }

    /**
     * Objects, generated headers and the .config made from one Unikraft tree are wrong for another:
     * make compares times, not trees (a cached tree checked out earlier looks older than the objects),
     * and the .config was solved against the old Kconfig. So when the tree changes (another version in
     * the Kraftfile resolves to another cache folder) the build folder starts empty, except the lock
     * this build holds.
     */
    private boolean startAfreshOnAnotherUnikraft(BuildRequest request, ProjectLayout layout) throws IOException {
        Path record = layout.unikraftRecord();
        String tree = request.sources().unikraft().path().toString();
        boolean afresh = Files.isRegularFile(record) && !Files.readString(record).equals(tree);
        if (afresh) {
            reporter.info("Unikraft changed (" + Files.readString(record) + " -> " + tree + "): building from scratch");
            try (Stream<Path> entries = Files.list(layout.buildDirectory())) {
                for (Path entry : entries.toList()) {
                    if (entry.getFileName().toString().equals("uknative")) {
                        try (Stream<Path> own = Files.list(entry)) {
                            for (Path file : own.filter(f -> !f.equals(layout.buildLock())).toList()) {
                                FileTrees.delete(file);
                            }
                        }
                    } else {
                        FileTrees.delete(entry);
                    }
                }
            }
            Files.deleteIfExists(layout.configFile(request.imageName()));
        }
        Files.createDirectories(record.getParent());
        AtomicFiles.writeIfChanged(record, tree);
        return afresh;
    }
}
