package dev.uknative.symbols;

import dev.uknative.elf.ArchiveSymbols;
import dev.uknative.elf.ElfSymbol;
import dev.uknative.elf.ObjectSymbols;
import dev.uknative.elf.SyscallSite;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Decides, for every symbol the foreign archives need, whether the configured Unikraft provides it,
 * which library option to turn on for it, or that it gets a stub — by simulating the final link as
 * GNU ld does it: every enabled library's object is linked whole, and an archive member is linked
 * only when it defines a symbol that is still undefined (repeatedly, as inside --start-group).
 */
public final class LinkPlanner {

    /** Syscall shim options that route raw {@code syscall} instructions to Unikraft's implementations. */
    public static final List<String> SHIM_OPTIONS = List.of("LIBSYSCALL_SHIM", "LIBSYSCALL_SHIM_HANDLER");
    private static final int MAX_ROUNDS = 16;
    /**
     * Options that make another one useful: posix-fdio's read/write find no file descriptors 0–2
     * (the console) unless posix-tty opens them.
     */
    private static final Map<String, String> COMPANIONS = Map.of("LIBPOSIX_FDIO", "LIBPOSIX_TTY");

    /** A foreign archive, as {@code native.NAME} in the Kraftfile. */
    public record Foreign(String name, ArchiveSymbols symbols) {
        public Foreign {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(symbols, "symbols");
        }
    }

    /**
     * @param application  the objects of the application's own libraries when they are built (their
     *                     references decide which archive members are linked); when empty, every
     *                     member counts as linked (what a first build, before any compile, can know)
     * @param fixedOptions options the Kraftfile sets itself: never changed by the plan
     * @param autoConfig   whether options may be turned on ({@code --no-auto-config} turns it off)
     * @param stubs        whether what nothing provides gets a stub ({@code --no-stubs} turns it off)
     */
    public record Input(ProviderIndex index, List<Foreign> archives, List<ObjectSymbols> application,
                        Set<String> fixedOptions, boolean autoConfig, boolean stubs) {
        public Input {
            Objects.requireNonNull(index, "index");
            archives = List.copyOf(archives);
            application = List.copyOf(application);
            fixedOptions = Set.copyOf(fixedOptions);
        }
    }

    private LinkPlanner() {
    }

    public static LinkPlan plan(Input input, Configuration start) {
        Configuration config = start;
        List<LinkPlan.Enablement> enabled = new ArrayList<>();
        SortedMap<String, String> refused = new TreeMap<>();
        for (int round = 0; round < MAX_ROUNDS; round++) {
            Link link = Link.simulate(input, config);
            SortedMap<String, List<String>> wanted = wanted(input, config, link);
            for (LinkPlan.Enablement e : enabled) {
                String companion = COMPANIONS.get(e.option());
                if (companion != null && !config.isEnabled(companion)) {
                    wanted.computeIfAbsent(companion, k -> new ArrayList<>()).add("the console as fds 0-2 of " + e.option());
                }
            }
            SortedMap<String, String> ask = new TreeMap<>();
            for (Map.Entry<String, List<String>> e : wanted.entrySet()) {
                String option = e.getKey();
                if (refused.containsKey(option)) {
                    continue;
                }
                String why = String.join(", ", e.getValue());
                if (input.fixedOptions().contains(option)) {
                    refused.put(option, "the Kraftfile sets CONFIG_" + option + " itself (it would provide " + why + ")");
                } else if (!input.autoConfig()) {
                    refused.put(option, "--no-auto-config (it would provide " + why + ")");
                } else {
                    ask.put(option, "uknative link plan: for " + why);
                }
            }
            if (ask.isEmpty()) {
                return result(input, config, link, enabled, refused);
            }
            // One option at a time, so that what each brings along is its own.
            for (Map.Entry<String, String> option : ask.entrySet()) {
                Configuration before = config;
                if (before.isEnabled(option.getKey())) {
                    continue; // brought along by an option turned on before it in this round
                }
                Configuration.Change change = config.enable(new TreeMap<>(Map.of(option.getKey(), option.getValue())));
                change.refused().forEach((o, why) -> refused.put(o, why));
                if (change.result().isEnabled(option.getKey())) {
                    List<String> also = new ArrayList<>();
                    for (ProviderIndex.Library library : input.index().libraries()) {
                        library.option().filter(o -> !o.equals(option.getKey()) && !before.isEnabled(o)
                                && change.result().isEnabled(o) && !also.contains(o)).ifPresent(also::add);
                    }
                    enabled.add(new LinkPlan.Enablement(option.getKey(), wanted.get(option.getKey()), also));
                }
                config = change.result();
            }
        }
        return result(input, config, Link.simulate(input, config), enabled, refused);
    }

