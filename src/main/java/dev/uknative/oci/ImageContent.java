package dev.uknative.oci;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What goes into a unikernel's image.
 *
 * @param kernel          the built kernel image
 * @param initrd          its initial ramdisk, when it has one
 * @param arguments       the application's default arguments (the Kraftfile's {@code cmd})
 * @param name            the application's name (the Kraftfile's {@code name}): urunc's cmdline starts with it
 * @param unikraftVersion the Unikraft release the kernel was built from, when known
 * @param kraftPlatform   Unikraft's platform name, e.g. {@code qemu}
 * @param kraftArch       Unikraft's architecture name, e.g. {@code x86_64}
 */
public record ImageContent(Path kernel, Optional<Path> initrd, List<String> arguments, String name,
        Optional<String> unikraftVersion, String kraftPlatform, String kraftArch) {

    public ImageContent {
        Objects.requireNonNull(kernel, "kernel");
        Objects.requireNonNull(initrd, "initrd");
        arguments = List.copyOf(arguments);
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(unikraftVersion, "unikraftVersion");
        Objects.requireNonNull(kraftPlatform, "kraftPlatform");
        Objects.requireNonNull(kraftArch, "kraftArch");
    }
}
