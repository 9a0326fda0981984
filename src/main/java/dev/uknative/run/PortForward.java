package dev.uknative.run;

import dev.uknative.core.UknativeException;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A host TCP port forwarded to the guest through QEMU's user networking
 * ({@code -p [ADDRESS:]HOSTPORT:GUESTPORT}). The host side binds 127.0.0.1 unless an address is given,
 * so a unikernel is not exposed to the network by accident.
 */
public record PortForward(String hostAddress, int hostPort, int guestPort) {

    private static final Pattern FORM = Pattern.compile("(?:(\\d{1,3}(?:\\.\\d{1,3}){3}|localhost):)?(\\d{1,5}):(\\d{1,5})(?:/tcp)?");

    public PortForward {
        Objects.requireNonNull(hostAddress, "hostAddress");
        if (hostPort < 1 || hostPort > 65535 || guestPort < 1 || guestPort > 65535) {
            throw UknativeException.usage("port " + hostPort + ":" + guestPort + " is out of range", "ports go from 1 to 65535");
        }
    }

    public static PortForward parse(String text) {
        Matcher m = FORM.matcher(text.trim());
        if (!m.matches()) {
            throw UknativeException.usage("port '" + text + "' is not [ADDRESS:]HOSTPORT:GUESTPORT",
                    "write for example  -p 8080:80  or  -p 0.0.0.0:8080:80");
        }
        String address = m.group(1) == null || m.group(1).equals("localhost") ? "127.0.0.1" : m.group(1);
        return new PortForward(address, Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
    }

    /** The {@code hostfwd=} clause of QEMU's {@code -netdev user}. */
    public String hostfwd() {
        return "hostfwd=tcp:" + hostAddress + ":" + hostPort + "-:" + guestPort;
    }
}
