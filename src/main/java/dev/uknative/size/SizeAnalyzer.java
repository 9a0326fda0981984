package dev.uknative.size;

import dev.uknative.elf.ArchiveReader;
import dev.uknative.elf.ElfFile;
import dev.uknative.elf.ElfLayout;
import dev.uknative.elf.ElfReader;
import dev.uknative.elf.ElfSection;
import dev.uknative.elf.ElfSymbol;
import dev.uknative.elf.ObjectSymbols;
import dev.uknative.elf.SymbolType;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.TreeSet;

/**
 * Attributes the bytes of a linked Unikraft image to the inputs of its link, without a link map
 * (Unikraft's link writes none): every symbol of the image's {@code .symtab} is matched to the input
 * that defines it (a global by name, a local by name and size, an ambiguous local to the input of the
 * symbol before it), and each matched symbol owns the bytes from its address to the next matched
 * symbol of its section, or, when the gap after it is wider than alignment padding, only its own size:
 * the rest is unnamed data (merged string literals, constant pools), shared among the inputs in
 * proportion to their input sections of that name that hold no symbol. A section no input symbol lies
 * in ({@code .eh_frame}, Unikraft's tables) is shared in proportion to the inputs' sections of that
 * name; what is left ({@code .eh_frame_hdr}, unnamed bytes no input section explains) is the
 * linker's row. So the rows add up to the image's
 * allocated sections exactly; how exactly each row is right depends on the symbols' coverage.
 */
public final class SizeAnalyzer {

    /** How many of each component's largest symbols the report keeps. */
    public static final int LARGEST = 8;

    /** Bytes after a sized symbol up to the next that still count as its own: alignment padding. */
    private static final long PADDING = 63;

    /** The row of bytes no input accounts for. */
    public static final String LINKER = "(linker)";

    private final ElfReader elf = new ElfReader();
    private final ArchiveReader ar = new ArchiveReader();

    /** One input of the link as the analysis sees it. */
    private record Input(String name, SizeReport.Origin origin, List<ElfSymbol> defined, List<ElfSymbol> undefined,
                         List<ElfSection> sections, Set<String> namedSections) {

        Input(String name, SizeReport.Origin origin, List<ElfSymbol> defined, List<ElfSymbol> undefined, List<ElfSection> sections) {
            // The sections some placeable symbol lies in: computed once, asked for every section of the image.
            this(name, origin, defined, undefined, sections,
                    defined.stream().filter(SizeAnalyzer::placeable).map(ElfSymbol::section).collect(Collectors.toUnmodifiableSet()));
        }
    }

    /** Reads the image's {@code .dbg} file and the link's inputs, and attributes every allocated byte. */
    public SizeReport analyze(Path debugImage, String imageName, LinkInputs inputs) {
        List<Input> all = new ArrayList<>();
        for (Path object : inputs.objects()) {
            ElfFile file = elf.read(object);
            String name = object.getFileName().toString().replaceFirst("\\.o$", "");
            ObjectSymbols globals = file.globals();
            all.add(new Input(name, origin(name), file.symbols().stream().filter(ElfSymbol::isDefined).toList(), globals.undefined(),
                    file.sections()));
        }
        for (Path archive : inputs.archives()) {
            for (ElfFile member : ar.readObjects(archive)) {
                // Zig names members by their full build path: the file name is what tells them apart.
                String memberName = member.name().substring(member.name().lastIndexOf('/') + 1);
                all.add(new Input(archive.getFileName() + "(" + memberName + ")", SizeReport.Origin.NATIVE,
                        member.symbols().stream().filter(ElfSymbol::isDefined).toList(), member.globals().undefined(), member.sections()));
            }
        }
        return attribute(elf.readLayout(debugImage), imageName, all);
    }

    static SizeReport.Origin origin(String name) {
        if (name.startsWith("libuknative_")) {
            return SizeReport.Origin.UKNATIVE;
        }
        if (name.startsWith("app")) {
            return SizeReport.Origin.APPLICATION;
        }
        return SizeReport.Origin.UNIKRAFT;
    }

