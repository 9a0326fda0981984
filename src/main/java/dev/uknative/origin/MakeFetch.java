package dev.uknative.origin;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How make's downloads go through uknative: {@code WGET=<uknative's fetch command>} on make's
 * command line. Unikraft's {@code fetch}, {@code fetch2}, {@code fetchas} and {@code fetchas2}
 * (support/build/Makefile.rules) expand {@code $(WGET)} inside {@code $(call …)} with the library's
 * name as {@code $(1)}, so the value can name the library and pass the library's own
 * {@code <LIB>_ORIGIN_SHA256} (which Unikraft requires to be set before {@code fetch} is called); make
 * then finds the file in place and its own checksum rule passes too. What the fetch needs from this
 * build travels in make's environment, which the recipe's shell passes on.
 *
 * @param command the program and arguments that run {@code uknative origins wget} (a JVM and its class path)
 */
public record MakeFetch(List<String> command) {

    /** The project's lock file, where the fetch reads and records digests. */
    public static final String LOCK_VARIABLE = "UKNATIVE_ORIGIN_LOCK";
    /** Where a failing fetch writes its error for the build (see {@link OriginFailure}). */
    public static final String REPORT_VARIABLE = "UKNATIVE_ORIGIN_REPORT";
    /** Caches only; also set by users. */
    public static final String OFFLINE_VARIABLE = "UKNATIVE_OFFLINE";

    public MakeFetch {
        command = List.copyOf(command);
        if (command.isEmpty()) {
            throw new IllegalArgumentException("no command");
        }
    }

    /** Whether make can run this command as given: a {@code $} in a path would be expanded by make twice. */
    public boolean usable() {
        return command.stream().noneMatch(a -> a.contains("$") || a.contains("\n"));
    }

    /** The variables for make's command line. */
    public Map<String, String> makeVariables() {
        List<String> words = new ArrayList<>();
        command.forEach(a -> words.add(shellQuote(a)));
        words.add(shellQuote("--library=$(1)"));
        words.add(shellQuote("--library-sha256=$($(call uc,$(1))_ORIGIN_SHA256)"));
        return Map.of("WGET", String.join(" ", words));
    }

    /** The environment make runs in, for the fetches it starts. */
    public static Map<String, String> environment(Path lockFile, Path report, boolean offline) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put(LOCK_VARIABLE, lockFile.toAbsolutePath().normalize().toString());
        env.put(REPORT_VARIABLE, report.toAbsolutePath().normalize().toString());
        if (offline) {
            env.put(OFFLINE_VARIABLE, "1");
        }
        return env;
    }

    /** The value of {@code UKNATIVE_OFFLINE} that means offline: anything but empty, {@code 0} or {@code false}. */
    public static boolean offline(String value) {
        return value != null && !value.isBlank() && !value.equals("0") && !value.equalsIgnoreCase("false");
    }

    static String shellQuote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
