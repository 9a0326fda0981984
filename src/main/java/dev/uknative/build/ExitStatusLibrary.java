package dev.uknative.build;

import dev.uknative.core.AtomicFiles;
import dev.uknative.core.ExitStatusProtocol;
import dev.uknative.core.UknativeException;
import dev.uknative.project.Architecture;
import dev.uknative.project.Platform;
import dev.uknative.project.TargetSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Unikraft library uknative adds to every x86_64 build and to qemu/arm64 builds ({@code L=}): it
 * wraps {@code main} and {@code exit} to report the application's exit status (on COM2 on x86_64,
 * through Arm semihosting on arm64), which {@code uknative run} turns into its own exit status.
 * Disabled with {@code CONFIG_LIBUKNATIVE_EXITSTATUS: n} in the Kraftfile.
 *
 * <p>The C source and the make files are resources; the header, {@code exitstatus.h}, is generated
 * from {@link ExitStatusProtocol}, the definition the runner reads the report by.
 */
public final class ExitStatusLibrary {

    private static final List<String> RESOURCES = List.of("Config.uk", "Makefile.uk", "exitstatus.c");
    private static final String HEADER = "exitstatus.h";

    private ExitStatusLibrary() {
    }

    /**
     * Whether an image of {@code target} gets the library: every x86_64 one (a COM2 write goes nowhere
     * harmful without a listener), and arm64 ones for QEMU only: a semihosting call traps where nothing
     * emulates it (Firecracker, KVM).
     */
    public static boolean reportsOn(TargetSpec target) {
        return target.architecture() == Architecture.X86_64
                || target.architecture() == Architecture.ARM64 && target.platform() == Platform.QEMU;
    }

    /**
     * Every file of the library by name, in a fixed order, as {@link #writeTo} writes them (what a
     * content digest of the library should cover).
     */
    public static Map<String, byte[]> files() {
        try {
            Map<String, byte[]> files = new LinkedHashMap<>();
            for (String name : RESOURCES) {
                files.put(name, resource(name));
            }
            files.put(HEADER, ExitStatusProtocol.cHeader().getBytes(StandardCharsets.US_ASCII));
            return Collections.unmodifiableMap(files);
        } catch (IOException e) {
            throw UknativeException.environment("cannot read uknative's exit-status library: " + e.getMessage(), "reinstall uknative");
        }
    }

    /**
     * Writes the library into {@code directory}, touching only files whose content changed (make and
     * the build fingerprint look at modification times), each replaced atomically.
     */
    public static Path writeTo(Path directory) {
        Map<String, byte[]> files = files();
        try {
            Files.createDirectories(directory);
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                AtomicFiles.writeIfChanged(directory.resolve(file.getKey()), file.getValue());
            }
            return directory;
        } catch (IOException e) {
            throw UknativeException.environment("cannot write " + directory + ": " + e.getMessage(),
                    "check the free space and permissions of the project folder");
        }
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = ExitStatusLibrary.class.getResourceAsStream("exitstatus/" + name)) {
            if (in == null) {
                throw new IOException("resource exitstatus/" + name + " is missing from uknative's jar");
            }
            return in.readAllBytes();
        }
    }
}