    private SizeReport attribute(ElfLayout image, String imageName, List<Input> inputs) {
        Map<String, List<Input>> globalDefiners = new HashMap<>();
        Map<String, List<Input>> localDefiners = new HashMap<>();
        for (Input input : inputs) {
            for (ElfSymbol s : input.defined()) {
                if (!placeable(s)) {
                    continue;
                }
                if (s.isGlobal()) {
                    globalDefiners.computeIfAbsent(s.name(), k -> new ArrayList<>()).add(input);
                } else {
                    localDefiners.computeIfAbsent(s.name() + "\0" + s.size(), k -> new ArrayList<>()).add(input);
                }
            }
        }
        Map<String, SizeReport.Bytes> bytes = new LinkedHashMap<>();
        Map<String, List<SizeReport.SymbolSize>> symbols = new HashMap<>();
        SizeReport.Bytes total = SizeReport.Bytes.ZERO;
        // The image's symbols by section, once (not a pass over all of them per section).
        Map<Integer, List<ElfLayout.Symbol>> bySection = image.symbols().stream().filter(s -> placeable(s.symbol()))
                .sorted(Comparator.comparingLong(ElfLayout.Symbol::value))
                .collect(Collectors.groupingBy(ElfLayout.Symbol::sectionIndex));
        for (ElfLayout.Section section : image.sections()) {
            if (!section.allocated() || section.size() == 0) {
                continue;
            }
            SizeReport.Kind kind = kind(section);
            total = total.plus(kind, section.size());
            List<ElfLayout.Symbol> inSection = bySection.getOrDefault(section.index(), List.of());
            List<Owned> owned = new ArrayList<>();
            String previous = null;
            for (ElfLayout.Symbol s : inSection) {
                String owner = owner(s.symbol(), previous, globalDefiners, localDefiners);
                if (owner != null && s.value() >= section.address() && s.value() <= section.address() + section.size()) {
                    owned.add(new Owned(s, owner));
                    previous = owner;
                }
            }
            if (owned.isEmpty()) {
                share(section, section.size(), kind, inputs, false, bytes);
                continue;
            }
            // Before the first symbol: unnamed data too (string literals placed first), or the section's alignment.
            long unnamed = owned.get(0).symbol().value() - section.address();
            for (int i = 0; i < owned.size(); i++) {
                Owned o = owned.get(i);
                long end = i + 1 < owned.size() ? owned.get(i + 1).symbol().value() : section.address() + section.size();
                long span = end - o.symbol().value();
                long size = o.symbol().symbol().size();
                if (size == 0 || span <= size + PADDING) {
                    add(bytes, o.owner(), kind, span);
                } else {
                    add(bytes, o.owner(), kind, size);
                    unnamed += span - size;
                }
                if (o.symbol().symbol().size() > 0) {
                    symbols.computeIfAbsent(o.owner(), k -> new ArrayList<>())
                            .add(new SizeReport.SymbolSize(o.symbol().symbol().name(), o.symbol().symbol().size(), kind));
                }
            }
            share(section, unnamed, kind, inputs, true, bytes);
        }
        Map<String, SizeReport.Origin> origins = new HashMap<>();
        inputs.forEach(i -> origins.put(i.name(), i.origin()));
        origins.put(LINKER, SizeReport.Origin.LINKER);
        List<SizeReport.Component> components = new ArrayList<>();
        bytes.forEach((name, b) -> {
            if (b.sum() > 0) {
                List<SizeReport.SymbolSize> largest = symbols.getOrDefault(name, List.of()).stream()
                        .sorted(Comparator.comparingLong(SizeReport.SymbolSize::size).reversed().thenComparing(SizeReport.SymbolSize::name))
                        .distinct().limit(LARGEST).toList();
                components.add(new SizeReport.Component(name, origins.get(name), b, largest));
            }
        });
        components.sort(Comparator.comparingLong((SizeReport.Component c) -> c.bytes().sum()).reversed().thenComparing(SizeReport.Component::name));
        return new SizeReport(imageName, components, total, unreferenced(inputs));
    }

    private record Owned(ElfLayout.Symbol symbol, String owner) {
    }

    /** A symbol that names bytes of a section: not a file or section symbol, not absolute, undefined or common. */
    private static boolean placeable(ElfSymbol s) {
        return s.isDefined() && s.type() != SymbolType.FILE && s.type() != SymbolType.SECTION
                && !s.section().equals(ElfSymbol.ABS) && !s.section().equals(ElfSymbol.COMMON) && !s.section().startsWith("SHN_");
    }

