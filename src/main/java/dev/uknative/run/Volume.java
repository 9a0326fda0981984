package dev.uknative.run;

import dev.uknative.core.UknativeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A host folder shared with the guest over virtio-9p ({@code -v HOST:GUEST[:ro]}).
 *
 * @param tag the 9p mount tag, {@code fs0}, {@code fs1} … in the order given
 */
public record Volume(Path host, String guest, boolean readOnly, String tag) {

    public Volume {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(guest, "guest");
        Objects.requireNonNull(tag, "tag");
    }

    /** Parses {@code HOST:GUEST} or {@code HOST:GUEST:ro}; the host folder must exist. */
    public static Volume parse(String text, int index) {
        String[] parts = text.split(":", -1);
        boolean readOnly = parts.length == 3 && parts[2].equals("ro");
        if (parts.length < 2 || parts.length > 3 || (parts.length == 3 && !readOnly && !parts[2].equals("rw"))
                || parts[0].isEmpty() || !parts[1].startsWith("/")) {
            throw UknativeException.usage("volume '" + text + "' is not HOST:GUEST[:ro]",
                    "write for example  -v ./data:/data  or  -v ./data:/data:ro  (the guest path is absolute)");
        }
        Path host = Path.of(parts[0]).toAbsolutePath().normalize();
        if (!Files.isDirectory(host)) {
            throw UknativeException.usage("volume '" + text + "': " + host + " is not a folder", "share an existing folder");
        }
        return new Volume(host, parts[1], readOnly, "fs" + index);
    }

    /** The QEMU arguments that attach it, over the machine's virtio transport. */
    public java.util.List<String> arguments(QemuSystem system) {
        return java.util.List.of(
                "-fsdev", "local,id=" + tag + ",path=" + MachineSpec.escape(host.toString()) + ",security_model=none" + (readOnly ? ",readonly=on" : ""),
                "-device", system.virtioDevice("9p") + ",fsdev=" + tag + ",mount_tag=" + tag);
    }

    /** The entry of Unikraft's {@code vfs.fstab} that mounts it (creating the mount point). */
    public String fstabEntry() {
        return tag + ":" + guest + ":9pfs:::mkmp";
    }
}