    /** The options that would provide what is still unresolved, each with what it is for. */
    private static SortedMap<String, List<String>> wanted(Input input, Configuration config, Link link) {
        SortedMap<String, List<String>> wanted = new TreeMap<>();
        for (String symbol : link.strongReferences.keySet()) {
            Definition def = link.definitions.get(symbol);
            if (def == null || def.enosys()) {
                provider(input.index(), config, symbol).ifPresent(o -> wanted.computeIfAbsent(o, k -> new ArrayList<>()).add(symbol));
            }
        }
        if (link.syscallSites > 0) {
            for (String option : SHIM_OPTIONS) {
                if (!config.isEnabled(option)) {
                    wanted.computeIfAbsent(option, k -> new ArrayList<>()).add("raw syscall instructions");
                }
            }
            for (String name : link.syscalls.keySet()) {
                String implementation = SyscallTable.implementationSymbol(name);
                Definition def = link.definitions.get(implementation);
                if (def == null || def.enosys()) {
                    provider(input.index(), config, implementation)
                            .ifPresent(o -> wanted.computeIfAbsent(o, k -> new ArrayList<>()).add("syscall " + name));
                }
            }
        }
        return wanted;
    }

    /** The first library that implements {@code symbol} and is off, by its option. */
    private static Optional<String> provider(ProviderIndex index, Configuration config, String symbol) {
        for (Map.Entry<ProviderIndex.Library, ElfSymbol> e : index.definitions(symbol)) {
            ProviderIndex.Library library = e.getKey();
            if (library.implementsSymbol(e.getValue()) && library.option().isPresent() && !config.isEnabled(library.option().get())) {
                return library.option();
            }
        }
        return Optional.empty();
    }

    private static LinkPlan result(Input input, Configuration config, Link link, List<LinkPlan.Enablement> enabled,
            SortedMap<String, String> refused) {
        Set<String> turnedOn = new LinkedHashSet<>();
        for (LinkPlan.Enablement e : enabled) {
            turnedOn.add(e.option());
            turnedOn.addAll(e.alsoEnabled());
        }
        List<LinkPlan.Need> needs = new ArrayList<>();
        for (Map.Entry<String, Reference> e : new TreeMap<>(link.references).entrySet()) {
            String symbol = e.getKey();
            Reference ref = e.getValue();
            Definition def = link.definitions.get(symbol);
            boolean data = def != null ? def.symbol().isData() : KnownSymbols.isData(symbol) || dataElsewhere(input.index(), symbol);
            if (def != null) {
                LinkPlan.Status status = def.enosys() ? LinkPlan.Status.ENOSYS
                        : def.option().filter(turnedOn::contains).isPresent() ? LinkPlan.Status.ENABLED : LinkPlan.Status.PROVIDED;
                needs.add(new LinkPlan.Need(symbol, status, ref.by(), Optional.of(def.owner()), def.option(), data));
            } else if (!ref.strong()) {
                needs.add(new LinkPlan.Need(symbol, LinkPlan.Status.WEAK_UNRESOLVED, ref.by(), Optional.empty(), Optional.empty(), data));
            } else {
                Optional<ProviderIndex.Library> would = input.index().definitions(symbol).stream()
                        .filter(d -> d.getKey().implementsSymbol(d.getValue())).map(Map.Entry::getKey).findFirst();
                needs.add(new LinkPlan.Need(symbol, input.stubs() ? LinkPlan.Status.STUBBED : LinkPlan.Status.MISSING, ref.by(),
                        would.map(ProviderIndex.Library::name), would.flatMap(ProviderIndex.Library::option), data));
            }
        }
        SortedMap<String, Integer> byName = new TreeMap<>(link.syscalls);
        List<String> notImplemented = byName.keySet().stream()
                .filter(name -> input.index().definitions(SyscallTable.implementationSymbol(name)).stream()
                        .noneMatch(d -> d.getKey().implementsSymbol(d.getValue())))
                .toList();
        LinkPlan.SyscallReport syscalls = new LinkPlan.SyscallReport(link.syscallSites, byName, link.unknownSyscallNumbers, notImplemented);
        SortedMap<String, List<String>> selects = new TreeMap<>();
        java.util.stream.Stream.of(enabled.stream().map(LinkPlan.Enablement::option), refused.keySet().stream(),
                        needs.stream().map(LinkPlan.Need::option).flatMap(Optional::stream))
                .flatMap(s -> s).distinct().forEach(option -> {
                    List<String> selected = config.selects(option);
                    if (!selected.isEmpty()) {
                        selects.put(option, selected);
                    }
                });
        return new LinkPlan(needs, enabled, refused, syscalls, List.copyOf(link.conflicts.values()), selects, config);
    }

    private static boolean dataElsewhere(ProviderIndex index, String symbol) {
        return index.definitions(symbol).stream().anyMatch(d -> d.getValue().isData());
    }

    private record Definition(String owner, Optional<String> option, ElfSymbol symbol, boolean enosys) {
    }

