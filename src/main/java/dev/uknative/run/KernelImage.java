package dev.uknative.run;

import dev.uknative.core.Location;
import dev.uknative.core.UknativeException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks a kernel image before QEMU is given it: QEMU's own messages for a missing, unreadable or
 * empty one mislead (an empty file gives "No such file or directory"). Its format is left to QEMU,
 * which boots more than ELF (a Linux bzImage, a multiboot image with load addresses) and names the
 * problem with one it cannot boot.
 */
public final class KernelImage {

    private KernelImage() {
    }

    /**
     * @return {@code kernel}, once it is a readable, non-empty file
     * @throws UknativeException (invalid input, located at the file) otherwise
     */
    public static Path check(Path kernel) {
        Location location = Location.of(kernel);
        if (!Files.isRegularFile(kernel)) {
            throw UknativeException.invalidInput(location, Files.exists(kernel) ? "the kernel image is not a file" : "the kernel image does not exist",
                    "give the path of a built image, e.g. .unikraft/build/NAME_qemu-x86_64, or a project folder");
        }
        byte[] head;
        try (InputStream in = Files.newInputStream(kernel)) {
            head = in.readNBytes(1);
        } catch (IOException e) {
            String reason = e instanceof AccessDeniedException ? "permission denied"
                    : e instanceof FileSystemException f && f.getReason() != null ? f.getReason() : e.getMessage();
            throw UknativeException.invalidInput(location, "the kernel image cannot be read: " + reason,
                    "check the file's permissions");
        }
        if (head.length == 0) {
            throw UknativeException.invalidInput(location, "the kernel image is empty",
                    "was its build interrupted? Build it again (uknative build), or give another image");
        }
        return kernel;
    }
}
