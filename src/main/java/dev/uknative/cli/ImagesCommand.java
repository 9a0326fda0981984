package dev.uknative.cli;

import dev.uknative.app.ImageStore;
import dev.uknative.app.Services;
import dev.uknative.core.ExitCode;
import dev.uknative.oci.CachedImage;
import dev.uknative.oci.ImageRef;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code uknative images}: the local image cache. */
@Command(name = "images", mixinStandardHelpOptions = true,
        description = {"List the images in the local image cache.",
            "The cache ($XDG_CACHE_HOME/uknative/images) holds the images packaged here",
            "(pkg) or pulled (pull, run REF); each is listed with its digest and size."},
        subcommands = {ImagesCommand.RmCommand.class},
        footer = {"", "Examples:", "  uknative images", "  uknative images rm localhost:5000/hello:1.0"})
final class ImagesCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        List<CachedImage> images = new ImageStore(new Services()).list();
        PrintWriter out = spec.commandLine().getOut();
        for (CachedImage image : images) {
            out.printf("%-40s %s %8s%n", image.reference(), image.digest().substring(0, 19), BuildReport.size(image.size()));
        }
        out.flush();
        ConsoleReporter.messages(spec.commandLine().getErr()).info(images.size() + (images.size() == 1 ? " image" : " images"));
        return ExitCode.OK.code();
    }

    /** {@code uknative images rm REF…}. */
    @Command(name = "rm", mixinStandardHelpOptions = true,
            description = "Remove images from the local cache, with the blobs no other cached image uses.")
    static final class RmCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(arity = "1..*", paramLabel = "REF", description = "The images to remove.")
        List<String> references;

        @Override
        public Integer call() {
            ImageStore store = new ImageStore(new Services());
            PrintWriter out = spec.commandLine().getOut();
            for (String reference : references) {
                out.println(store.remove(ImageRef.parse(reference)).reference());
            }
            out.flush();
            return ExitCode.OK.code();
        }
    }
}
