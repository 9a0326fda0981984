package dev.uknative.elf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.uknative.core.ExitCode;
import dev.uknative.core.UknativeException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Objects and archives made here with gcc and ar, read by us and by GNU nm (the oracle), compared;
 * then real system archives, and a Rust staticlib against readelf (nm prints nothing for Rust objects).
 */
@Tag("tool")
class ElfReaderDifferentialTest {

    @TempDir
    static Path dir;

    private static final String A_C = """
            int counter = 3;
            __thread int tls_var;
            int common_var;
            extern int ext_fn(int);
            __attribute__((weak)) int weak_fn(void) { return 1; }
            extern int weak_ref(void) __attribute__((weak));
            int fn(int x) { return ext_fn(x) + counter + tls_var + common_var + (weak_ref ? weak_ref() : 0); }
            """;
    private static final String B_C = """
            int missing_fn(void);
            const char greeting[] = "hello";
            int ext_fn(int x) { return x + missing_fn(); }
            """;
    /** Longer than 15 characters: GNU ar stores it in the // name table. */
    private static final String LONG_MEMBER = "a_member_with_a_long_name.o";

    @BeforeAll
    static void compile() throws IOException {
        Toolchain.assumeAvailable("gcc", "ar", "nm", "readelf");
        Files.writeString(dir.resolve("a.c"), A_C);
        Files.writeString(dir.resolve("b.c"), B_C);
        Toolchain.run(dir, "gcc", "-c", "-O1", "-fcommon", "a.c", "-o", "a.o");
        Toolchain.run(dir, "gcc", "-c", "-O1", "b.c", "-o", LONG_MEMBER);
        Toolchain.run(dir, "ar", "rcs", "libfix.a", "a.o", LONG_MEMBER);
        Toolchain.run(dir, "ar", "rcsT", "libthin.a", "a.o", LONG_MEMBER);
    }

    @Test
    void readsEveryKindOfSymbolOfAnObject() {
        ObjectSymbols a = new ElfReader().readSymbols(dir.resolve("a.o"));

        Map<String, ElfSymbol> defined = byName(a.defined());
        assertThat(defined.get("fn")).satisfies(s -> {
            assertThat(s.binding()).isEqualTo(SymbolBinding.GLOBAL);
            assertThat(s.type()).isEqualTo(SymbolType.FUNC);
            assertThat(s.section()).isEqualTo(".text");
            assertThat(s.size()).isPositive();
        });
        assertThat(defined.get("weak_fn").isWeak()).isTrue();
        assertThat(defined.get("weak_fn").isFunction()).isTrue();
        assertThat(defined.get("counter")).isEqualTo(new ElfSymbol("counter", SymbolBinding.GLOBAL, SymbolType.OBJECT, ".data", 4));
        assertThat(defined.get("tls_var")).isEqualTo(new ElfSymbol("tls_var", SymbolBinding.GLOBAL, SymbolType.TLS, ".tbss", 4));
        assertThat(defined.get("common_var").section()).isEqualTo(ElfSymbol.COMMON);
        assertThat(a.definedData()).extracting(ElfSymbol::name).containsExactlyInAnyOrder("counter", "tls_var", "common_var");
        assertThat(a.definedFunctions()).extracting(ElfSymbol::name).containsExactlyInAnyOrder("fn", "weak_fn");

        Map<String, ElfSymbol> undefined = byName(a.undefined());
        assertThat(undefined.get("ext_fn").isDefined()).isFalse();
        assertThat(undefined.get("weak_ref").isWeak()).isTrue();
    }

    @Test
    void readsTheWholeFileWithSectionsAndLocals() {
        ElfFile file = new ElfReader().read(dir.resolve("a.o"));

        assertThat(file.elfType()).isEqualTo(ElfFile.ET_REL);
        assertThat(file.machine()).isEqualTo(62);
        assertThat(file.sections()).extracting(ElfSection::name).contains(".text", ".data", ".tbss", ".symtab", ".strtab");
        assertThat(file.symbols()).anySatisfy(s -> assertThat(s.binding()).isEqualTo(SymbolBinding.LOCAL));
        assertThat(file.globals()).isEqualTo(new ElfReader().readSymbols(dir.resolve("a.o")));
        assertThat(file.dynamicSymbols()).isEmpty();
    }

    @Test
    void archiveResolvesUndefinedSymbolsAcrossMembers() {
        ArchiveSymbols lib = new ArchiveReader().read(dir.resolve("libfix.a"));

        assertThat(lib.members()).extracting(ObjectSymbols::name).containsExactly("a.o", LONG_MEMBER);
        assertThat(lib.skipped()).isEmpty();
        assertThat(lib.defined()).containsKeys("fn", "weak_fn", "counter", "tls_var", "common_var", "ext_fn", "greeting");
        assertThat(lib.defined().get("ext_fn").member()).isEqualTo(LONG_MEMBER);
        assertThat(lib.defined().get("greeting").symbol().isData()).isTrue();
        // ext_fn is undefined in a.o but defined by the other member: not undefined for the archive.
        assertThat(lib.undefined()).containsKeys("missing_fn", "weak_ref").doesNotContainKey("ext_fn");
        assertThat(lib.undefined().get("weak_ref").symbol().isWeak()).isTrue();
    }

    @Test
    void archiveMatchesNm() {
        assertMatchesNm(dir.resolve("libfix.a"));
    }

