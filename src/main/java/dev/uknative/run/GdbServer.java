package dev.uknative.run;

import dev.uknative.core.UknativeException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * QEMU's gdb server ({@code --gdb [ADDR:]PORT}): the machine starts halted ({@code -S}) and waits for
 * gdb on a TCP port, on the loopback interface unless an address is given (anyone who reaches the port
 * controls the machine).
 */
public record GdbServer(String address, int port) {

    private static final Pattern FORM = Pattern.compile("(?:(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9.-]+):)?([0-9]{1,5})");
    public static final String LOOPBACK = "127.0.0.1";

    public GdbServer {
        Objects.requireNonNull(address, "address");
        if (port < 1 || port > 65535) {
            throw UknativeException.usage("--gdb port " + port + " is out of range", "give a port between 1 and 65535, e.g. --gdb 1234");
        }
    }

    /** {@code 1234}, {@code 0.0.0.0:1234}, {@code [::1]:1234}. */
    public static GdbServer parse(String text) {
        Matcher m = FORM.matcher(text.trim());
        if (!m.matches()) {
            throw UknativeException.usage("--gdb " + text + " is not [ADDR:]PORT", "write for example  --gdb 1234  or  --gdb 0.0.0.0:1234");
        }
        return new GdbServer(m.group(1) == null ? LOOPBACK : m.group(1), Integer.parseInt(m.group(2)));
    }

    /** QEMU's options: halted at the first instruction, gdb's remote protocol on the port. */
    List<String> qemuArguments() {
        return List.of("-S", "-gdb", "tcp:" + address + ":" + port);
    }

    /** Where gdb connects: the address itself, or the loopback when the server listens on every interface. */
    public String target() {
        String host = address.equals("0.0.0.0") ? LOOPBACK : address.equals("[::]") ? "[::1]" : address;
        return host + ":" + port;
    }

    /**
     * gdb's argument list for this server: quiet, the image's symbols ({@code IMAGE.dbg}), connected, then
     * {@code commands} (each an {@code -ex}).
     */
    public List<String> gdbArguments(Path gdb, Path debugImage, List<String> commands) {
        List<String> args = new ArrayList<>(List.of(gdb.toString(), "-q", debugImage.toString(), "-ex", "target remote " + target()));
        for (String command : commands) {
            args.add("-ex");
            args.add(command);
        }
        return args;
    }

    /** An argument list as a line to paste into a POSIX shell. */
    public static String shellLine(List<String> arguments) {
        List<String> words = new ArrayList<>();
        for (String a : arguments) {
            words.add(a.matches("[A-Za-z0-9_./:=@%+-]+") ? a : "'" + a.replace("'", "'\\''") + "'");
        }
        return String.join(" ", words);
    }
}
