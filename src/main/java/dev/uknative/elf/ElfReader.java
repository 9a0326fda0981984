package dev.uknative.elf;

import dev.uknative.core.ExitCode;
import dev.uknative.core.Location;
import dev.uknative.core.UknativeException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads ELF64 little-endian objects, shared objects and executables (x86-64, AArch64).
 *
 * <p>Malformed input fails with a {@link UknativeException} of exit code INVALID_INPUT whose location
 * reads {@code file+offset} (the byte offset inside the file) and whose message starts with
 * "premature end of …" (something lies past the end of the file) or "invalid …" (a value that is wrong
 * whatever the length). Nothing else is thrown.
 */
public final class ElfReader {

    /** Reads the whole file: sections and all symbols of {@code .symtab} and {@code .dynsym}. */
    public ElfFile read(Path file) {
        return parser(map(file), file.toString(), file.getFileName().toString()).file();
    }

    /** Reads an image held in memory; {@code name} stands for the file in results and errors. */
    public ElfFile read(byte[] bytes, String name) {
        return parser(ByteBuffer.wrap(bytes), name, name).file();
    }

    /** Where things are: sections with addresses and flags, {@code .symtab} with symbol values. */
    public ElfLayout readLayout(Path file) {
        return parser(map(file), file.toString(), file.getFileName().toString()).layout();
    }

    /** Only the link interface of the file: its defined and undefined globals. */
    public ObjectSymbols readSymbols(Path file) {
        return parser(map(file), file.toString(), file.getFileName().toString()).globals();
    }

    /** The globals of an object and its raw {@code syscall} instructions. */
    public ObjectSymbols readSymbolsWithSyscalls(Path file) {
        return parser(map(file), file.toString(), file.getFileName().toString()).globals(true);
    }

    public ObjectSymbols readSymbols(byte[] bytes, String name) {
        return parser(ByteBuffer.wrap(bytes), name, name).globals();
    }

    /** Like {@link #readSymbolsWithSyscalls(Path)}, for an image held in memory. */
    public ObjectSymbols readSymbolsWithSyscalls(byte[] bytes, String name) {
        return parser(ByteBuffer.wrap(bytes), name, name).globals(true);
    }

    private static ElfParser parser(ByteBuffer bytes, String where, String name) {
        return new ElfParser(new Region(bytes, Region.printable(where)), name);
    }

    /**
     * Maps a file read-only: only the pages holding headers and symbol tables are ever touched.
     * Files of 2 GiB and more are refused (a ByteBuffer's limit is an int).
     */
    static MappedByteBuffer map(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size > Integer.MAX_VALUE) {
                throw UknativeException.invalidInput(Location.of(file), "file too large to read: " + size
                        + " bytes (at most 2 GiB)", null);
            }
            return channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
        } catch (IOException e) {
            throw new UknativeException(ExitCode.INVALID_INPUT, Location.of(file),
                    "cannot read " + file + ": " + e, "check that the file exists and is readable", e);
        }
    }
}
