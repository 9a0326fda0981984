package dev.uknative.project;

import dev.uknative.core.UknativeException;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Picks the target to build or run from a Kraftfile and the user's {@code --target}/{@code --plat}/
 * {@code --arch}. When nothing is asked for, the default is the only qemu/x86_64 target; when several
 * fit, the caller decides (it may ask the user).
 */
public final class TargetSelector {

    /** What the user asked for; every field optional. */
    public record Query(Optional<String> target, Optional<Platform> platform, Optional<Architecture> architecture) {
        public static Query none() {
            return new Query(Optional.empty(), Optional.empty(), Optional.empty());
        }
    }

    /** The targets that fit a query: exactly one is a choice, several need the user to choose. */
    public record Candidates(List<TargetSpec> fitting) {
        public Candidates {
            fitting = List.copyOf(fitting);
        }

        public boolean unique() {
            return fitting.size() == 1;
        }

        public TargetSpec only() {
            if (!unique()) {
                throw new IllegalStateException("not a single target: " + fitting);
            }
            return fitting.get(0);
        }
    }

    /**
     * The targets of {@code kraftfile} that fit {@code query}. Never empty: a query nothing fits is an
     * error listing what there is.
     */
    public Candidates candidates(Kraftfile kraftfile, Query query) {
        List<TargetSpec> targets = kraftfile.targets();
        if (query.target().isPresent()) {
            String wanted = query.target().get();
            List<TargetSpec> named = targets.stream()
                    .filter(t -> t.name().map(wanted::equals).orElse(false) || t.id().equals(wanted))
                    .toList();
            if (named.isEmpty()) {
                throw UknativeException.usage("no target named '" + wanted + "' in " + kraftfile.file(), listing(targets));
            }
            return new Candidates(named);
        }
        if (targets.isEmpty()) {
            // A Kraftfile without targets: build what was asked for, or qemu/x86_64.
            TargetSpec implicit = new TargetSpec(Optional.empty(),
                    query.platform().orElse(Platform.QEMU), query.architecture().orElse(Architecture.X86_64),
                    List.of(), dev.uknative.core.Location.of(kraftfile.file()));
            return new Candidates(List.of(implicit));
        }
        Platform platform = query.platform().orElse(Platform.QEMU);
        List<TargetSpec> fitting = targets.stream()
                .filter(t -> t.platform() == platform)
                .filter(t -> query.architecture().map(a -> t.architecture() == a)
                        .orElse(query.platform().isPresent() || t.architecture() == Architecture.X86_64))
                .toList();
        if (fitting.isEmpty()) {
            String asked = platform.id() + "/" + query.architecture().map(Architecture::id).orElse("x86_64");
            throw UknativeException.usage("no " + asked + " target in " + kraftfile.file(), listing(targets));
        }
        return new Candidates(fitting);
    }

    private static String listing(List<TargetSpec> targets) {
        if (targets.isEmpty()) {
            return "the Kraftfile has no targets: add one, e.g. targets: [qemu/x86_64]";
        }
        return "choose one with --target NAME or --plat/--arch; targets: "
                + targets.stream().map(TargetSelector::describe).collect(Collectors.joining(", "));
    }

    /** {@code name (plat/arch)} or {@code plat/arch}. */
    public static String describe(TargetSpec target) {
        return target.name().map(n -> n + " (" + target.id() + ")").orElse(target.id());
    }
}
