package dev.uknative.elf;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one ELF64 little-endian image (ELF gABI, "ELF Header", "Sections", "Symbol Table"). Every
 * count and offset read from the image is checked against the image's size before anything is
 * allocated or looped over, so a damaged file costs at most one pass over its own bytes.
 */
final class ElfParser {

    static final int EM_X86_64 = ElfHeader.EM_X86_64;
    static final int EM_AARCH64 = ElfHeader.EM_AARCH64;

    private static final int EHDR_SIZE = 64;
    private static final int SHDR_SIZE = 64;
    private static final int SYM_SIZE = 24;
    private static final long SHT_SYMTAB = 2;
    private static final long SHT_STRTAB = 3;
    private static final long SHT_DYNSYM = 11;
    private static final long SHT_SYMTAB_SHNDX = 18;
    private static final int SHN_UNDEF = 0;
    private static final int SHN_LORESERVE = 0xff00;
    private static final int SHN_ABS = 0xfff1;
    private static final int SHN_COMMON = 0xfff2;
    private static final int SHN_XINDEX = 0xffff;
    private static final long SHF_EXECINSTR = 0x4;
    /** How far before a {@code syscall} the load of its number is looked for. */
    private static final int NUMBER_WINDOW = 32;
    /** Larger immediates are not syscall numbers (x86-64 Linux has fewer than 512). */
    private static final int MAX_SYSCALL_NUMBER = 1024;

    private final Region image;
    private final String name;
    private final int elfType;
    private final int machine;
    private final int shoff;
    private final int shnum;
    private final int shstrndx;
    private byte[] sectionNames;
    private String[] sectionNameCache;

    /** Checks the header and locates the section header table; {@code name} is what results carry. */
    ElfParser(Region image, String name) {
        this.image = image;
        this.name = name;
        // The magic first: a short file that is not ELF at all is invalid, not truncated.
        if (image.size() >= 4 && image.buffer().getInt(0) != 0x464c457f) {
            throw image.invalid(0, "ELF magic: expected 7f 45 4c 46 (\\x7fELF)");
        }
        image.require(0, EHDR_SIZE, "ELF header");
        if (image.u8(4) != 2) {
            throw image.invalid(4, "ELF class " + image.u8(4) + ": only ELF64 (2) is supported, this is "
                    + (image.u8(4) == 1 ? "a 32-bit object" : "unknown"));
        }
        if (image.u8(5) != 1) {
            throw image.invalid(5, "ELF data encoding " + image.u8(5) + ": only little-endian (1) is supported"
                    + (image.u8(5) == 2 ? ", this is a big-endian object" : ""));
        }
        if (image.u8(6) != 1 || image.u32(20) != 1) {
            throw image.invalid(image.u8(6) != 1 ? 6 : 20, "ELF version: expected 1");
        }
        elfType = image.u16(16);
        machine = image.u16(18);
        if (machine != EM_X86_64 && machine != EM_AARCH64) {
            throw image.invalid(18, "ELF machine " + machine + ": only x86-64 (62) and AArch64 (183) are supported");
        }
        long offset = image.u64(40);
        int entsize = image.u16(58);
        long count = image.u16(60);
        long strndx = image.u16(62);
        int strndxAt = 62;
        if (offset == 0) {
            // No section header table (allowed for executables): no sections, no symbols.
            shoff = 0;
            shnum = 0;
            shstrndx = 0;
            return;
        }
        if (entsize != SHDR_SIZE) {
            throw image.invalid(58, "section header size " + entsize + ": expected 64");
        }
        image.require(offset, SHDR_SIZE, "section header table");
        shoff = (int) offset;
        // gABI: with 0xff00 sections or more, e_shnum is 0 and the count is section 0's sh_size,
        // and e_shstrndx is SHN_XINDEX with the index in section 0's sh_link.
        if (count == 0) {
            count = image.u64(shoff + 32);
        }
        if (strndx == SHN_XINDEX) {
            // An unsigned 32-bit value: kept in a long, as an int it could turn negative and pass the check below.
            strndx = image.u32(shoff + 40);
            strndxAt = shoff + 40;
        }
        if (count < 0 || count > (image.size() - offset) / SHDR_SIZE) {
            throw image.truncated(offset, "section header table", Long.toUnsignedString(count)
                    + " section headers of 64 bytes at offset " + offset + ", the input has " + image.size());
        }
        shnum = (int) count;
        if (strndx != 0 && strndx >= shnum) {
            throw image.invalid(strndxAt, "section name string table index " + strndx + ": there are " + shnum + " sections");
        }
        shstrndx = (int) strndx;
    }

