package dev.uknative.elf;

import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

/**
 * The independent oracles: GNU nm's POSIX output ({@code nm -P -A}), and {@code readelf -sW} where nm
 * cannot read the objects (Rust 1.95's: an LLVM plugin mismatch). Symbols are written {@code member:name} plus
 * {@code :weak} when weak, so that the sets compare in one assertion.
 */
final class Nm {

    private Nm() {
    }

    /** Defined globals per member, from {@code nm -P -A -g --defined-only}. */
    static Set<String> defined(Path file) {
        return parse(Toolchain.run(file.getParent(), "nm", "-P", "-A", "-g", "--defined-only", file.toString()));
    }

    /** Undefined symbols per member, from {@code nm -P -A -u}. */
    static Set<String> undefined(Path file) {
        return parse(Toolchain.run(file.getParent(), "nm", "-P", "-A", "-u", file.toString()));
    }

    private static Set<String> parse(String output) {
        Set<String> out = new TreeSet<>();
        for (String line : output.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            // "lib.a[member.o]: name T value size" or "file.o: name T value size"
            int colon = line.indexOf(": ");
            String owner = line.substring(0, colon);
            String member = owner.endsWith("]") ? owner.substring(owner.indexOf('[') + 1, owner.length() - 1)
                    : Path.of(owner).getFileName().toString();
            String[] fields = line.substring(colon + 2).split(" ");
            char type = fields[1].charAt(0);
            boolean weak = type == 'W' || type == 'w' || type == 'V' || type == 'v';
            out.add(member + ":" + fields[0] + (weak ? ":weak" : ""));
        }
        return out;
    }

    /**
     * Global symbols of every member from {@code readelf -sW} ({@code .symtab} only for relocatable
     * objects), split into defined and undefined by their {@code Ndx} column.
     */
    static Set<String>[] readelf(Path file) {
        @SuppressWarnings("unchecked")
        Set<String>[] sets = new Set[] {new TreeSet<String>(), new TreeSet<String>()};
        String member = file.getFileName().toString();
        for (String line : Toolchain.run(file.getParent(), "readelf", "-sW", file.toString()).split("\n")) {
            if (line.startsWith("File: ")) {
                String f = line.substring(6);
                member = f.endsWith(")") ? f.substring(f.lastIndexOf('(') + 1, f.length() - 1) : f;
                continue;
            }
            String[] fields = line.trim().split("\\s+");
            if (fields.length < 8 || !fields[0].endsWith(":") || !fields[0].matches("\\d+:")) {
                continue;
            }
            String bind = fields[4];
            if (!bind.equals("GLOBAL") && !bind.equals("WEAK") && !bind.equals("UNIQUE")) {
                continue;
            }
            boolean undefined = fields[6].equals("UND");
            sets[undefined ? 1 : 0].add(member + ":" + fields[7] + (bind.equals("WEAK") ? ":weak" : ""));
        }
        return sets;
    }

    /**
     * The same {@code member:name[:weak]} sets from our reader. nm prints every GNU indirect function
     * as {@code i}, weak or not, so with {@code asNm} their weakness is left out as nm leaves it out.
     */
    static Set<String>[] ours(ArchiveSymbols archive, boolean asNm) {
        @SuppressWarnings("unchecked")
        Set<String>[] sets = new Set[] {new TreeSet<String>(), new TreeSet<String>()};
        for (ObjectSymbols member : archive.members()) {
            member.defined().forEach(s -> sets[0].add(member.name() + ":" + s.name()
                    + (s.isWeak() && !(asNm && s.type() == SymbolType.GNU_IFUNC) ? ":weak" : "")));
            member.undefined().forEach(s -> sets[1].add(member.name() + ":" + s.name() + (s.isWeak() ? ":weak" : "")));
        }
        return sets;
    }
}
