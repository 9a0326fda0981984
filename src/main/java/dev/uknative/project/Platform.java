package dev.uknative.project;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** A Unikraft platform, as named in a Kraftfile target, and the kconfig options that select it. */
public enum Platform {
    QEMU("qemu", List.of("kvm"), List.of("CONFIG_PLAT_KVM=y", "CONFIG_KVM_VMM_QEMU=y")),
    FIRECRACKER("fc", List.of("firecracker"), List.of("CONFIG_PLAT_KVM=y", "CONFIG_KVM_VMM_FIRECRACKER=y")),
    XEN("xen", List.of(), List.of("CONFIG_PLAT_XEN=y"));

    private final String id;
    private final List<String> aliases;
    private final List<String> kconfig;

    Platform(String id, List<String> aliases, List<String> kconfig) {
        this.id = id;
        this.aliases = aliases;
        this.kconfig = kconfig;
    }

    /** The name used in image names and {@code plat/arch} strings. */
    public String id() {
        return id;
    }

    /** {@code SYMBOL=value} lines that select this platform, in kraftkit's order. */
    public List<String> kconfig() {
        return kconfig;
    }

    public static Optional<Platform> parse(String name) {
        String n = name.trim().toLowerCase(java.util.Locale.ROOT);
        return Arrays.stream(values()).filter(p -> p.id.equals(n) || p.aliases.contains(n)).findFirst();
    }

    public static String known() {
        return "qemu (alias kvm), fc (alias firecracker), xen";
    }
}