    int elfType() {
        return elfType;
    }

    /** Everything: section list and all symbols of both tables. */
    ElfFile file() {
        List<ElfSection> sections = new ArrayList<>(shnum);
        for (int i = 0; i < shnum; i++) {
            int h = header(i);
            sections.add(new ElfSection(i, sectionName(i), image.u32(h + 4), image.u64(h + 24), image.u64(h + 32)));
        }
        int symtab = findTable(SHT_SYMTAB);
        int dynsym = findTable(SHT_DYNSYM);
        return new ElfFile(name, elfType, machine, sections, symbols(symtab, false), symbols(dynsym, false));
    }

    /** Only the globals of the link interface (see {@link ElfFile#globals()}); locals are skipped unread. */
    ObjectSymbols globals(boolean withSyscalls) {
        ObjectSymbols globals = globals();
        return withSyscalls ? new ObjectSymbols(name, globals.defined(), globals.undefined(), syscallSites()) : globals;
    }

    ObjectSymbols globals() {
        int table = findTable(SHT_SYMTAB);
        if (elfType != ElfFile.ET_REL) {
            int dynsym = findTable(SHT_DYNSYM);
            if (dynsym >= 0) {
                table = dynsym;
            }
        }
        List<ElfSymbol> all = symbols(table, true);
        List<ElfSymbol> defined = new ArrayList<>();
        List<ElfSymbol> undefined = new ArrayList<>();
        for (ElfSymbol s : all) {
            (s.isDefined() ? defined : undefined).add(s);
        }
        return new ObjectSymbols(name, defined, undefined);
    }

    /**
     * The raw {@code syscall} instructions of an x86-64 object's executable sections. Code is not
     * disassembled: every {@code 0f 05} byte pair counts, so a pair inside another instruction's
     * immediate can be a false positive (it only ever turns the shim handler on needlessly). The number
     * is read off the nearest {@code mov $imm32, %eax} ({@code b8}) or {@code mov $imm32, %rax}
     * ({@code 48 c7 c0}) in the {@value #NUMBER_WINDOW} bytes before it, when there is one and no other
     * {@code syscall} lies between.
     */
    List<SyscallSite> syscallSites() {
        List<SyscallSite> sites = new ArrayList<>();
        if (machine != EM_X86_64 && machine != EM_AARCH64) {
            return sites;
        }
        for (int i = 1; i < shnum; i++) {
            int h = header(i);
            if ((image.u64(h + 8) & SHF_EXECINSTR) == 0 || image.u32(h + 4) == ElfSection.SHT_NOBITS) {
                continue;
            }
            Section code = section(i, "code section");
            if (machine == EM_AARCH64) {
                svcSites(i, code, sites);
            } else {
                syscallInstructions(i, code, sites);
            }
        }
        return sites;
    }

    /** x86-64's {@code syscall} instructions (0f 05) in one code section, at any byte offset. */
    private void syscallInstructions(int section, Section code, List<SyscallSite> sites) {
        int end = code.offset() + code.size();
        for (int at = code.offset(); at + 1 < end; at++) {
            if (image.u8(at) == 0x0f && image.u8(at + 1) == 0x05) {
                sites.add(new SyscallSite(sectionName(section), at - code.offset(), syscallNumber(code.offset(), at)));
                at++;
            }
        }
    }

    /** AArch64's {@code svc #0}: the one encoding Linux's system call takes. */
    private static final long SVC_0 = 0xd4000001L;
    /** {@code movz w8, #imm16} / {@code movz x8, #imm16} (no shift), masked to the opcode and register. */
    private static final long MOVZ_MASK = 0xffe0001fL;
    private static final long MOVZ_W8 = 0x52800008L;
    private static final long MOVZ_X8 = 0xd2800008L;
    /** Instructions looked back from an {@code svc} for the number's load. */
    private static final int SVC_WINDOW = 8;

    /**
     * The raw {@code svc #0} instructions of an AArch64 object's executable sections (4-byte aligned
     * words; literal pools can give a false positive, which only turns the shim handler on needlessly).
     * The number (Linux's AArch64 table, in {@code x8}) is read off the nearest {@code movz w8/x8, #imm}
     * among the {@value #SVC_WINDOW} instructions before it, when no other {@code svc} lies between.
     * One code section's.
     */
    private void svcSites(int section, Section code, List<SyscallSite> sites) {
        int end = code.offset() + code.size();
        for (int at = code.offset(); at + 3 < end; at += 4) {
            if (image.u32(at) == SVC_0) {
                sites.add(new SyscallSite(sectionName(section), at - code.offset(), svcNumber(code.offset(), at)));
            }
        }
    }

