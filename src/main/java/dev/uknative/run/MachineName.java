package dev.uknative.run;

import dev.uknative.core.UknativeException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/**
 * The name of a detached machine: lower-case letters, digits, {@code _ . -}, starting with a letter
 * or digit, at most 63 characters. It is the name of the machine's folder, so it can hold nothing
 * that means something in a path.
 */
public record MachineName(String value) {

    private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,62}");
    /** Unikraft names images {@code <app>_<plat>-<arch>}: the platform and architecture say nothing here. */
    private static final Pattern UNIKRAFT_SUFFIX = Pattern.compile("_[a-z]+-(x86_64|arm64|arm)$");
    private static final int RANDOM_DIGITS = 6;

    public MachineName {
        Objects.requireNonNull(value, "value");
        if (!VALID.matcher(value).matches()) {
            throw new IllegalArgumentException("invalid machine name: " + value);
        }
    }

    /** A name given by the user; a usage error when it is not valid. */
    public static MachineName of(String text) {
        if (!VALID.matcher(text).matches()) {
            throw UknativeException.usage("'" + text + "' is not a valid machine name",
                    "use 1 to 63 lower-case letters, digits, '_', '.' and '-', starting with a letter or digit, e.g. --name web-1");
        }
        return new MachineName(text);
    }

    /** {@code <image name>-<6 random hex digits>}, e.g. {@code hello-3fa2c1} for {@code hello_qemu-x86_64}. */
    public static MachineName generate(Path image, RandomGenerator random) {
        String base = image.getFileName().toString().toLowerCase(Locale.ROOT);
        base = UNIKRAFT_SUFFIX.matcher(base).replaceFirst("");
        int dot = base.lastIndexOf('.');
        if (dot > 0) {
            base = base.substring(0, dot);
        }
        base = base.replaceAll("[^a-z0-9_.-]", "-").replaceFirst("^[^a-z0-9]+", "");
        int room = 63 - 1 - RANDOM_DIGITS;
        if (base.length() > room) {
            base = base.substring(0, room);
        }
        if (base.isEmpty()) {
            base = "machine";
        }
        String digits = String.format("%0" + RANDOM_DIGITS + "x", random.nextInt(1 << (4 * RANDOM_DIGITS)));
        return new MachineName(base + "-" + digits);
    }

    @Override
    public String toString() {
        return value;
    }
}
