package dev.uknative.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The libraries of a Unikraft tree and of external library trees that take parameters on the kernel
 * command line, read from their sources: each folder whose {@code Makefile.uk} registers a library
 * ({@code addlib_s,libfoo,$(CONFIG_LIBFOO)}), the parameters its C files define
 * ({@code UK_LIBPARAM_PARAM*(name, …)}, {@code UK_LIB_PARAM*(name, …)}) and its prefix
 * ({@code uk_libparam_libprefix_set} / {@code addlib_paramprefix}, else the library's name). So that
 * {@link ImageCheck} knows the parameters of the Unikraft a project builds with, not only 0.17.0's.
 */
public final class LibraryParameters {

    private static final Pattern ADDLIB = Pattern.compile("\\$\\(call\\s+addlib(?:_s)?\\s*,\\s*([A-Za-z0-9_]+)\\s*(?:,\\s*\\$\\((CONFIG_[A-Za-z0-9_]+)\\))?");
    private static final Pattern PREFIX = Pattern.compile(
            "\\$\\(call\\s+(?:uk_libparam_libprefix_set|addlib_paramprefix)\\s*,\\s*([A-Za-z0-9_]+)\\s*(?:,\\s*([A-Za-z0-9_]+))?\\s*\\)");
    private static final Pattern PARAMETER = Pattern.compile("\\bUK_LIB(?:PARAM)?_PARAM(?:_ARR)?(?:_ALIAS|_STR|_ARR_STR)?\\(\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*,");
    /** Folders below a tree's root searched for libraries (Unikraft's lib/NAME, drivers/virtio/mmio …). */
    private static final int DEPTH = 4;
    private static final long MAX_SOURCE = 4L << 20;

    private LibraryParameters() {
    }

    /** The libraries with parameters under {@code roots} (a Unikraft tree, library trees); unreadable files are skipped. */
    public static List<ImageCheck.ParameterLibrary> scan(List<Path> roots) {
        List<ImageCheck.ParameterLibrary> found = new ArrayList<>();
        for (Path root : roots) {
            List<Path> makefiles;
            try (Stream<Path> walk = Files.walk(root, DEPTH)) {
                makefiles = walk.filter(p -> p.getFileName().toString().equals("Makefile.uk")).sorted().toList();
            } catch (IOException | RuntimeException e) {
                continue;
            }
            for (Path makefile : makefiles) {
                found.addAll(library(makefile));
            }
        }
        return found;
    }

    private static List<ImageCheck.ParameterLibrary> library(Path makefile) {
        String text = read(makefile);
        Matcher addlib = ADDLIB.matcher(text);
        if (!addlib.find()) {
            return List.of();
        }
        String name = addlib.group(1);
        String option = addlib.group(2) != null ? addlib.group(2) : "CONFIG_" + name.toUpperCase(Locale.ROOT);
        Map<String, String> prefixes = new LinkedHashMap<>();
        Matcher prefix = PREFIX.matcher(text);
        while (prefix.find()) {
            prefixes.put(prefix.group(1), prefix.group(2) != null ? prefix.group(2) : prefix.group(1));
        }
        Set<String> parameters = new TreeSet<>();
        try (Stream<Path> sources = Files.walk(makefile.getParent(), 3)) {
            for (Path source : sources.filter(p -> p.toString().endsWith(".c") && Files.isRegularFile(p)).toList()) {
                Matcher parameter = PARAMETER.matcher(read(source));
                while (parameter.find()) {
                    parameters.add(parameter.group(1));
                }
            }
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
        if (parameters.isEmpty()) {
            return List.of();
        }
        return List.of(new ImageCheck.ParameterLibrary(prefixes.getOrDefault(name, name), parameters,
                List.of(ImageCheck.Option.on(option))));
    }

    private static String read(Path file) {
        try {
            if (Files.size(file) > MAX_SOURCE) {
                return "";
            }
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
