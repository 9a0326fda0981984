package dev.uknative.oci;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What urunc needs to boot a unikernel from an image: its annotations {@code com.urunc.unikernel.*}
 * and the same keys in {@code /urunc.json} at the image's root (containerd does not hand image
 * annotations to the runtime, so urunc reads the file when they are missing).
 *
 * <p>Both carry the values base64-encoded: urunc (checked against urunc-dev/urunc v0.5.0-50-gefbd251,
 * pkg/unikontainers/config.go) decodes every value of either source with Go's
 * {@code base64.StdEncoding} before use, and fails on a value that is not base64; a plain
 * {@code unikraft} would even decode, to six wrong bytes.
 *
 * @param values the decoded values by key, sorted
 */
public record UruncConfig(Map<String, String> values) {

    public static final String PREFIX = "com.urunc.unikernel.";
    public static final String TYPE = PREFIX + "unikernelType";
    public static final String HYPERVISOR = PREFIX + "hypervisor";
    public static final String BINARY = PREFIX + "binary";
    public static final String CMDLINE = PREFIX + "cmdline";
    public static final String VERSION = PREFIX + "unikernelVersion";
    public static final String INITRD = PREFIX + "initrd";

    public UruncConfig {
        values = Collections.unmodifiableMap(new TreeMap<>(values));
    }

    /**
     * A Unikraft kernel.
     *
     * @param hypervisor urunc's name of the monitor: {@code qemu} or {@code firecracker}
     * @param cmdline    urunc splits it on blanks: the first word is the application's name, the rest its arguments
     */
    public static UruncConfig unikraft(String hypervisor, String binary, String cmdline, Optional<String> unikraftVersion,
            Optional<String> initrd) {
        Map<String, String> values = new TreeMap<>();
        values.put(TYPE, "unikraft");
        values.put(HYPERVISOR, hypervisor);
        values.put(BINARY, binary);
        values.put(CMDLINE, cmdline);
        unikraftVersion.ifPresent(v -> values.put(VERSION, v));
        initrd.ifPresent(i -> values.put(INITRD, i));
        return new UruncConfig(values);
    }

    /** The values base64-encoded (padded, standard alphabet), as the annotations and urunc.json carry them. */
    public Map<String, String> encoded() {
        Map<String, String> encoded = new TreeMap<>();
        values.forEach((k, v) -> encoded.put(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
        return Collections.unmodifiableMap(encoded);
    }

    /** {@code /urunc.json}: one JSON object, keys sorted (base64 and the fixed keys need no escaping). */
    public byte[] json() {
        StringBuilder s = new StringBuilder("{");
        encoded().forEach((k, v) -> s.append(s.length() > 1 ? "," : "").append('"').append(k).append("\":\"").append(v).append('"'));
        return s.append("}\n").toString().getBytes(StandardCharsets.UTF_8);
    }
}
