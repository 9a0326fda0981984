package dev.uknative.symbols;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which Kconfig option turns each Unikraft library on, read from the {@code Makefile.uk} lines that
 * register it: {@code $(eval $(call addlib_s,libposix_fdio,$(CONFIG_LIBPOSIX_FDIO)))}. A library
 * registered with plain {@code addlib} is always built (option empty).
 */
public final class LibraryOptions {

    private static final Pattern ADDLIB = Pattern.compile(
            "\\$\\(call\\s+addlib(_s)?\\s*,\\s*([A-Za-z0-9_]+)\\s*(?:,\\s*\\$\\((CONFIG_[A-Za-z0-9_]+)\\))?\\s*\\)");
    /** {@code addplatlib,kvm,libkvmplat} (on with the platform) and {@code addplatlib_s,xen,libxenpvcalls,$(CONFIG_…)}. */
    private static final Pattern ADDPLATLIB = Pattern.compile(
            "\\$\\(call\\s+addplatlib(_s)?\\s*,\\s*([A-Za-z0-9_]+)\\s*,\\s*([A-Za-z0-9_]+)\\s*(?:,\\s*\\$\\((CONFIG_[A-Za-z0-9_]+)\\))?\\s*\\)");

    private LibraryOptions() {
    }

    /**
     * The libraries one Makefile.uk registers, in order, each with its option's symbol name without
     * {@code CONFIG_} (e.g. {@code LIBPOSIX_FDIO}), empty for {@code addlib}.
     */
    public static Map<String, Optional<String>> parse(String makefileUk) {
        Map<String, Optional<String>> libraries = new LinkedHashMap<>();
        for (String line : makefileUk.split("\n")) {
            String code = line.strip();
            if (code.startsWith("#")) {
                continue;
            }
            Matcher m = ADDLIB.matcher(code);
            while (m.find()) {
                Optional<String> option = Optional.ofNullable(m.group(3)).map(o -> o.substring("CONFIG_".length()));
                libraries.putIfAbsent(m.group(2), m.group(1) == null ? Optional.empty() : option);
            }
            Matcher p = ADDPLATLIB.matcher(code);
            while (p.find()) {
                String option = p.group(1) == null ? "PLAT_" + p.group(2).toUpperCase(java.util.Locale.ROOT)
                        : Optional.ofNullable(p.group(4)).map(o -> o.substring("CONFIG_".length())).orElse("");
                libraries.putIfAbsent(p.group(3), option.isEmpty() ? Optional.empty() : Optional.of(option));
            }
        }
        return libraries;
    }
}
