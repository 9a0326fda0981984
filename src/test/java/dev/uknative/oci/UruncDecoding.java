package dev.uknative.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * urunc's reading of its configuration, redone step by step from urunc-dev/urunc at v0.5.0-50-gefbd251
 * (pkg/unikontainers/config.go): {@code getConfigFromSpec} / {@code getConfigFromJSON} fill the
 * {@code UnikernelConfig} struct (json tags = the annotation keys; a missing key is ""), then
 * {@code decode()} replaces every field with Go's {@code base64.StdEncoding.DecodeString} of it and
 * fails on the first that is not valid (StdEncoding: standard alphabet, padding required);
 * {@code unikernels.New} accepts the type {@code unikraft}; {@code Unikraft.Init} splits the cmdline
 * with {@code strings.Fields}: the first field is the application's name.
 */
final class UruncDecoding {

    static final List<String> FIELDS = List.of(UruncConfig.TYPE, UruncConfig.VERSION, UruncConfig.CMDLINE, UruncConfig.BINARY,
            UruncConfig.HYPERVISOR, UruncConfig.INITRD, "com.urunc.unikernel.block", "com.urunc.unikernel.blkMntPoint",
            "com.urunc.unikernel.useDMBlock");

    private UruncDecoding() {
    }

    /** {@code getConfigFromJSON} + {@code decode()}. */
    static Map<String, String> fromJson(byte[] uruncJson) throws IOException {
        JsonNode object = new ObjectMapper().readTree(uruncJson);
        Map<String, String> raw = new LinkedHashMap<>();
        for (String field : FIELDS) {
            raw.put(field, object.path(field).asText(""));
        }
        return decode(raw);
    }

    /** {@code getConfigFromSpec} + {@code decode()}: annotations are read by key, missing ones are "". */
    static Map<String, String> fromAnnotations(Map<String, String> annotations) {
        Map<String, String> raw = new LinkedHashMap<>();
        for (String field : FIELDS) {
            raw.put(field, annotations.getOrDefault(field, ""));
        }
        if (String.join("", raw.values()).isEmpty()) {
            throw new IllegalArgumentException("spec annotations are empty");
        }
        return decode(raw);
    }

    private static Map<String, String> decode(Map<String, String> raw) {
        Map<String, String> decoded = new LinkedHashMap<>();
        raw.forEach((k, v) -> {
            // Go's StdEncoding rejects what Java's basic decoder would accept without padding.
            if (v.length() % 4 != 0 || !v.matches("[A-Za-z0-9+/]*={0,2}")) {
                throw new IllegalArgumentException("failed to decode " + k + ": illegal base64 data");
            }
            decoded.put(k, new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8));
        });
        return decoded;
    }

    /** {@code strings.Fields(cmdline)}: the first is urunc's AppName. */
    static List<String> fields(String cmdline) {
        return cmdline.isBlank() ? List.of() : List.of(cmdline.trim().split("\\s+"));
    }
}
