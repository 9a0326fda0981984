package dev.uknative.oci;

import dev.uknative.core.Reporter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** A push in a process of its own, for a test to kill half-way: {@code PushProcess KERNEL REF}. */
public final class PushProcess {

    private PushProcess() {
    }

    public static void main(String[] args) {
        PackedImage image = new ImagePacker().pack(new ImageContent(Path.of(args[0]), Optional.empty(), List.of(), "big",
                Optional.empty(), "qemu", "x86_64"));
        new Registry(Path.of(args[0] + ".no-docker-config.json"), Reporter.SILENT).push(image, ImageRef.parse(args[1]));
        System.out.println("pushed " + image.digest());
    }
}
