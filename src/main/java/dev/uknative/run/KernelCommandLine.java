package dev.uknative.run;

import java.util.ArrayList;
import java.util.List;

/**
 * The kernel command line given to QEMU's {@code -append}. Unikraft's argument parser splits it on
 * blanks and honours double quotes, so an argument with blanks (or an empty one) is quoted.
 */
public final class KernelCommandLine {

    private KernelCommandLine() {
    }

    public static String of(List<String> arguments) {
        List<String> quoted = new ArrayList<>();
        for (String a : arguments) {
            quoted.add(a.isEmpty() || a.chars().anyMatch(Character::isWhitespace) ? "\"" + a.replace("\"", "\\\"") + "\"" : a);
        }
        return String.join(" ", quoted);
    }
}
