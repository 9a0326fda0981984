package dev.uknative.project;

import dev.uknative.core.AtomicFiles;
import dev.uknative.core.FileTrees;
import dev.uknative.core.Location;
import dev.uknative.core.UknativeException;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * A new project, ready to build: Kraftfile, Makefile.uk, a C {@code main}, and for zig and rust a
 * {@code native:} library that {@code main} calls. The folder appears whole or not at all: it is
 * written as a hidden sibling and renamed into place.
 */
public final class ProjectScaffold {

    /** The languages a project can be created for. */
    public enum Language {
        C, ZIG, RUST;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private ProjectScaffold() {
    }

    /** The files of a new project named after {@code folder}'s last element, by path relative to it. */
    public static Map<String, String> files(String name, Language language) {
        if (!NAME.matcher(name).matches()) {
            throw UknativeException.usage("'" + name + "' cannot name a project",
                    "use letters, digits, '.', '_' and '-', starting with a letter or digit, e.g. hello-zig");
        }
        String lib = "app" + name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        String upper = lib.toUpperCase(Locale.ROOT);
        Map<String, String> files = new LinkedHashMap<>();
        files.put("Kraftfile", kraftfile(name, language));
        files.put("Makefile.uk", "$(eval $(call addlib," + lib + "))\n\n" + upper + "_SRCS-y += $(" + upper + "_BASE)/main.c\n");
        files.put("main.c", language == Language.C ? C_MAIN : FOREIGN_MAIN.replace("LANG", language == Language.ZIG ? "Zig" : "Rust"));
        switch (language) {
            case C -> {
            }
            case ZIG -> files.put("ziglib/src/root.zig", ZIG_ROOT);
            case RUST -> {
                files.put("rustlib/Cargo.toml", CARGO_TOML);
                files.put("rustlib/src/lib.rs", RUST_LIB);
            }
        }
        files.put(".gitignore", ".unikraft/\n");
        return files;
    }

    /**
     * Creates the project in {@code folder}, which must not exist or be empty.
     *
     * @throws UknativeException (invalid input) when the folder exists and is not empty
     */
    public static Path create(Path folder, Language language) {
        Path target = folder.toAbsolutePath().normalize();
        Map<String, String> files = files(target.getFileName().toString(), language);
        refuseExisting(target);
        Path temporary = target.resolveSibling("." + target.getFileName() + ".init-" + Long.toHexString(ThreadLocalRandom.current().nextLong()));
        try {
            Files.createDirectories(target.getParent());
            Files.createDirectory(temporary);
            for (Map.Entry<String, String> file : files.entrySet()) {
                Path path = temporary.resolve(file.getKey());
                Files.createDirectories(path.getParent());
                AtomicFiles.write(path, file.getValue());
            }
            if (Files.isDirectory(target)) {
                Files.delete(target);
            }
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (DirectoryNotEmptyException e) {
            deleteQuietly(temporary);
            throw notEmpty(target);
        } catch (IOException e) {
            deleteQuietly(temporary);
            throw UknativeException.environment("cannot create " + target + ": " + e.getMessage(),
                    "check the permissions and free space of " + target.getParent());
        }
    }

    private static void refuseExisting(Path target) {
        if (Files.isDirectory(target)) {
            try (var entries = Files.list(target)) {
                if (entries.findAny().isPresent()) {
                    throw notEmpty(target);
                }
            } catch (IOException e) {
                throw UknativeException.environment("cannot read " + target + ": " + e.getMessage(), null);
            }
        } else if (Files.exists(target)) {
            throw UknativeException.invalidInput(Location.of(target), "exists and is not a folder", "choose another NAME");
        }
    }

    private static UknativeException notEmpty(Path target) {
        return UknativeException.invalidInput(Location.of(target), "the folder exists and is not empty",
                "choose another NAME, or move the folder's files away first (uknative init never overwrites)");
    }

    private static void deleteQuietly(Path temporary) {
        try {
            if (Files.exists(temporary)) {
                FileTrees.delete(temporary);
            }
        } catch (IOException e) {
            // Only a hidden leftover beside the target; the error that brought us here matters more.
        }
    }

    private static String kraftfile(String name, Language language) {
        String text = """
                # Created by uknative init --lang LANG. Build and run:  uknative run .
                spec: v0.6

                name: NAME

                unikraft:
                  version: 0.17.0
                  kconfig:
                    # QEMU without KVM (software emulation, TCG) lacks the RDSEED instruction that
                    # libukrandom needs at boot; this app needs no random numbers.
                    CONFIG_LIBUKRANDOM: n

                targets:
                  - qemu/x86_64
                """.replace("LANG", language.id()).replace("NAME", name);
        return switch (language) {
            case C -> text;
            case ZIG -> text + """

                    # Built with zig build-lib into .unikraft/build/native/ziglib/libziglib.a and linked in.
                    native:
                      ziglib: {lang: zig, path: ziglib, root: src/root.zig, optimize: ReleaseSafe}
                    """;
            case RUST -> text + """

                    # Built with cargo into .unikraft/build/native/rustlib/ and linked in.
                    native:
                      rustlib: {lang: rust, path: rustlib}
                    """;
        };
    }

    private static final String C_MAIN = """
            #include <stdio.h>

            int main(int argc, char *argv[])
            {
            	printf("Hello from a native Unikraft unikernel!\\n");
            	for (int i = 1; i < argc; i++)
            		printf("argv[%d] = %s\\n", i, argv[i]);
            	return 0;
            }
            """;

    private static final String FOREIGN_MAIN = """
            #include <stdio.h>

            /* Defined in LANG (see the Kraftfile's native: section). */
            int add(int a, int b);

            int main(void)
            {
            	printf("add(2, 3) = %d\\n", add(2, 3));
            	return 0;
            }
            """;

    private static final String ZIG_ROOT = """
            const std = @import("std");

            /// Called from main.c; exported with the C calling convention.
            export fn add(a: i32, b: i32) i32 {
                std.log.info("add({d}, {d}) called from C", .{ a, b });
                return a + b;
            }
            """;

    private static final String CARGO_TOML = """
            [package]
            name = "rustlib"
            version = "0.1.0"
            edition = "2021"

            [lib]
            # uknative builds the library as a staticlib whatever this says.
            crate-type = ["staticlib"]

            [profile.dev]
            panic = "abort"

            [profile.release]
            panic = "abort"
            """;

    private static final String RUST_LIB = """
            //! A no_std library for a native Unikraft unikernel: the C library it calls is Unikraft's.
            #![no_std]

            extern "C" {
                fn printf(format: *const u8, ...) -> i32;
                fn abort() -> !;
            }

            /// Called from main.c.
            #[no_mangle]
            pub extern "C" fn add(a: i32, b: i32) -> i32 {
                unsafe { printf(b"rust: add(%d, %d)\\n\\0".as_ptr(), a, b) };
                a + b
            }

            #[panic_handler]
            fn panic(_info: &core::panic::PanicInfo) -> ! {
                unsafe { abort() }
            }
            """;
}
