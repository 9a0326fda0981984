package dev.uknative.elf;

import dev.uknative.core.Location;
import dev.uknative.core.UknativeException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The identification and machine of an ELF file of either class (ELF gABI, "ELF Header"): enough to
 * tell which CPU a kernel image is for. Unikraft's x86_64 images for QEMU are ELF32 files whose
 * e_machine says EM_386 (support/scripts/multiboot.py rewrites the ELF64 link for multiboot), so the
 * class alone does not tell the architecture; {@link ElfReader} reads ELF64 objects in depth.
 *
 * @param elfClass 1 for ELF32, 2 for ELF64
 * @param machine  e_machine, e.g. {@link #EM_X86_64}
 */
public record ElfHeader(int elfClass, int machine) {

    public static final int EM_386 = 3;
    public static final int EM_X86_64 = 62;
    public static final int EM_AARCH64 = 183;

    /** Reads the first 20 bytes of {@code file}; anything that is not little-endian ELF is invalid input. */
    public static ElfHeader read(Path file) {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(20);
        } catch (IOException e) {
            throw UknativeException.invalidInput(Location.of(file), "cannot read the ELF header: " + e.getMessage(),
                    "check the file's permissions");
        }
        if (head.length < 4 || head[0] != 0x7f || head[1] != 'E' || head[2] != 'L' || head[3] != 'F') {
            throw UknativeException.invalidInput(Location.of(file), "invalid ELF magic: this is not an ELF kernel image",
                    "give a kernel built by Unikraft (.unikraft/build/NAME_qemu-x86_64)");
        }
        if (head.length < 20) {
            throw UknativeException.invalidInput(Location.of(file), "premature end of the ELF header (" + head.length + " of 20 bytes)",
                    "was its build interrupted? Build it again");
        }
        if (head[4] != 1 && head[4] != 2) {
            throw UknativeException.invalidInput(Location.of(file), "invalid ELF class " + head[4] + ": expected 1 (ELF32) or 2 (ELF64)",
                    "give a kernel built by Unikraft");
        }
        if (head[5] != 1) {
            throw UknativeException.invalidInput(Location.of(file), "invalid ELF data encoding " + head[5] + ": only little-endian (1) kernels are supported",
                    "give a kernel built by Unikraft for x86_64 or arm64");
        }
        return new ElfHeader(head[4], (head[18] & 0xff) | (head[19] & 0xff) << 8);
    }
}