    private static String owner(ElfSymbol s, String previous, Map<String, List<Input>> globals, Map<String, List<Input>> locals) {
        List<Input> candidates = s.isGlobal() ? globals.get(s.name()) : locals.get(s.name() + "\0" + s.size());
        if (candidates == null || candidates.isEmpty()) {
            return null;
        }
        if (s.isGlobal() && candidates.size() > 1) {
            // The strong definition wins the link, unless the image kept a weak one (then nothing strong was linked).
            for (Input c : candidates) {
                boolean strong = c.defined().stream().anyMatch(d -> d.name().equals(s.name()) && !d.isWeak() && d.isGlobal());
                if (strong != s.isWeak()) {
                    return c.name();
                }
            }
        }
        for (Input c : candidates) {
            if (c.name().equals(previous)) {
                return c.name();
            }
        }
        return candidates.get(0).name();
    }

    /**
     * Bytes of a section no symbol names, shared in proportion to the inputs' sections of that name
     * (and {@code name.*}): only those without symbols when {@code unnamedOnly} (merged string
     * literals, constant pools), all of them for a section no input symbol lies in at all.
     */
    private static void share(ElfLayout.Section section, long amount, SizeReport.Kind kind, List<Input> inputs, boolean unnamedOnly,
            Map<String, SizeReport.Bytes> bytes) {
        if (amount <= 0) {
            return;
        }
        Map<String, Long> contributions = new LinkedHashMap<>();
        long sum = 0;
        for (Input input : inputs) {
            Set<String> named = unnamedOnly ? input.namedSections() : Set.of();
            long size = 0;
            for (ElfSection s : input.sections()) {
                if ((s.name().equals(section.name()) || s.name().startsWith(section.name() + ".")) && !named.contains(s.name())) {
                    size += s.size();
                }
            }
            if (size > 0) {
                contributions.merge(input.name(), size, Long::sum);
                sum += size;
            }
        }
        long given = 0;
        if (sum > 0) {
            for (Map.Entry<String, Long> c : contributions.entrySet()) {
                long share = amount * c.getValue() / sum;
                add(bytes, c.getKey(), kind, share);
                given += share;
            }
        }
        add(bytes, LINKER, kind, amount - given);
    }

    private static void add(Map<String, SizeReport.Bytes> bytes, String owner, SizeReport.Kind kind, long amount) {
        if (amount > 0) {
            bytes.merge(owner, SizeReport.Bytes.ZERO.plus(kind, amount), SizeReport.Bytes::plus);
        }
    }

    static SizeReport.Kind kind(ElfLayout.Section section) {
        if (section.noBits()) {
            return SizeReport.Kind.BSS;
        }
        if ((section.flags() & ElfLayout.SHF_EXECINSTR) != 0) {
            return SizeReport.Kind.TEXT;
        }
        if ((section.flags() & ElfLayout.SHF_WRITE) != 0) {
            return SizeReport.Kind.DATA;
        }
        return SizeReport.Kind.RODATA;
    }

    /**
     * Libraries no other input refers to: starting from the application, the platform and the boot
     * library (what runs first and calls {@code main}), follow every undefined global to the input that
     * defines it; Unikraft libraries never reached are linked for nothing the code names. They may
     * still act through Unikraft's tables (init calls, constructors), which no symbol shows.
     */
    static List<String> unreferenced(List<Input> inputs) {
        Map<String, List<Input>> definers = new HashMap<>();
        for (Input input : inputs) {
            for (ElfSymbol s : input.defined()) {
                if (s.isGlobal()) {
                    definers.computeIfAbsent(s.name(), k -> new ArrayList<>()).add(input);
                }
            }
        }
        Set<String> reached = new HashSet<>();
        Deque<Input> work = new ArrayDeque<>();
        for (Input input : inputs) {
            boolean root = switch (input.origin()) {
                case APPLICATION, UKNATIVE -> true;
                case UNIKRAFT -> input.name().endsWith("plat") || input.name().equals("libukboot");
                default -> false;
            };
            if (root) {
                if (reached.add(input.name())) {
                    work.add(input);
                }
            }
        }
        while (!work.isEmpty()) {
            Input next = work.poll();
            for (ElfSymbol needed : next.undefined()) {
                for (Input definer : definers.getOrDefault(needed.name(), List.of())) {
                    if (reached.add(definer.name())) {
                        work.add(definer);
                    }
                }
            }
        }
        Set<String> left = new TreeSet<>();
        for (Input input : inputs) {
            if (input.origin() == SizeReport.Origin.UNIKRAFT && !reached.contains(input.name())) {
                left.add(input.name());
            }
        }
        return List.copyOf(left);
    }
}
