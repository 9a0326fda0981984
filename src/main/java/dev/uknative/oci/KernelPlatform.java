package dev.uknative.oci;

import dev.uknative.core.Location;
import dev.uknative.core.UknativeException;
import dev.uknative.elf.ElfHeader;
import java.nio.file.Path;

/**
 * The OCI platform of a kernel image, from its ELF header (image-spec config.md: {@code os},
 * {@code architecture} in Go's GOOS/GOARCH names).
 *
 * <p>The os is {@code linux}, not kraft's {@code qemu}: containerd, which pulls images for urunc on a
 * Kubernetes node, matches a single-platform image's os/architecture against the node's
 * ({@code linux/amd64}) and refuses any other. Unikraft's x86_64 images for QEMU are ELF32 files with
 * e_machine EM_386 (its multiboot.py rewrites them), and QEMU's x86_64 machine boots every x86
 * multiboot kernel, so EM_386 counts as amd64 as well.
 */
public record KernelPlatform(String os, String architecture) {

    public static KernelPlatform of(Path kernel) {
        ElfHeader header = ElfHeader.read(kernel);
        return switch (header.machine()) {
            case ElfHeader.EM_X86_64, ElfHeader.EM_386 -> new KernelPlatform("linux", "amd64");
            case ElfHeader.EM_AARCH64 -> new KernelPlatform("linux", "arm64");
            default -> throw UknativeException.invalidInput(Location.of(kernel),
                    "ELF machine " + header.machine() + " is neither x86 (3, 62) nor AArch64 (183)",
                    "package a kernel built by Unikraft for x86_64 or arm64");
        };
    }

    /** {@code os/architecture}, as registries and skopeo print it. */
    @Override
    public String toString() {
        return os + "/" + architecture;
    }
}
