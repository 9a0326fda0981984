package dev.uknative.elf;

import dev.uknative.core.Location;
import dev.uknative.core.UknativeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the symbols of every ELF member of an ar archive: the GNU/System V format ({@code /} symbol
 * table, {@code //} long-name table, {@code name/} and {@code /123} names) and the BSD one
 * ({@code #1/NN} names, {@code __.SYMDEF}). A GNU thin archive ({@code !<thin>}) holds only the paths
 * of its members, and is refused with those paths named.
 *
 * <p>Malformed input fails with a {@link UknativeException} of exit code INVALID_INPUT, located at
 * {@code archive+offset} for the archive's own structure (offset in the archive) and at
 * {@code archive(member)+offset} inside a member (offset in the member), with a message starting
 * "premature end of …" or "invalid …". Member data is never copied: each member is a slice of the
 * mapped file.
 */
public final class ArchiveReader {

    private static final byte[] MAGIC = "!<arch>\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] THIN_MAGIC = "!<thin>\n".getBytes(StandardCharsets.US_ASCII);
    private static final int HEADER_SIZE = 60;
    /** A member size has at most 10 decimal digits: no more than 9,999,999,999 bytes. */
    private static final int SIZE_FIELD = 10;

    public ArchiveSymbols read(Path archive) {
        return read(ElfReader.map(archive), archive.toString(), false);
    }

    /** Like {@link #read(Path)}, and each member also lists its raw {@code syscall} instructions (a scan of its code). */
    public ArchiveSymbols readWithSyscalls(Path archive) {
        return read(ElfReader.map(archive), archive.toString(), true);
    }

    /** Reads an archive held in memory; {@code name} stands for the file in results and errors. */
    public ArchiveSymbols read(byte[] bytes, String name) {
        return read(ByteBuffer.wrap(bytes), name, false);
    }

    /** Like {@link #read(byte[], String)}, with each member's raw {@code syscall} instructions. */
    public ArchiveSymbols readWithSyscalls(byte[] bytes, String name) {
        return read(ByteBuffer.wrap(bytes), name, true);
    }

    /**
     * Every ELF member read whole (sections, all symbols, locals included), named by its member name:
     * what a size report needs. Members that are not ELF objects are left out.
     */
    public List<ElfFile> readObjects(Path archive) {
        List<ElfFile> objects = new ArrayList<>();
        read(ElfReader.map(archive), archive.toString(), parser -> objects.add(parser.file()));
        return objects;
    }

    private static ArchiveSymbols read(ByteBuffer bytes, String name, boolean withSyscalls) {
        List<ObjectSymbols> members = new ArrayList<>();
        List<SkippedMember> skipped = read(bytes, name, parser -> members.add(parser.globals(withSyscalls)));
        return ArchiveSymbols.of(name, members, skipped);
    }

    /** Walks the members, handing each ELF one's parser to {@code member}; returns the members skipped. */
    private static List<SkippedMember> read(ByteBuffer bytes, String name, java.util.function.Consumer<ElfParser> member) {
        Region archive = new Region(bytes, Region.printable(name));
        archive.require(0, MAGIC.length, "archive magic");
        boolean thin = startsWith(archive, 0, THIN_MAGIC);
        if (!thin && !startsWith(archive, 0, MAGIC)) {
            throw archive.invalid(0, "archive magic: expected !<arch>\\n");
        }
        List<SkippedMember> skipped = new ArrayList<>();
        List<String> thinMembers = new ArrayList<>();
        byte[] longNames = null;
        int longNamesOffset = 0;
        long pos = MAGIC.length;
        while (pos < archive.size()) {
            int header = (int) pos;
            if (archive.size() - header < HEADER_SIZE) {
                if (onlyNewlines(archive, header)) {
                    break; // trailing padding
                }
                throw archive.truncated(header, "member header", "needs 60 bytes, " + (archive.size() - header) + " left");
            }
            if (archive.u8(header + 58) != '`' || archive.u8(header + 59) != '\n') {
                throw archive.invalid(header + 58, "member header terminator: expected `\\n (not an ar member header)");
            }
            String rawName = ascii(archive, header, 16).stripTrailing();
            long size = parseSize(archive, header + 48);
            int data = header + HEADER_SIZE;
            boolean external = thin && !rawName.equals("/") && !rawName.equals("//") && !rawName.equals("/SYM64/");
            if (!external) {
                archive.require(data, size, "member " + rawName + " (header at offset " + header + ")");
            }
            long next = data + (external ? 0 : size + (size & 1));
            int content = data;
            int contentSize = (int) (external ? 0 : size);
            String memberName;
            if (rawName.equals("/") || rawName.equals("/SYM64/")) {
                pos = next; // the linker's symbol index: the members' own tables are the truth
                continue;
            } else if (rawName.equals("//")) {
                longNames = archive.copy(data, (int) size);
                longNamesOffset = data;
                pos = next;
                continue;
            } else if (rawName.startsWith("/") && rawName.length() > 1 && digits(rawName.substring(1))) {
                memberName = longName(archive, header, rawName, longNames, longNamesOffset);
            } else if (rawName.startsWith("#1/") && rawName.length() > 3 && digits(rawName.substring(3))) {
                long length = Long.parseLong(rawName.substring(3));
                if (length > size) {
                    throw archive.invalid(header, "BSD name length " + length + " of member " + rawName
                            + ": larger than the member (" + size + " bytes)");
                }
                memberName = ascii(archive, data, (int) length).replace("\0", "");
                content += (int) length;
                contentSize -= (int) length;
            } else {
                memberName = rawName.endsWith("/") ? rawName.substring(0, rawName.length() - 1) : rawName;
            }
            pos = next;
            if (memberName.startsWith("__.SYMDEF")) {
                continue; // BSD's symbol index
            }
            if (external) {
                thinMembers.add(memberName);
                continue;
            }
            classify(archive, name, header, memberName, archive.slice(content, contentSize,
                    archive.where() + "(" + Region.printable(memberName) + ")"), member, skipped);
        }
        if (thin) {
            throw UknativeException.invalidInput(Location.of(Path.of(archive.where())),
                    "thin archive: its " + thinMembers.size() + " members are files outside it, not inside: "
                            + String.join(", ", thinMembers),
                    "make a regular archive from them (ar rcs new.a followed by the member paths, which are relative"
                            + " to the archive's folder), or use `ar rcs` instead of `ar rcsT`");
        }
        return skipped;
    }

    private static void classify(Region archive, String archiveName, int header, String memberName, Region member,
            java.util.function.Consumer<ElfParser> members, List<SkippedMember> skipped) {
        int magic = member.size() >= 4 ? member.buffer().getInt(0) : 0;
        if (magic == 0x464c457f) { // \x7fELF
            members.accept(new ElfParser(member, memberName));
        } else if (magic == 0xdec0_4342 || magic == 0x0b17_c0de) { // "BC\xC0\xDE", or the bitcode wrapper
            throw archive.error(header, "LLVM bitcode member " + memberName + ": its symbols cannot be read and the"
                    + " GNU toolchain cannot link it",
                    "build without LTO/embed-bitcode (Rust: no -C linker-plugin-lto, -C lto=off or lto = false;"
                            + " clang/zig: no -flto) so that the archive holds ELF objects");
        } else {
            skipped.add(new SkippedMember(memberName, header, member.size() == 0 ? "empty member"
                    : "not an ELF object (starts with " + hex(member) + ")"));
        }
    }

    private static String longName(Region archive, int header, String rawName, byte[] longNames, int tableOffset) {
        if (longNames == null) {
            throw archive.invalid(header, "long name reference " + rawName + ": the archive has no // name table before it");
        }
        String digits = rawName.substring(1);
        long offset = digits.length() > 10 ? Long.MAX_VALUE : Long.parseLong(digits);
        if (offset >= longNames.length) {
            throw archive.invalid(header, "long name reference " + rawName + ": the // name table at offset "
                    + tableOffset + " has " + longNames.length + " bytes");
        }
        int end = (int) offset;
        while (end < longNames.length && longNames[end] != '\n' && longNames[end] != 0) {
            end++;
        }
        String name = new String(longNames, (int) offset, end - (int) offset, StandardCharsets.UTF_8);
        return name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
    }

    /** The decimal size field: digits, then spaces (System V ar; GNU and BSD both write it so). */
    private static long parseSize(Region archive, int at) {
        long size = 0;
        int i = 0;
        for (; i < SIZE_FIELD; i++) {
            int c = archive.u8(at + i);
            if (c < '0' || c > '9') {
                break;
            }
            size = size * 10 + (c - '0');
        }
        boolean valid = i > 0;
        for (; i < SIZE_FIELD; i++) {
            valid &= archive.u8(at + i) == ' ';
        }
        if (!valid) {
            throw archive.invalid(at, "member size \"" + Region.printable(ascii(archive, at, SIZE_FIELD))
                    + "\": expected decimal digits");
        }
        return size;
    }

    private static boolean startsWith(Region r, int at, byte[] prefix) {
        for (int i = 0; i < prefix.length; i++) {
            if (r.buffer().get(at + i) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean onlyNewlines(Region r, int from) {
        for (int i = from; i < r.size(); i++) {
            if (r.u8(i) != '\n') {
                return false;
            }
        }
        return true;
    }

    private static boolean digits(String s) {
        return !s.isEmpty() && s.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private static String ascii(Region r, int at, int length) {
        return new String(r.copy(at, length), StandardCharsets.ISO_8859_1);
    }

    private static String hex(Region member) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < Math.min(4, member.size()); i++) {
            s.append(i == 0 ? "" : " ").append(String.format("%02x", member.u8(i)));
        }
        return s.toString();
    }
}
