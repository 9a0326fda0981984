package dev.uknative.project;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** A Unikraft architecture, as named in a Kraftfile target, and the kconfig option that selects it. */
public enum Architecture {
    X86_64("x86_64", List.of("amd64", "x86-64"), "CONFIG_ARCH_X86_64=y"),
    ARM64("arm64", List.of("aarch64"), "CONFIG_ARCH_ARM_64=y");

    private final String id;
    private final List<String> aliases;
    private final String kconfig;

    Architecture(String id, List<String> aliases, String kconfig) {
        this.id = id;
        this.aliases = aliases;
        this.kconfig = kconfig;
    }

    public String id() {
        return id;
    }

    /** The {@code SYMBOL=value} line that selects this architecture. */
    public String kconfig() {
        return kconfig;
    }

    public static Optional<Architecture> parse(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(a -> a.id.equals(n) || a.aliases.contains(n)).findFirst();
    }

    public static String known() {
        return "x86_64, arm64";
    }

    /** The architecture this JVM runs on ({@code os.arch}: amd64, aarch64); x86_64 when unknown. */
    public static Architecture host() {
        return parse(System.getProperty("os.arch", "")).orElse(X86_64);
    }

    /**
     * The prefix of Debian's cross toolchain for this architecture, which Unikraft's Compiler.uk uses
     * on Linux when it is not the host's ({@code aarch64-linux-gnu-}).
     */
    public String crossPrefix() {
        return this == ARM64 ? "aarch64-linux-gnu-" : "x86_64-linux-gnu-";
    }

    /** Debian's cross compiler package for this architecture. */
    public String crossGccPackage() {
        return this == ARM64 ? "gcc-aarch64-linux-gnu" : "gcc-x86-64-linux-gnu";
    }
}