    private java.util.OptionalInt svcNumber(int sectionStart, int svc) {
        for (int at = svc - 4; at >= sectionStart && at >= svc - 4 * SVC_WINDOW; at -= 4) {
            long word = image.u32(at);
            if (word == SVC_0) {
                break;
            }
            long opcode = word & MOVZ_MASK;
            if (opcode == MOVZ_W8 || opcode == MOVZ_X8) {
                int value = (int) ((word >>> 5) & 0xffff);
                return value < MAX_SYSCALL_NUMBER ? java.util.OptionalInt.of(value) : java.util.OptionalInt.empty();
            }
        }
        return java.util.OptionalInt.empty();
    }

    private java.util.OptionalInt syscallNumber(int sectionStart, int syscall) {
        int from = Math.max(sectionStart, syscall - NUMBER_WINDOW);
        for (int at = syscall - 5; at >= from; at--) {
            if (at + 1 < syscall && image.u8(at) == 0x0f && image.u8(at + 1) == 0x05) {
                break; // an earlier syscall: whatever was loaded before it was for that one
            }
            long value = -1;
            if (image.u8(at) == 0xb8 && (at == sectionStart || image.u8(at - 1) < 0x40 || image.u8(at - 1) > 0x4f)) {
                value = image.u32(at + 1); // mov $imm32, %eax (no REX prefix, which would name another register)
            } else if (at >= sectionStart + 2 && image.u8(at - 2) == 0x48 && image.u8(at - 1) == 0xc7 && image.u8(at) == 0xc0
                    && at + 5 <= syscall) {
                value = image.u32(at + 1); // mov $imm32, %rax
            }
            if (value >= 0 && value < MAX_SYSCALL_NUMBER) {
                return java.util.OptionalInt.of((int) value);
            }
        }
        return java.util.OptionalInt.empty();
    }

    private int header(int index) {
        return shoff + index * SHDR_SIZE;
    }

    private int findTable(long type) {
        for (int i = 1; i < shnum; i++) {
            if (image.u32(header(i) + 4) == type) {
                return i;
            }
        }
        return -1;
    }

    /** The bytes of section {@code index}, checked to lie inside the image. */
    private Section section(int index, String what) {
        int h = header(index);
        long offset = image.u64(h + 24);
        long size = image.u64(h + 32);
        if (image.u32(h + 4) == ElfSection.SHT_NOBITS) {
            size = 0;
        }
        image.require(offset, size, what + " (section " + index + ", header at offset " + h + ")");
        return new Section(index, h, (int) offset, (int) size);
    }

    private record Section(int index, int header, int offset, int size) {
    }

    /** Sections with their addresses and flags, and {@code .symtab}'s symbols with their values. */
    ElfLayout layout() {
        List<ElfLayout.Section> sections = new ArrayList<>(shnum);
        for (int i = 0; i < shnum; i++) {
            int h = header(i);
            sections.add(new ElfLayout.Section(i, sectionName(i), image.u32(h + 4), image.u64(h + 8), image.u64(h + 16), image.u64(h + 32)));
        }
        List<ElfLayout.Symbol> symbols = new ArrayList<>();
        symbols(findTable(SHT_SYMTAB), false, (symbol, shndx, value) -> symbols.add(new ElfLayout.Symbol(symbol, shndx, value)));
        return new ElfLayout(name, sections, symbols);
    }

    /** Told each symbol read, with its section index ({@code st_shndx}, extended indexes resolved) and {@code st_value}. */
    private interface SymbolVisitor {
        void symbol(ElfSymbol symbol, int sectionIndex, long value);
    }

    private List<ElfSymbol> symbols(int table, boolean globalsOnly) {
        List<ElfSymbol> out = new ArrayList<>();
        symbols(table, globalsOnly, (symbol, shndx, value) -> out.add(symbol));
        return out;
    }

