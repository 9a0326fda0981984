package dev.uknative.run;

import dev.uknative.core.UknativeException;
import dev.uknative.project.Platform;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What {@code uknative run} can do with a target's platform, decided before anything is built: QEMU
 * targets run in QEMU; Firecracker targets in Firecracker when it is installed, with the flags it has
 * a meaning for; Xen targets are built only. Every refusal here costs the user no build.
 */
public final class PlatformSupport {

    /** Where Firecracker comes from: it is in no Debian release. */
    public static final String FIRECRACKER_RELEASES = "https://github.com/firecracker-microvm/firecracker/releases";

    /**
     * The run's flags that matter to the choice.
     *
     * @param cpus       {@code --cpus}
     * @param volumes    {@code -v} given
     * @param ports      {@code -p} given
     * @param gdb        {@code --gdb} given
     * @param detach     {@code -d} given
     * @param qemuBinary {@code --qemu} given
     * @param noAccel    {@code -W} given
     * @param autoConfig {@code --auto-config} given
     */
    public record Flags(int cpus, boolean volumes, boolean ports, boolean gdb, boolean detach, boolean qemuBinary,
            boolean noAccel, boolean autoConfig) {
    }

    private PlatformSupport() {
    }

    /**
     * Refuses a run of {@code target} ({@code plat/arch}, for messages) that cannot happen: a Xen
     * target (exit 4: this host has no Xen runner in uknative), a flag Firecracker has no meaning for
     * (exit 2), or no Firecracker ({@code firecracker} on PATH, exit 4).
     *
     * @param firecracker where {@code firecracker} was found on PATH, if anywhere (asked only for fc)
     * @return the Firecracker to start, for an fc target; empty for QEMU
     */
    public static Optional<Path> check(Platform platform, String target, Flags flags, Optional<Path> firecracker) {
        switch (platform) {
            case QEMU:
                return Optional.empty();
            case XEN:
                throw UknativeException.environment(
                        target + " is a Xen target: uknative builds Xen images but does not run them (nothing was built)",
                        "build it with  uknative build -t " + target + "  and boot it with Xen's own tools (xl create) on a Xen host;"
                                + " or run a qemu target");
            case FIRECRACKER:
            default:
                refuseFlags(target, flags);
                return Optional.of(firecracker.orElseThrow(() -> UknativeException.environment(
                        target + " runs in Firecracker, and firecracker was not found on PATH (nothing was built)",
                        "Firecracker is not packaged in Debian: download a release from " + FIRECRACKER_RELEASES
                                + ", put its firecracker binary on PATH (it needs /dev/kvm); or run a qemu target")));
        }
    }

    private static void refuseFlags(String target, Flags flags) {
        String qemuOnly = null;
        if (flags.volumes()) {
            qemuOnly = "-v (folders are shared over virtio-9p, which Firecracker does not have)";
        } else if (flags.ports()) {
            qemuOnly = "-p (ports are forwarded by QEMU's user networking; Firecracker only binds guest interfaces to host taps,"
                    + " and kraft refuses -p on Firecracker too)";
        } else if (flags.gdb()) {
            qemuOnly = "--gdb";
        } else if (flags.detach()) {
            qemuOnly = "-d (detached machines are QEMU machines)";
        } else if (flags.qemuBinary()) {
            qemuOnly = "--qemu";
        } else if (flags.noAccel()) {
            qemuOnly = "-W (Firecracker always runs on KVM)";
        } else if (flags.autoConfig()) {
            qemuOnly = "--auto-config (its checks are QEMU's)";
        }
        if (qemuOnly != null) {
            throw UknativeException.usage(target + " runs in Firecracker, which does not take " + qemuOnly,
                    "leave the flag out, or run a qemu target (--plat qemu)");
        }
        if (flags.cpus() > FirecrackerConfig.MAX_VCPUS) {
            throw UknativeException.usage("--cpus " + flags.cpus() + ": Firecracker takes at most " + FirecrackerConfig.MAX_VCPUS,
                    "give between 1 and " + FirecrackerConfig.MAX_VCPUS);
        }
    }
}
