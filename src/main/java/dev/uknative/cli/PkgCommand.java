package dev.uknative.cli;

import dev.uknative.app.PackageImage;
import dev.uknative.core.UknativeException;
import dev.uknative.oci.ImageRef;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code uknative pkg}: package the built unikernel as an OCI image. */
@Command(name = "pkg", mixinStandardHelpOptions = true,
        description = {"Build the project when needed, then package it as an OCI image.",
            "The image holds the kernel at /unikraft/bin/kernel (kraft's layout), urunc's annotations and",
            "/urunc.json, the Kraftfile's cmd as the default arguments. The image is kept",
            "in the local image cache (uknative images): uknative run NAME boots it.",
            "--push sends it to NAME's registry; --output writes an OCI layout (or tar).",
            "The same kernel always gives the same digest, printed on stdout."},
        footer = {"", "Registry credentials: Docker's config ($DOCKER_CONFIG/config.json, else",
            "~/.docker/config.json) and the credential helpers it names. Plain HTTP only",
            "for registries on this machine (localhost, 127.0.0.1); TLS everywhere else.",
            "", "Examples:",
            "  uknative pkg examples/helloworld-c --name localhost:5000/hello:1.0 --push",
            "  uknative pkg . --name ghcr.io/me/hello --output oci:./hello-image",
            "  uknative pkg . --name hello:1.0 --output oci-archive:hello.tar"})
final class PkgCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ProjectFolderParameter folder;

    @Option(names = "--name", required = true, paramLabel = "REF",
            description = "The image's name, [REGISTRY/]REPOSITORY[:TAG] (default tag: latest).")
    String name;

    @Option(names = "--push", description = "Push the image to its registry.")
    boolean push;

    @Option(names = "--output", paramLabel = "oci:DIR|oci-archive:FILE",
            description = "Also write the image as an OCI image layout in DIR, or as one tar file (for air-gapped transfer).")
    String output;

    @Option(names = "--initrd", paramLabel = "FILE",
            description = "An initial ramdisk (e.g. a CPIO archive) to package with the kernel; run REF boots with it.")
    Path initrd;

    @Mixin
    BuildOptions building;

    @Mixin
    VerboseOption verbose;

    @Override
    public Integer call() {
        ImageRef ref = ImageRef.parse(name);
        if (initrd != null && !Files.isRegularFile(initrd)) {
            throw UknativeException.usage("--initrd " + initrd + " is not a file", "give the path of an existing initrd");
        }
        Output where = Output.parse(output);
        Optional<Path> layout = where.layout();
        Optional<Path> archive = where.archive();
        try (ConsoleReporter reporter = verbose.reporter()) {
            PackageImage pkg = new PackageImage(OriginFetchLaunch.services(false), reporter, new TerminalTargetQuestion(spec.commandLine().getErr()));
            PackageImage.Result result = pkg.run(new PackageImage.Request(building.request(folder.directory), building.jobs(),
                    building.linkOptions(), building.compileCache(), ref, push, layout, archive,
                    Optional.ofNullable(initrd).map(p -> p.toAbsolutePath().normalize())));
            BuildReport.report(result.built(), reporter);
            reporter.info("Packaged " + result.name() + " (" + result.platform() + ", " + BuildReport.size(result.size()) + ") in "
                    + result.packaging().toMillis() + " ms");
            layout.ifPresent(dir -> reporter.info("Wrote the OCI image layout " + dir));
            archive.ifPresent(file -> reporter.info("Wrote the OCI image archive " + file));
            result.pushed().ifPresent(p -> reporter.info("Pushed " + result.name() + ": " + p.uploaded() + " blob"
                    + (p.uploaded() == 1 ? "" : "s") + " uploaded, " + p.skipped() + " already there"));
            PrintWriter out = spec.commandLine().getOut();
            out.println(result.digest());
            out.flush();
            return 0;
        }
    }

    /** Where {@code --output} asks for the image: an OCI layout folder or one archive file, or neither. */
    record Output(Optional<Path> layout, Optional<Path> archive) {

        private static final String LAYOUT = "oci:";
        private static final String ARCHIVE = "oci-archive:";

        static Output parse(String output) {
            if (output == null) {
                return new Output(Optional.empty(), Optional.empty());
            }
            String prefix = output.startsWith(ARCHIVE) ? ARCHIVE : output.startsWith(LAYOUT) ? LAYOUT : "";
            String path = output.substring(prefix.length()).trim();
            if (prefix.isEmpty() || path.isEmpty()) {
                throw UknativeException.usage("--output " + output + " is neither oci:DIR nor oci-archive:FILE",
                        "write for example  --output oci:./hello-image  or  --output oci-archive:hello.tar");
            }
            Optional<Path> where = Optional.of(Path.of(path).toAbsolutePath().normalize());
            return prefix.equals(ARCHIVE) ? new Output(Optional.empty(), where) : new Output(where, Optional.empty());
        }
    }
}
