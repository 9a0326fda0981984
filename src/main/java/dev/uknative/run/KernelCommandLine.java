package dev.uknative.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The kernel command line given to QEMU's {@code -append}, in Unikraft's form:
 * {@code [library parameters --] application arguments}. Unikraft's argument parser splits it on
 * blanks and honours double quotes, so an argument with blanks (or an empty one) is quoted. Library
 * parameters (uklibparam) are only written when there are some, since a Unikraft without uklibparam
 * would pass them, and the {@code --}, to the application.
 */
public final class KernelCommandLine {

    private KernelCommandLine() {
    }

    /** Application arguments only. */
    public static String of(List<String> arguments) {
        List<String> quoted = new ArrayList<>();
        for (String a : arguments) {
            quoted.add(quote(a));
        }
        return String.join(" ", quoted);
    }

    /**
     * @param kernelArguments uklibparam arguments as given ({@code -a netdev.ip=…})
     * @param environment     variables for {@code env.vars} (posix-environ)
     * @param volumes         mounted through {@code vfs.fstab} (vfscore automount)
     */
    public static String of(List<String> kernelArguments, Map<String, String> environment, List<Volume> volumes, List<String> application) {
        List<String> parameters = new ArrayList<>();
        for (String a : kernelArguments) {
            parameters.add(quote(a));
        }
        if (!environment.isEmpty()) {
            parameters.add(array("env.vars", environment.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()));
        }
        if (!volumes.isEmpty()) {
            parameters.add(array("vfs.fstab", volumes.stream().map(Volume::fstabEntry).toList()));
        }
        String app = of(application);
        if (parameters.isEmpty()) {
            return app;
        }
        return String.join(" ", parameters) + " --" + (app.isEmpty() ? "" : " " + app);
    }

    /** uklibparam's array form: {@code name=[ "a" "b" ]}. */
    private static String array(String name, List<String> values) {
        StringBuilder s = new StringBuilder(name).append("=[");
        for (String v : values) {
            s.append(' ').append('"').append(v.replace("\"", "\\\"")).append('"');
        }
        return s.append(" ]").toString();
    }

    private static String quote(String a) {
        return a.isEmpty() || a.chars().anyMatch(Character::isWhitespace) ? "\"" + a.replace("\"", "\\\"") + "\"" : a;
    }
}
