package dev.uknative.elf;

import java.util.List;
import java.util.Objects;

/**
 * What an object gives to and needs from a link: its defined globals (weak ones included, see
 * {@link ElfSymbol#isWeak()}) and its undefined globals. Local symbols are left out.
 *
 * @param name     the object's file name, or its member name in an archive
 * @param syscalls its raw {@code syscall} instructions, when they were looked for (see
 *                 {@link ArchiveReader#readWithSyscalls}); otherwise empty
 */
public record ObjectSymbols(String name, List<ElfSymbol> defined, List<ElfSymbol> undefined, List<SyscallSite> syscalls) {

    public ObjectSymbols {
        Objects.requireNonNull(name, "name");
        defined = List.copyOf(defined);
        undefined = List.copyOf(undefined);
        syscalls = List.copyOf(syscalls);
    }

    public ObjectSymbols(String name, List<ElfSymbol> defined, List<ElfSymbol> undefined) {
        this(name, defined, undefined, List.of());
    }

    public List<ElfSymbol> definedFunctions() {
        return defined.stream().filter(ElfSymbol::isFunction).toList();
    }

    public List<ElfSymbol> definedData() {
        return defined.stream().filter(ElfSymbol::isData).toList();
    }
}
