package dev.uknative.elf;

import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The symbols of an ar archive: each ELF member's {@link ObjectSymbols}, the members skipped (with
 * why), and the archive as a whole: what it defines and what it still needs from elsewhere.
 *
 * @param defined   every global defined by some member, by name; a strong definition is preferred
 *                  over a weak one, then the first member wins
 * @param undefined every global some member references and no member defines, by name; a strong
 *                  reference is preferred over a weak one (weak references need no definition)
 */
public record ArchiveSymbols(String archive, List<ObjectSymbols> members, List<SkippedMember> skipped,
        SortedMap<String, ArchiveSymbol> defined, SortedMap<String, ArchiveSymbol> undefined) {

    public ArchiveSymbols {
        Objects.requireNonNull(archive, "archive");
        members = List.copyOf(members);
        skipped = List.copyOf(skipped);
        defined = Collections.unmodifiableSortedMap(new TreeMap<>(defined));
        undefined = Collections.unmodifiableSortedMap(new TreeMap<>(undefined));
    }

    /** Resolves the archive-wide sets from the members. */
    public static ArchiveSymbols of(String archive, List<ObjectSymbols> members, List<SkippedMember> skipped) {
        TreeMap<String, ArchiveSymbol> defined = new TreeMap<>();
        for (ObjectSymbols member : members) {
            for (ElfSymbol s : member.defined()) {
                ArchiveSymbol previous = defined.get(s.name());
                if (previous == null || previous.symbol().isWeak() && !s.isWeak()) {
                    defined.put(s.name(), new ArchiveSymbol(member.name(), s));
                }
            }
        }
        TreeMap<String, ArchiveSymbol> undefined = new TreeMap<>();
        for (ObjectSymbols member : members) {
            for (ElfSymbol s : member.undefined()) {
                if (defined.containsKey(s.name())) {
                    continue;
                }
                ArchiveSymbol previous = undefined.get(s.name());
                if (previous == null || previous.symbol().isWeak() && !s.isWeak()) {
                    undefined.put(s.name(), new ArchiveSymbol(member.name(), s));
                }
            }
        }
        return new ArchiveSymbols(archive, members, skipped, defined, undefined);
    }
}
