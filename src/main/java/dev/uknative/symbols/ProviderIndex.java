package dev.uknative.symbols;

import dev.uknative.elf.ElfSymbol;
import dev.uknative.elf.ObjectSymbols;
import dev.uknative.elf.SymbolBinding;
import dev.uknative.elf.SymbolType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What every library of one Unikraft version defines and needs, read from the {@code lib*.o} objects
 * of a build with as many libraries on as the configuration allows (the truth, where
 * {@code exportsyms.uk} is stale), and the architecture's syscall numbers.
 *
 * @param key       identifies the Unikraft tree, toolchain and target the index was made from
 * @param libraries each library's option ({@code LIBPOSIX_FDIO}; empty when always built) and symbols
 */
public final class ProviderIndex {

    /** The library whose weak definitions are Unikraft's {@code -ENOSYS} stubs, not implementations. */
    public static final String SYSCALL_SHIM = "libsyscall_shim";

    /** Version 2 closes the text with {@link #CHECKSUM}; a version 1 file is not read, so it is made again. */
    private static final String HEADER = "# uknative provider index 2";
    /** The last line: the sha256 of every line before it. A file cut at a line boundary reads as an index without it. */
    private static final String CHECKSUM = "sha256\t";

    /** One library's link interface. */
    public record Library(String name, Optional<String> option, ObjectSymbols symbols) {
        public Library {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(option, "option");
            Objects.requireNonNull(symbols, "symbols");
        }

        /** Whether its definition of {@code s} implements something: weak definitions of the syscall shim are -ENOSYS stubs. */
        public boolean implementsSymbol(ElfSymbol s) {
            return !(s.isWeak() && name.equals(SYSCALL_SHIM));
        }
    }

    private final String key;
    private final List<Library> libraries;
    private final SyscallTable syscalls;
    private final Map<String, List<Map.Entry<Library, ElfSymbol>>> bySymbol = new HashMap<>();

    public ProviderIndex(String key, List<Library> libraries, SyscallTable syscalls) {
        this.key = Objects.requireNonNull(key, "key");
        this.libraries = List.copyOf(libraries);
        this.syscalls = Objects.requireNonNull(syscalls, "syscalls");
        for (Library library : this.libraries) {
            for (ElfSymbol s : library.symbols().defined()) {
                bySymbol.computeIfAbsent(s.name(), k -> new ArrayList<>()).add(Map.entry(library, s));
            }
        }
    }

    public String key() {
        return key;
    }

    public List<Library> libraries() {
        return libraries;
    }

    public SyscallTable syscalls() {
        return syscalls;
    }

    public Optional<Library> library(String name) {
        return libraries.stream().filter(l -> l.name().equals(name)).findFirst();
    }

    /** Every library that defines {@code symbol}, in index order, with its definition. */
    public List<Map.Entry<Library, ElfSymbol>> definitions(String symbol) {
        return bySymbol.getOrDefault(symbol, List.of());
    }

    /** A line-oriented text form, stable across runs, for the cache; its last line is the checksum of the others. */
    public String render() {
        StringBuilder out = new StringBuilder(HEADER).append('\n');
        out.append("key\t").append(key).append('\n');
        for (Library library : libraries) {
            out.append("lib\t").append(library.name()).append('\t').append(library.option().orElse("-")).append('\n');
            for (ElfSymbol s : library.symbols().defined()) {
                out.append("D\t").append(binding(s)).append('\t').append(type(s)).append('\t').append(s.name()).append('\n');
            }
            for (ElfSymbol s : library.symbols().undefined()) {
                out.append("U\t").append(binding(s)).append('\t').append(type(s)).append('\t').append(s.name()).append('\n');
            }
        }
        for (Map.Entry<Integer, String> e : new java.util.TreeMap<>(syscalls.names()).entrySet()) {
            out.append("sys\t").append(e.getKey()).append('\t').append(e.getValue()).append('\n');
        }
        String body = out.toString();
        return body + CHECKSUM + sha256(body) + "\n";
    }

    private static String sha256(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /**
     * Reads {@link #render()}'s form; empty when the text is not such an index (an older or damaged
     * cache file, one cut short or edited: its checksum no longer matches).
     */
    public static Optional<ProviderIndex> parse(String text) {
        int last = text.lastIndexOf(CHECKSUM);
        if (last <= 0 || text.charAt(last - 1) != '\n' || !text.endsWith("\n")
                || !text.substring(last + CHECKSUM.length(), text.length() - 1).equals(sha256(text.substring(0, last)))) {
            return Optional.empty();
        }
        String[] lines = text.substring(0, last).split("\n");
        if (lines.length < 2 || !lines[0].equals(HEADER) || !lines[1].startsWith("key\t")) {
            return Optional.empty();
        }
        String key = lines[1].substring(4);
        List<Library> libraries = new ArrayList<>();
        Map<Integer, String> syscalls = new LinkedHashMap<>();
        String name = null;
        Optional<String> option = Optional.empty();
        List<ElfSymbol> defined = new ArrayList<>();
        List<ElfSymbol> undefined = new ArrayList<>();
        for (int i = 2; i < lines.length; i++) {
            String[] f = lines[i].split("\t");
            switch (f[0]) {
                case "lib" -> {
                    if (f.length != 3) {
                        return Optional.empty();
                    }
                    if (name != null) {
                        libraries.add(new Library(name, option, new ObjectSymbols(name + ".o", defined, undefined)));
                    }
                    name = f[1];
                    option = f[2].equals("-") ? Optional.empty() : Optional.of(f[2]);
                    defined = new ArrayList<>();
                    undefined = new ArrayList<>();
                }
                case "D", "U" -> {
                    if (f.length != 4 || name == null) {
                        return Optional.empty();
                    }
                    boolean isDefined = f[0].equals("D");
                    ElfSymbol s = new ElfSymbol(f[3], f[1].equals("W") ? SymbolBinding.WEAK : SymbolBinding.GLOBAL,
                            switch (f[2]) {
                                case "F" -> SymbolType.FUNC;
                                case "O" -> SymbolType.OBJECT;
                                default -> SymbolType.NOTYPE;
                            }, isDefined ? ".text" : ElfSymbol.UNDEFINED, 0);
                    (isDefined ? defined : undefined).add(s);
                }
                case "sys" -> {
                    if (f.length != 3) {
                        return Optional.empty();
                    }
                    try {
                        syscalls.put(Integer.parseInt(f[1]), f[2]);
                    } catch (NumberFormatException e) {
                        return Optional.empty();
                    }
                }
                default -> {
                    return Optional.empty();
                }
            }
        }
        if (name != null) {
            libraries.add(new Library(name, option, new ObjectSymbols(name + ".o", defined, undefined)));
        }
        return Optional.of(new ProviderIndex(key, libraries, new SyscallTable(syscalls)));
    }

    private static char binding(ElfSymbol s) {
        return s.isWeak() ? 'W' : 'G';
    }

    private static char type(ElfSymbol s) {
        return s.isFunction() ? 'F' : s.isData() ? 'O' : 'N';
    }
}
