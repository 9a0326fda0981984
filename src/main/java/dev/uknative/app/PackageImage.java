package dev.uknative.app;

import dev.uknative.build.BuildRequest;
import dev.uknative.build.BuildResult;
import dev.uknative.core.Location;
import dev.uknative.core.Reporter;
import dev.uknative.core.UknativeException;
import dev.uknative.oci.Blob;
import dev.uknative.oci.CachedImage;
import dev.uknative.oci.ImageCache;
import dev.uknative.oci.ImageContent;
import dev.uknative.oci.ImagePacker;
import dev.uknative.oci.ImageRef;
import dev.uknative.oci.KernelPlatform;
import dev.uknative.oci.OciLayoutWriter;
import dev.uknative.oci.PackedImage;
import dev.uknative.oci.Registry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@code uknative pkg}: build the project when needed, package its kernel as an OCI image
 * ({@link ImagePacker}), keep it in the local image cache, and write it to an image layout and/or push
 * it to its registry.
 */
public final class PackageImage {

    /**
     * @param project the project and target to build
     * @param name    the image's reference, e.g. {@code localhost:5000/hello:1.0}
     * @param push    push it to the reference's registry
     * @param layout  {@code --output oci:DIR}: also write an OCI image layout there
     * @param archive {@code --output oci-archive:FILE}: also write the layout as one tar file
     * @param initrd  {@code --initrd FILE}: packaged at /unikraft/bin/initrd, booted with the kernel
     */
    public record Request(ProjectRequest project, int jobs, BuildRequest.LinkOptions link, boolean compileCache, ImageRef name, boolean push,
            Optional<Path> layout, Optional<Path> archive, Optional<Path> initrd) {
    }

    /**
     * @param built     the build (up to date when nothing changed)
     * @param digest    the image's (its manifest's) digest
     * @param size      manifest, config and layers
     * @param pushed    how the push went, when asked for
     * @param packaging how long packaging took, the build and the push left out
     */
    public record Result(BuildResult built, ImageRef name, String digest, long size, KernelPlatform platform,
            Optional<Registry.PushResult> pushed, Optional<Path> layout, Duration packaging) {
    }

    private final Services services;
    private final Reporter reporter;
    private final ProjectLoader.TargetQuestion question;

    public PackageImage(Services services, Reporter reporter, ProjectLoader.TargetQuestion question) {
        this.services = services;
        this.reporter = reporter;
        this.question = question;
    }

    public Result run(Request request) {
        BuildProject build = new BuildProject(services, reporter, question);
        BuildRequest buildRequest = build.request(request.project(), request.jobs(), false, request.link()).withCompileCache(request.compileCache());
        BuildResult built = build.build(buildRequest);
        long start = System.nanoTime();
        ImageContent content = new ImageContent(built.image(), request.initrd(), buildRequest.kraftfile().cmd(),
                buildRequest.kraftfile().name(), buildRequest.sources().unikraft().version(),
                buildRequest.target().platform().id(), buildRequest.target().architecture().id());
        PackedImage image = new ImagePacker().pack(content);
        String refName = request.name().tag().orElse("latest");
        request.layout().ifPresent(dir -> new OciLayoutWriter().write(dir, image, refName));
        request.archive().ifPresent(file -> new OciLayoutWriter().writeArchive(file, image, refName));
        keep(services.images(), request.name(), image);
        Duration packaging = Duration.ofNanos(System.nanoTime() - start);
        Optional<Registry.PushResult> pushed = Optional.empty();
        if (request.push()) {
            reporter.progress("Pushing " + request.name());
            pushed = Optional.of(services.registry(reporter).push(image, request.name()));
        }
        return new Result(built, request.name(), image.digest(), image.size(), image.platform(), pushed, request.layout(), packaging);
    }

    /** The packaged image goes into the local cache under its name, so that {@code run NAME} needs no registry. */
    private static void keep(ImageCache cache, ImageRef name, PackedImage image) {
        try {
            for (Blob blob : image.layers()) {
                cache.put(blob);
            }
            cache.put(image.config());
            List<CachedImage.Descriptor> layers = image.layers().stream()
                    .map(b -> new CachedImage.Descriptor(b.mediaType(), b.digest(), b.size())).toList();
            cache.record(new CachedImage(name.toString(), image.digest(),
                    new CachedImage.Descriptor(image.config().mediaType(), image.config().digest(), image.config().size()), layers));
        } catch (IOException e) {
            throw UknativeException.invalidInput(Location.of(cache.root()), "cannot write the image cache: " + e.getMessage(),
                    "check the cache folder's permissions and free space");
        }
    }
}