    private void symbols(int table, boolean globalsOnly, SymbolVisitor visitor) {
        if (table < 0) {
            return;
        }
        String tableName = image.u32(header(table) + 4) == SHT_DYNSYM ? ".dynsym" : ".symtab";
        Section symbols = section(table, "symbol table " + tableName);
        long entsize = image.u64(symbols.header() + 56);
        if (entsize != SYM_SIZE) {
            throw image.invalid(symbols.header() + 56, "symbol entry size " + Long.toUnsignedString(entsize)
                    + " of " + tableName + ": expected 24");
        }
        if (symbols.size() % SYM_SIZE != 0) {
            throw image.invalid(symbols.header() + 32, "size " + symbols.size() + " of " + tableName
                    + ": not a multiple of 24");
        }
        long link = image.u32(symbols.header() + 40);
        if (link == 0 || link >= shnum || image.u32(header((int) link) + 4) != SHT_STRTAB) {
            throw image.invalid(symbols.header() + 40, "string table link " + link + " of " + tableName);
        }
        Section strings = section((int) link, "string table of " + tableName);
        byte[] strtab = image.copy(strings.offset(), strings.size());
        int[] extendedIndexes = extendedIndexes(table, symbols.size() / SYM_SIZE);
        int count = symbols.size() / SYM_SIZE;
        for (int i = 1; i < count; i++) {
            int at = symbols.offset() + i * SYM_SIZE;
            int info = image.u8(at + 4);
            SymbolBinding binding = SymbolBinding.of(info >>> 4);
            if (globalsOnly && !binding.isGlobal()) {
                continue;
            }
            String symbolName = string(strtab, image.u32(at), at, "symbol name", tableName);
            int shndx = image.u16(at + 6);
            boolean extended = shndx == SHN_XINDEX;
            if (extended) {
                if (extendedIndexes == null) {
                    throw image.invalid(at + 6, "section index SHN_XINDEX of symbol " + symbolName
                            + ": there is no SHT_SYMTAB_SHNDX section");
                }
                shndx = extendedIndexes[i];
            }
            String section;
            if (shndx == SHN_UNDEF) {
                section = ElfSymbol.UNDEFINED;
            } else if (!extended && shndx == SHN_ABS) {
                section = ElfSymbol.ABS;
            } else if (!extended && shndx == SHN_COMMON) {
                section = ElfSymbol.COMMON;
            } else if (!extended && shndx >= SHN_LORESERVE) {
                section = "SHN_0x" + Integer.toHexString(shndx); // processor/OS-specific, e.g. SHN_X86_64_LCOMMON
            } else if (shndx >= 0 && shndx < shnum) {
                section = sectionName(shndx);
            } else {
                throw image.invalid(at + 6, "section index " + Integer.toUnsignedString(shndx) + " of symbol "
                        + symbolName + ": there are " + shnum + " sections");
            }
            visitor.symbol(new ElfSymbol(symbolName, binding, SymbolType.of(info & 0xf), section, image.u64(at + 16)), shndx,
                    image.u64(at + 8));
        }
    }

    /** The {@code SHT_SYMTAB_SHNDX} entries for {@code table}, or null when there is none. */
    private int[] extendedIndexes(int table, int count) {
        for (int i = 1; i < shnum; i++) {
            int h = header(i);
            if (image.u32(h + 4) == SHT_SYMTAB_SHNDX && image.u32(h + 40) == table) {
                Section s = section(i, "extended section index table");
                if (s.size() < (long) count * 4) {
                    throw image.invalid(h + 32, "size " + s.size() + " of the extended section index table: "
                            + count + " symbols need " + (long) count * 4 + " bytes");
                }
                int[] out = new int[count];
                image.buffer().slice(s.offset(), count * 4).order(image.buffer().order()).asIntBuffer().get(out);
                return out;
            }
        }
        return null;
    }

    private String sectionName(int index) {
        if (sectionNameCache == null) {
            sectionNameCache = new String[shnum];
            sectionNames = shstrndx == 0 ? new byte[0]
                    : image.copy(section(shstrndx, "section name string table").offset(),
                            section(shstrndx, "section name string table").size());
        }
        String cached = sectionNameCache[index];
        if (cached == null) {
            int h = header(index);
            cached = shstrndx == 0 ? "" : string(sectionNames, image.u32(h), h, "section name", "the section name string table");
            sectionNameCache[index] = cached;
        }
        return cached;
    }

    /** The NUL-terminated string at {@code offset} of {@code table}; {@code at} is where the offset was read. */
    private String string(byte[] table, long offset, int at, String what, String tableName) {
        if (offset >= table.length) {
            if (offset == 0) {
                return ""; // an empty string table: every name is empty
            }
            throw image.invalid(at, what + " offset " + offset + " into the string table of " + tableName + " ("
                    + table.length + " bytes)");
        }
        int start = (int) offset;
        int end = start;
        while (end < table.length && table[end] != 0) {
            end++;
        }
        if (end == table.length) {
            throw image.invalid(at, what + " at offset " + offset + " of the string table of " + tableName
                    + ": no terminating NUL");
        }
        return new String(table, start, end - start, StandardCharsets.UTF_8);
    }
}