    /** A reference to an undefined symbol: from whom (first), and whether any reference is strong. */
    private record Reference(String by, boolean strong) {
    }

    /** The outcome of one simulated link. */
    private static final class Link {
        final Map<String, Definition> definitions = new HashMap<>();
        /**
         * Every undefined reference of the foreign members linked and of the application. Those of
         * Unikraft's own libraries only decide which members are linked ({@code main}, above all):
         * the rest are resolved by the linker script and the platform.
         */
        final Map<String, Reference> references = new LinkedHashMap<>();
        final Map<String, String> strongReferences = new LinkedHashMap<>();
        final Map<String, Integer> syscalls = new TreeMap<>();
        int syscallSites;
        int unknownSyscallNumbers;
        /** Symbols two linked objects define strongly, one of them foreign code or the application: ld refuses them. */
        final Map<String, LinkPlan.Conflict> conflicts = new TreeMap<>();
        private final Set<String> libraries = new java.util.HashSet<>();
        private final Map<String, String> unikraftReferences = new LinkedHashMap<>();

        static Link simulate(Input input, Configuration config) {
            Link link = new Link();
            for (ProviderIndex.Library library : input.index().libraries()) {
                if (library.option().isEmpty() || config.isEnabled(library.option().get())) {
                    link.libraries.add(library.name());
                    link.define(library.name(), library.option(), library.symbols(), library.name().equals(ProviderIndex.SYSCALL_SHIM));
                    for (ElfSymbol s : library.symbols().undefined()) {
                        if (!s.isWeak()) {
                            link.unikraftReferences.putIfAbsent(s.name(), library.name());
                        }
                    }
                }
            }
            for (ObjectSymbols object : input.application()) {
                link.define(object.name(), Optional.empty(), object, false);
                link.reference(object.name(), object);
            }
            List<String> owners = new ArrayList<>();
            List<ObjectSymbols> members = new ArrayList<>();
            for (Foreign foreign : input.archives()) {
                for (ObjectSymbols member : foreign.symbols().members()) {
                    owners.add("native." + foreign.name() + "(" + member.name() + ")");
                    members.add(member);
                }
            }
            boolean[] linked = new boolean[members.size()];
            boolean changed = true;
            while (changed) {
                changed = false;
                for (int i = 0; i < members.size(); i++) {
                    if (!linked[i] && (input.application().isEmpty() || link.wants(members.get(i)))) {
                        linked[i] = true;
                        changed = true;
                        link.define(owners.get(i), Optional.empty(), members.get(i), false);
                        link.reference(owners.get(i), members.get(i));
                        link.syscalls(members.get(i), input.index().syscalls());
                    }
                }
            }
            return link;
        }

        private void define(String owner, Optional<String> option, ObjectSymbols object, boolean shim) {
            for (ElfSymbol s : object.defined()) {
                Definition previous = definitions.get(s.name());
                if (previous != null && !previous.symbol().isWeak() && !s.isWeak() && !isCommon(previous.symbol()) && !isCommon(s)
                        && (owner.startsWith("native.") || option.isEmpty() && !libraryOwner(owner))) {
                    conflicts.putIfAbsent(s.name(), new LinkPlan.Conflict(s.name(), previous.owner(), owner));
                }
                if (previous == null || previous.symbol().isWeak() && !s.isWeak()) {
                    definitions.put(s.name(), new Definition(owner, option, s, shim && s.isWeak()));
                }
            }
        }

        private void reference(String owner, ObjectSymbols object) {
            for (ElfSymbol s : object.undefined()) {
                Reference previous = references.get(s.name());
                if (previous == null) {
                    references.put(s.name(), new Reference(owner, !s.isWeak()));
                } else if (!previous.strong() && !s.isWeak()) {
                    references.put(s.name(), new Reference(previous.by(), true));
                }
                if (!s.isWeak()) {
                    strongReferences.putIfAbsent(s.name(), owner);
                }
            }
        }

        private boolean libraryOwner(String owner) {
            return libraries.contains(owner);
        }

        private static boolean isCommon(ElfSymbol s) {
            return ElfSymbol.COMMON.equals(s.section());
        }

        /** ld links an archive member that defines a symbol some linked object references and nothing defines. */
        private boolean wants(ObjectSymbols member) {
            for (ElfSymbol s : member.defined()) {
                if (!definitions.containsKey(s.name())
                        && (strongReferences.containsKey(s.name()) || unikraftReferences.containsKey(s.name()))) {
                    return true;
                }
            }
            return false;
        }

        private void syscalls(ObjectSymbols member, SyscallTable table) {
            for (SyscallSite site : member.syscalls()) {
                syscallSites++;
                if (site.number().isPresent()) {
                    String name = table.name(site.number().getAsInt()).orElse("#" + site.number().getAsInt());
                    syscalls.putIfAbsent(name, site.number().getAsInt());
                } else {
                    unknownSyscallNumbers++;
                }
            }
        }
    }
}
