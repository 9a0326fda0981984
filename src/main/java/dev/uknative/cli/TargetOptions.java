package dev.uknative.cli;

import dev.uknative.core.UknativeException;
import dev.uknative.project.Architecture;
import dev.uknative.project.Platform;
import dev.uknative.project.TargetSelector;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Which target of the Kraftfile to use. */
public final class TargetOptions {

    @Option(names = {"-t", "--target"}, paramLabel = "NAME",
            description = "The Kraftfile target to use, by its name or as plat/arch.")
    String target;

    @Option(names = "--plat", paramLabel = "PLAT", description = "Platform of the target: qemu (alias kvm), fc, xen.")
    String platform;

    @Option(names = "--arch", paramLabel = "ARCH", description = "Architecture of the target: x86_64, arm64.")
    String architecture;

    /** Whether any of {@code -t}, {@code --plat}, {@code --arch} was given. */
    boolean given() {
        return target != null || platform != null || architecture != null;
    }

    TargetSelector.Query query() {
        Optional<Platform> plat = Optional.ofNullable(platform).map(p -> Platform.parse(p).orElseThrow(() ->
                UknativeException.usage("unknown platform '" + p + "'", "use one of: " + Platform.known())));
        Optional<Architecture> arch = Optional.ofNullable(architecture).map(a -> Architecture.parse(a).orElseThrow(() ->
                UknativeException.usage("unknown architecture '" + a + "'", "use one of: " + Architecture.known())));
        if (target != null && (plat.isPresent() || arch.isPresent())) {
            throw UknativeException.usage("--target cannot be combined with --plat or --arch", "give either a target name or plat and arch");
        }
        return new TargetSelector.Query(Optional.ofNullable(target), plat, arch);
    }
}
