package dev.uknative.cli;

import dev.uknative.app.PullImage;
import dev.uknative.app.Services;
import dev.uknative.oci.CachedImage;
import dev.uknative.oci.ImageRef;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code uknative pull REF}: fetch an image into the local image cache. */
@Command(name = "pull", mixinStandardHelpOptions = true,
        description = {"Fetch an image into the local image cache.",
            "Its manifest first, then only the blobs the cache lacks, each checked against",
            "its digest. Prints the digest.",
            "uknative run REF boots a cached image (pulled first when not cached)."},
        footer = {"", "Examples:", "  uknative pull localhost:5000/hello:1.0", "  uknative run localhost:5000/hello:1.0"})
final class PullCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "REF", description = "The image, [REGISTRY/]REPOSITORY[:TAG|@DIGEST].")
    String reference;

    @Mixin
    VerboseOption verbose;

    @Override
    public Integer call() {
        ImageRef ref = ImageRef.parse(reference);
        try (ConsoleReporter reporter = verbose.reporter()) {
            long start = System.nanoTime();
            CachedImage image = new PullImage(new Services(), reporter).pull(ref);
            reporter.info("Pulled " + image.reference() + " (" + BuildReport.size(image.size()) + ") in "
                    + (System.nanoTime() - start) / 1_000_000 + " ms");
            PrintWriter out = spec.commandLine().getOut();
            out.println(image.digest());
            out.flush();
            return 0;
        }
    }
}