    @Test
    void objectMatchesNm() {
        Path object = dir.resolve("a.o");
        ObjectSymbols ours = new ElfReader().readSymbols(object);
        Set<String>[] sets = Nm.ours(ArchiveSymbols.of("a.o", java.util.List.of(ours), java.util.List.of()), true);
        assertThat(sets[0]).isEqualTo(Nm.defined(object));
        assertThat(sets[1]).isEqualTo(Nm.undefined(object));
    }

    @Test
    void thinArchiveIsRefusedNamingItsMembers() {
        UknativeException e = catchThrowableOfType(UknativeException.class,
                () -> new ArchiveReader().read(dir.resolve("libthin.a")));

        assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(e.getMessage()).contains("thin archive", "outside", "a.o", LONG_MEMBER);
        assertThat(e.hint()).hasValueSatisfying(h -> assertThat(h).contains("ar rcs"));
    }

    @Test
    void bsdArchiveNamesAndNonElfMembers() throws IOException {
        byte[] object = Files.readAllBytes(dir.resolve("a.o"));
        String longName = "a_long_bsd_member_name.o";
        byte[] archive = concat("!<arch>\n".getBytes(StandardCharsets.US_ASCII),
                header("__.SYMDEF SORTED", 8), new byte[8],
                header("#1/" + longName.length(), longName.length() + object.length),
                longName.getBytes(StandardCharsets.US_ASCII), object,
                header("notes.txt", 5), "hello".getBytes(StandardCharsets.US_ASCII), new byte[] {'\n'},
                header("empty", 0));

        ArchiveSymbols lib = new ArchiveReader().read(archive, "bsd.a");

        assertThat(lib.members()).extracting(ObjectSymbols::name).containsExactly(longName);
        assertThat(lib.defined()).containsKey("fn");
        assertThat(lib.skipped()).extracting(SkippedMember::name, SkippedMember::reason).containsExactly(
                org.assertj.core.groups.Tuple.tuple("notes.txt", "not an ELF object (starts with 68 65 6c 6c)"),
                org.assertj.core.groups.Tuple.tuple("empty", "empty member"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/usr/lib/x86_64-linux-gnu/libc_nonshared.a", "/usr/lib/x86_64-linux-gnu/libm-2.36.a",
            "/usr/lib/x86_64-linux-gnu/libmvec.a", "/usr/lib/x86_64-linux-gnu/libc.a"})
    void systemArchivesMatchNm(String path) {
        assumeTrue(Files.isRegularFile(Path.of(path)), path + " is not installed");
        assertMatchesNm(Path.of(path));
    }

    @Test
    void sharedObjectUsesItsDynamicSymbols() {
        Path so = dir.resolve("libfix.so");
        Toolchain.run(dir, "gcc", "-shared", "-fPIC", "-o", so.toString(), "b.c", "-Wl,--unresolved-symbols=ignore-all");

        ElfFile file = new ElfReader().read(so);

        assertThat(file.elfType()).isEqualTo(ElfFile.ET_DYN);
        assertThat(file.dynamicSymbols()).isNotEmpty();
        assertThat(file.globals().defined()).extracting(ElfSymbol::name).contains("ext_fn", "greeting");
        assertThat(file.globals().undefined()).extracting(ElfSymbol::name).contains("missing_fn");
    }

    /** GNU nm prints nothing for Rust 1.95 objects (an LLVM plugin mismatch): readelf -sW is the oracle there. */
    @Test
    void rustStaticlibMatchesReadelf() throws IOException {
        assumeTrue(Toolchain.available("rustc"), "rustc is not installed");
        Files.writeString(dir.resolve("hello.rs"), """
                #[no_mangle]
                pub extern "C" fn hello_add(a: u64, b: u64) -> u64 { a.wrapping_add(b) }
                #[no_mangle]
                pub static HELLO_TABLE: [u32; 4] = [1, 2, 3, 4];
                #[no_mangle]
                pub extern "C" fn hello_print() { println!("hello {}", std::process::id()); }
                """);
        Toolchain.run(dir, "rustc", "--edition=2021", "--crate-type=staticlib", "-O", "-o", "libhello.a", "hello.rs");
        Path lib = dir.resolve("libhello.a");

        ArchiveSymbols ours = new ArchiveReader().read(lib);

        Set<String>[] expected = Nm.readelf(lib);
        Set<String>[] actual = Nm.ours(ours, false);
        assertThat(actual[0]).hasSizeGreaterThan(1000).isEqualTo(expected[0]);
        assertThat(actual[1]).isEqualTo(expected[1]);
        assertThat(ours.defined().get("hello_add").symbol().isFunction()).isTrue();
        assertThat(ours.defined().get("HELLO_TABLE").symbol().isData()).isTrue();
    }

    private static void assertMatchesNm(Path archive) {
        Set<String>[] ours = Nm.ours(new ArchiveReader().read(archive), true);
        assertThat(ours[0]).as("defined globals of %s", archive).isNotEmpty().isEqualTo(Nm.defined(archive));
        assertThat(ours[1]).as("undefined globals of %s", archive).isEqualTo(Nm.undefined(archive));
    }

    private static Map<String, ElfSymbol> byName(java.util.List<ElfSymbol> symbols) {
        return symbols.stream().collect(Collectors.toMap(ElfSymbol::name, Function.identity()));
    }

    static byte[] header(String name, long size) {
        String h = String.format("%-16s%-12s%-6s%-6s%-8s%-10d`\n", name, "0", "0", "0", "644", size);
        return h.getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
