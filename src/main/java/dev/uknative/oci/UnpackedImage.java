package dev.uknative.oci;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A cached image ready to boot: its kernel (and initrd) taken out of the verified layers.
 *
 * @param image     the cached image
 * @param kernel    the kernel file, from {@value ImagePacker#KERNEL_PATH}
 * @param initrd    from {@value ImagePacker#INITRD_PATH}, when the image has one
 * @param arguments the application's default arguments: the config's {@code Cmd}
 */
public record UnpackedImage(CachedImage image, Path kernel, Optional<Path> initrd, List<String> arguments) {

    public UnpackedImage {
        arguments = List.copyOf(arguments);
    }
}
