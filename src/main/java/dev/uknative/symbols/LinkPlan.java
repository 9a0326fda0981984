package dev.uknative.symbols;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What happens to every symbol the foreign code (and the application's own objects) need at the final
 * link, which library options uknative turns on for them, which it stubs, and the raw syscalls found.
 *
 * @param needs     one entry per needed symbol, sorted by name
 * @param enabled   the options turned on (in that order), with the symbols or syscalls each is for
 * @param refused   options that would have provided something but cannot be turned on (or the
 *                  Kraftfile turns off), with why
 * @param syscalls  the raw {@code syscall} instructions of the linked foreign code
 * @param conflicts symbols that foreign code (or the application) defines and something else linked
 *                  defines too, both strongly: ld stops with "multiple definition"
 * @param selects   for every option this plan names (enabled, refused, or providing a need), what its
 *                  Kconfig {@code select}s (empty lists left out)
 * @param finalConfiguration the configuration with {@link #enabled} applied
 */
public record LinkPlan(List<Need> needs, List<Enablement> enabled, SortedMap<String, String> refused,
                       SyscallReport syscalls, List<Conflict> conflicts, SortedMap<String, List<String>> selects,
                       Configuration finalConfiguration) {

    /** A symbol two linked objects define strongly. */
    public record Conflict(String symbol, String first, String second) {
    }

    /** How a needed symbol is resolved. */
    public enum Status {
        /** Defined by a library that is on, by another foreign archive or by the application. */
        PROVIDED,
        /** Defined by a library whose option uknative turns on. */
        ENABLED,
        /** Only Unikraft's weak {@code -ENOSYS} syscall stub defines it: it links and fails at run time. */
        ENOSYS,
        /** Nothing defines it: uknative's weak stub, which reports the call and crashes the VM. */
        STUBBED,
        /** Nothing defines it and stubbing is off: the link fails on it. */
        MISSING,
        /** A weak reference nothing defines: it stays null, which the code expects to test. */
        WEAK_UNRESOLVED;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    /**
     * @param neededBy who references it first: {@code native.NAME(member.o)} or an object of the application
     * @param provider the defining library ({@code libposix_fdio}, {@code native.other}); empty when none
     * @param option   the option that turns {@link #provider} on, when it is a Unikraft library
     * @param data     whether it is a variable rather than a function (as far as a definition tells)
     */
    public record Need(String symbol, Status status, String neededBy, Optional<String> provider, Optional<String> option,
                       boolean data) {
        public Need {
            Objects.requireNonNull(symbol, "symbol");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(neededBy, "neededBy");
            Objects.requireNonNull(provider, "provider");
            Objects.requireNonNull(option, "option");
        }
    }

    /** An option uknative turns on: for which symbols or syscalls, and which other library options came on with it. */
    public record Enablement(String option, List<String> forWhat, List<String> alsoEnabled) {
        public Enablement {
            forWhat = List.copyOf(forWhat);
            alsoEnabled = List.copyOf(alsoEnabled);
        }
    }

    /**
     * @param sites          raw syscall instructions in the linked foreign members
     * @param byName         the syscalls whose numbers could be read, by name, with their number
     * @param unknownNumbers sites whose number is loaded from a register or memory
     * @param notImplemented syscalls this Unikraft (with every library it has) does not implement
     */
    public record SyscallReport(int sites, SortedMap<String, Integer> byName, int unknownNumbers, List<String> notImplemented) {
        public SyscallReport {
            byName = new TreeMap<>(byName);
            notImplemented = List.copyOf(notImplemented);
        }

        public static SyscallReport none() {
            return new SyscallReport(0, new TreeMap<>(), 0, List.of());
        }
    }

    public LinkPlan {
        needs = List.copyOf(needs);
        enabled = List.copyOf(enabled);
        refused = new TreeMap<>(refused);
        Objects.requireNonNull(syscalls, "syscalls");
        conflicts = List.copyOf(conflicts);
        selects = new TreeMap<>(selects);
        Objects.requireNonNull(finalConfiguration, "finalConfiguration");
    }

    public List<Need> withStatus(Status status) {
        return needs.stream().filter(n -> n.status() == status).toList();
    }
}
