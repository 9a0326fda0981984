package dev.uknative.project;

import dev.uknative.core.Location;
import dev.uknative.core.UknativeException;
import java.util.List;
import java.util.Optional;

/**
 * Picks the target to build or run from a Kraftfile and the user's {@code --target}/{@code --plat}/
 * {@code --arch}. When nothing is asked for, the default is the only qemu/x86_64 target, or, in a
 * Kraftfile without one, its qemu targets of another architecture (a project made for arm64 only);
 * when several fit, the caller decides (it may ask the user).
 */
public final class TargetSelector {

    /** Targets named in one message, at most. */
    static final int SHOWN = 10;

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
            List<TargetSpec> named = selected(kraftfile, wanted);
            if (named.isEmpty()) {
                throw UknativeException.usage("no target named '" + wanted + "' in " + kraftfile.file(), listing(targets));
            }
            return new Candidates(named);
        }
        if (targets.isEmpty()) {
            // A Kraftfile without targets: build what was asked for, or qemu/x86_64.
            TargetSpec implicit = new TargetSpec(Optional.empty(),
                    query.platform().orElse(Platform.QEMU), query.architecture().orElse(Architecture.X86_64),
                    List.of(), Location.of(kraftfile.file()));
            return new Candidates(List.of(implicit));
        }
        Platform platform = query.platform().orElse(Platform.QEMU);
        List<TargetSpec> onPlatform = targets.stream().filter(t -> t.platform() == platform).toList();
        List<TargetSpec> fitting = onPlatform.stream()
                .filter(t -> query.architecture().map(a -> t.architecture() == a)
                        .orElse(query.platform().isPresent() || t.architecture() == Architecture.X86_64))
                .toList();
        if (fitting.isEmpty() && query.architecture().isEmpty()) {
            fitting = onPlatform;
        }
        if (fitting.isEmpty()) {
            String asked = platform.id() + "/" + query.architecture().map(Architecture::id).orElse("x86_64");
            throw UknativeException.usage("no " + asked + " target in " + kraftfile.file(), listing(targets));
        }
        return new Candidates(fitting);
    }

    /**
     * The targets {@code selector} picks ({@link KraftfileFormat#select}): the one of that name, or the
     * one without a name of that plat/arch (aliases such as kvm/amd64 allowed), or else every target of
     * that plat/arch. The same rule picks the block {@link KraftfileEditor.Scope#target} edits, so a
     * target read again after an edit is found by {@code selected(kraftfile, target.displayName())}.
     */
    public static List<TargetSpec> selected(Kraftfile kraftfile, String selector) {
        return KraftfileFormat.select(kraftfile.targets(), TargetSpec::name, TargetSpec::id, selector);
    }

    private static String listing(List<TargetSpec> targets) {
        if (targets.isEmpty()) {
            return "the Kraftfile has no targets: add one, e.g. targets: [qemu/x86_64]";
        }
        return "choose one with --target NAME or --plat/--arch; targets: " + describe(targets);
    }

    /** The targets as a short list for a message: {@value #SHOWN} at most, then how many more. */
    public static String describe(List<TargetSpec> targets) {
        return KraftfileFormat.bounded(targets.stream().map(TargetSelector::describe).toList(), SHOWN);
    }

    /** {@code name (plat/arch)} or {@code plat/arch}. */
    public static String describe(TargetSpec target) {
        return target.name().map(n -> n + " (" + target.id() + ")").orElse(target.id());
    }
}
