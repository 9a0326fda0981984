package dev.uknative.elf;

import dev.uknative.core.Location;
import dev.uknative.core.UknativeException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * A bounds-checked little-endian view on the bytes of one input (a file, or one archive member), and
 * the two kinds of error it can raise: "premature end of …" when something the input announces lies
 * past its end, "invalid …" when a value is wrong whatever the length (the split Commons Compress's
 * {@code ArArchiveInputStream} makes). Every error names the input and the offset inside it.
 */
final class Region {

    private static final String TRUNCATED_HINT =
            "the file looks incomplete (an interrupted copy, download or build?): rebuild or copy it again";
    private static final String CORRUPT_HINT =
            "the file is not a valid ELF64 object or ar archive (or is damaged): rebuild it";

    private final ByteBuffer bytes;
    private final String where;

    /** {@code where} is the text before {@code +offset}: {@code /path/file.o} or {@code /path/lib.a(member.o)}. */
    Region(ByteBuffer bytes, String where) {
        this.bytes = bytes.slice().order(ByteOrder.LITTLE_ENDIAN);
        this.where = where;
    }

    int size() {
        return bytes.limit();
    }

    String where() {
        return where;
    }

    ByteBuffer buffer() {
        return bytes;
    }

    /** The sub-region {@code [offset, offset + length)}; callers have checked it with {@link #require}. */
    Region slice(int offset, int length, String subWhere) {
        return new Region(bytes.slice(offset, length), subWhere);
    }

    /**
     * Checks that {@code length} bytes starting at {@code offset} are inside this region; both are
     * unsigned values read from the input, so anything negative means "past any end".
     */
    void require(long offset, long length, String what) {
        if (offset < 0 || length < 0 || offset > size() || length > size() - offset) {
            throw truncated(offset, what, "needs " + Long.toUnsignedString(length) + " bytes at offset "
                    + Long.toUnsignedString(offset) + ", the input has " + size());
        }
    }

    int u8(int offset) {
        return bytes.get(offset) & 0xff;
    }

    int u16(int offset) {
        return bytes.getShort(offset) & 0xffff;
    }

    long u32(int offset) {
        return bytes.getInt(offset) & 0xffffffffL;
    }

    /** An unsigned 64-bit value; values of 2^63 and more come back negative and fail every range check. */
    long u64(int offset) {
        return bytes.getLong(offset);
    }

    byte[] copy(int offset, int length) {
        byte[] out = new byte[length];
        bytes.get(offset, out, 0, length);
        return out;
    }

    UknativeException truncated(long offset, String what, String detail) {
        return error(offset, "premature end of " + what + (detail == null ? "" : " (" + detail + ")"), TRUNCATED_HINT);
    }

    UknativeException invalid(long offset, String what) {
        return error(offset, "invalid " + what, CORRUPT_HINT);
    }

    UknativeException error(long offset, String message, String hint) {
        // Location is file:line:col; a binary position is written as its file name, "archive(member)+offset".
        String text = where + "+" + Long.toUnsignedString(offset);
        return UknativeException.invalidInput(Location.of(Path.of(text)), message, hint);
    }

    /** Member names come from the input: keep them printable and free of NUL for {@link Path}. */
    static String printable(String name) {
        StringBuilder s = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            s.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return s.toString();
    }
}
