package dev.uknative.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.uknative.core.ExitCode;
import dev.uknative.core.UknativeException;
import dev.uknative.project.KraftfileEditor.Edit;
import dev.uknative.project.KraftfileEditor.Scope;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Golden before/after Kraftfiles in {@code kraftfiles/edit} (see kraftfiles/edit/README.md), each also
 * run with CRLF line endings and without a final newline; for every one, KraftfileReader must read
 * the result as the input with exactly the edit applied, and at most one line of the input may change.
 */
class KraftfileEditorTest {

    /** A path that does not exist: only locations and the default name use it. */
    private static final Path FILE = Path.of("/project/hello/Kraftfile");
    private static final Pattern EDIT = Pattern.compile("^# edit: (set|unset) (unikraft|library=\\S+|target=\\S+) (\\w+)(?: (.+))?$");
    private static final Pattern EXPECT = Pattern.compile("^# expect: (\\d+):(\\d+): (.+)$");

    private final KraftfileEditor editor = new KraftfileEditor(FILE);
    private final KraftfileReader reader = new KraftfileReader();

    // ---- Golden cases ----

    /** A way of writing the same file: the golden pair is written with LF and a final newline. */
    enum Variant {
        LF(s -> s),
        CRLF(s -> s.replace("\n", "\r\n")),
        NO_FINAL_NEWLINE(s -> s.substring(0, s.length() - 1)),
        CRLF_NO_FINAL_NEWLINE(s -> CRLF.rewrite.apply(NO_FINAL_NEWLINE.rewrite.apply(s)));

        private final UnaryOperator<String> rewrite;

        Variant(UnaryOperator<String> rewrite) {
            this.rewrite = rewrite;
        }
    }

    static Stream<Arguments> goldenCases() throws IOException, URISyntaxException {
        Path folder = resource("/kraftfiles/edit");
        List<Path> befores;
        try (Stream<Path> files = Files.list(folder)) {
            befores = files.filter(f -> f.getFileName().toString().endsWith(".before.yaml")).sorted().toList();
        }
        // Guards against a resource folder that silently stopped being copied.
        assertThat(befores).hasSizeGreaterThanOrEqualTo(40);
        List<Arguments> cases = new ArrayList<>();
        for (Path before : befores) {
            String name = before.getFileName().toString().replace(".before.yaml", "");
            for (Variant variant : Variant.values()) {
                cases.add(Arguments.of(name, variant));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} ({1})")
    @MethodSource("goldenCases")
    void editGivesTheGoldenText(String name, Variant variant) throws IOException, URISyntaxException {
        Path folder = resource("/kraftfiles/edit");
        String goldenBefore = Files.readString(folder.resolve(name + ".before.yaml"), StandardCharsets.UTF_8);
        String goldenAfter = Files.readString(folder.resolve(name + ".after.yaml"), StandardCharsets.UTF_8);
        assertThat(goldenBefore).as("fixtures are written with LF").doesNotContain("\r");
        Edit edit = edit(goldenBefore);
        String before = variant.rewrite.apply(goldenBefore);

        String after = editor.apply(before, List.of(edit));

        assertThat(after).isEqualTo(variant.rewrite.apply(goldenAfter));
        assertAtMostOneLineChanged(before, after);
        assertReadsAsEdited(before, after, edit);
    }

    /** Lines the two texts share at their start and end leave at most one line of {@code before}. */
    private static void assertAtMostOneLineChanged(String before, String after) {
        List<String> a = List.of(before.split("\r?\n", -1));
        List<String> b = List.of(after.split("\r?\n", -1));
        int prefix = 0;
        while (prefix < a.size() && prefix < b.size() && a.get(prefix).equals(b.get(prefix))) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < a.size() - prefix && suffix < b.size() - prefix
                && a.get(a.size() - 1 - suffix).equals(b.get(b.size() - 1 - suffix))) {
            suffix++;
        }
        assertThat(a.size() - prefix - suffix).as("lines of the input changed").isLessThanOrEqualTo(1);
    }

    /**
     * Everything KraftfileReader reads is the same before and after, except the edited block, which
     * holds the entries it held with exactly this edit applied.
     */
    private void assertReadsAsEdited(String before, String after, Edit edit) {
        Kraftfile edited = reader.parse(FILE, after);
        Kraftfile original;
        try {
            original = reader.parse(FILE, before);
        } catch (UknativeException refused) {
            // The reader refuses the input (an entry without a value): the edited entry must now read.
            assertThat(blocks(edited).get(blockIndex(edited, edit.scope())))
                    .contains(edit.symbol() + "=" + edit.value().orElseThrow());
            return;
        }
        assertThat(shape(edited)).isEqualTo(shape(original));
        List<List<String>> expected = new ArrayList<>(blocks(original));
        int index = blockIndex(original, edit.scope());
        expected.set(index, applied(expected.get(index), edit));
        assertThat(blocks(edited)).isEqualTo(expected);
    }

    /** The kconfig of unikraft, of every library, of every target, in that order. */
    private static List<List<String>> blocks(Kraftfile k) {
        List<List<String>> blocks = new ArrayList<>();
        blocks.add(lines(k.unikraft().kconfig()));
        k.libraries().forEach(l -> blocks.add(lines(l.kconfig())));
        k.targets().forEach(t -> blocks.add(lines(t.kconfig())));
        return blocks;
    }

    private static int blockIndex(Kraftfile k, Scope scope) {
        if (scope instanceof Scope.Library library) {
            return 1 + k.libraries().stream().map(ComponentSpec::name).toList().indexOf(library.name());
        }
        if (scope instanceof Scope.Target target) {
            List<TargetSpec> targets = k.targets();
            for (int i = 0; i < targets.size(); i++) {
                if (targets.get(i).name().map(target.selector()::equals).orElse(false)) {
                    return 1 + k.libraries().size() + i;
                }
            }
            String[] parts = target.selector().split("/");
            String id = Platform.parse(parts[0]).orElseThrow().id() + "/" + Architecture.parse(parts[1]).orElseThrow().id();
            return 1 + k.libraries().size() + targets.stream().map(TargetSpec::id).toList().indexOf(id);
        }
        return 0;
    }

    /** What the reader reads besides kconfig: all of it must stay the same. */
    private static List<Object> shape(Kraftfile k) {
        return List.of(k.spec(), k.name(), k.cmd(), k.unikraft().source(), k.unikraft().version(),
                k.libraries().stream().map(l -> List.of(l.name(), l.source(), l.version())).toList(),
                k.targets().stream().map(t -> List.of(t.name(), t.platform(), t.architecture())).toList());
    }

    private static List<String> lines(List<KconfigEntry> entries) {
        return entries.stream().map(KconfigEntry::line).toList();
    }

    private static List<String> applied(List<String> lines, Edit edit) {
        List<String> result = new ArrayList<>();
        boolean written = false;
        for (String line : lines) {
            if (!line.startsWith(edit.symbol() + "=")) {
                result.add(line);
            } else if (edit.value().isPresent()) {
                result.add(edit.symbol() + "=" + edit.value().get());
                written = true;
            }
        }
        if (edit.value().isPresent() && !written) {
            result.add(edit.symbol() + "=" + edit.value().get());
        }
        return result;
    }

    /** The edit announced by a fixture's {@code # edit: set|unset SCOPE SYMBOL [VALUE]} line. */
    private static Edit edit(String fixture) {
        String line = fixture.lines().filter(l -> l.startsWith("# edit: ")).findFirst().orElseThrow();
        Matcher m = EDIT.matcher(line);
        assertThat(m.matches()).as("edit line: %s", line).isTrue();
        String scopeText = m.group(2);
        Scope scope = scopeText.equals("unikraft") ? Scope.unikraft()
                : scopeText.startsWith("library=") ? Scope.library(scopeText.substring("library=".length()))
                : Scope.target(scopeText.substring("target=".length()));
        return m.group(1).equals("set") ? Edit.set(scope, m.group(3), m.group(4)) : Edit.unset(scope, m.group(3));
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(KraftfileEditorTest.class.getResource(name).toURI());
    }

    // ---- Refused files ----

    static Stream<Path> badFiles() throws IOException, URISyntaxException {
        try (Stream<Path> files = Files.list(resource("/kraftfiles/edit/bad"))) {
            List<Path> yaml = files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
            assertThat(yaml).hasSizeGreaterThanOrEqualTo(12);
            return yaml.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void badFileIsRefusedAtTheAnnouncedPosition(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        String expectLine = text.lines().filter(l -> l.startsWith("# expect: ")).findFirst().orElseThrow();
        Matcher expect = EXPECT.matcher(expectLine);
        assertThat(expect.matches()).as("expect line of %s", file.getFileName()).isTrue();

        UknativeException e = catchThrowableOfType(UknativeException.class, () -> editor.apply(text, List.of(edit(text))));

        assertThat(e).as("no error for %s", file.getFileName()).isNotNull();
        assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(e.describe()).startsWith(FILE + ":" + expect.group(1) + ":" + expect.group(2) + ": ").contains(expect.group(3));
        assertThat(e.hint()).isPresent();
    }

    // ---- Values ----

    @Nested
    class Values {

        /** Kconfig texts that must come back exactly, in every form of block. */
        static Stream<String> values() {
            return Stream.of("y", "n", "m", "0", "42", "-1", "0x10", "0XfF",
                    "\"hello world\"", "\"\"", "\"42\"", "\"y\"", "\"-1\"", "\"0x10\"", "\"true\"", "\"null\"", "\"~\"",
                    "\"say \\\"hi\\\" \\\\o/\"", "\"\\\"quoted\\\"\"", "\"a: b # c\"", "\"it's\"", "\"hi, [there] {x}\"",
                    "\" leading and trailing \"", "\"\\a\"", "\"#not a comment\"", "\"- dash\"", "\"héllo 🌍\"",
                    "\"/path/to/file\"", "\"=\"", "\"a=b\"", "\"\\\\\"");
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("values")
        void roundTripInEveryBlockForm(String value) {
            List<String> forms = List.of(
                    "unikraft:\n  kconfig:\n    CONFIG_OTHER: y\n",
                    "unikraft:\n  kconfig:\n    CONFIG_X: old  # comment\n",
                    "unikraft:\n  kconfig:\n    - CONFIG_OTHER=y\n",
                    "unikraft:\n  kconfig:\n    - CONFIG_X=old  # comment\n",
                    "unikraft:\n  kconfig: {CONFIG_OTHER: y}\n",
                    "unikraft:\n  kconfig: {CONFIG_X: old, CONFIG_OTHER: y}\n",
                    "unikraft:\n  kconfig: [CONFIG_OTHER=y]\n",
                    "unikraft:\n  kconfig: [CONFIG_X=old, CONFIG_OTHER=y]\n",
                    "unikraft:\n  kconfig:\n    - 'CONFIG_X=old'\n",
                    "unikraft:\n  kconfig:\n    - \"CONFIG_X=old\"\n",
                    "unikraft: stable\n",
                    "name: hello\n",
                    "targets: [qemu/x86_64]\n");
            for (String form : forms) {
                Scope scope = form.startsWith("targets") ? Scope.target("qemu/x86_64") : Scope.unikraft();
                String edited = editor.set(form, scope, "CONFIG_X", value);
                Kraftfile k = reader.parse(FILE, edited);
                List<KconfigEntry> entries = form.startsWith("targets") ? k.targets().get(0).kconfig() : k.unikraft().kconfig();
                assertThat(entries).as("%s in:%n%s", value, edited).filteredOn(e -> e.symbol().equals("CONFIG_X"))
                        .singleElement().extracting(KconfigEntry::value).isEqualTo(value);
            }
        }

        @Test
        void stringsAreWrittenAsGivenWhenYamlReadsThemBack() {
            assertThat(KraftfileEditor.mappingValue("\"hello world\"")).isEqualTo("\"hello world\"");
            assertThat(KraftfileEditor.mappingValue("\"say \\\"hi\\\"\"")).isEqualTo("\"say \\\"hi\\\"\"");
            assertThat(KraftfileEditor.mappingValue("y")).isEqualTo("y");
            assertThat(KraftfileEditor.mappingValue("0x10")).isEqualTo("0x10");
            // The reader would keep 42 and y unquoted, and "\a" has an escape YAML reads differently.
            assertThat(KraftfileEditor.mappingValue("\"42\"")).isEqualTo("'\"42\"'");
            assertThat(KraftfileEditor.mappingValue("\"y\"")).isEqualTo("'\"y\"'");
            assertThat(KraftfileEditor.mappingValue("\"\\a\"")).isEqualTo("'\"\\a\"'");
            assertThat(KraftfileEditor.mappingValue("\"it's \\\"x\\\"\"")).isEqualTo("\"it's \\\"x\\\"\"");
        }

        @ParameterizedTest
        @ValueSource(strings = {"hello", "\"unterminated", "\"a\" \"b\"", "yes", "1.5", "", "\"bad \\\"", "\"two\nlines\""})
        void valuesThatAreNotKconfigTextAreUsageErrors(String value) {
            UknativeException e = catchThrowableOfType(UknativeException.class, () -> Edit.set(Scope.unikraft(), "CONFIG_X", value));

            assertThat(e).isNotNull();
            assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE);
            assertThat(e.hint()).hasValueSatisfying(h -> assertThat(h).contains("double-quoted"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "CONFIG-X", "CONFIG X", "X=y"})
        void symbolsThatAreNotKconfigSymbolsAreUsageErrors(String symbol) {
            UknativeException e = catchThrowableOfType(UknativeException.class, () -> Edit.unset(Scope.unikraft(), symbol));

            assertThat(e).isNotNull();
            assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE);
        }

        @Test
        void symbolsCarryTheirPrefix() {
            assertThat(Edit.set(Scope.unikraft(), "LIBUKDEBUG", "y").symbol()).isEqualTo("CONFIG_LIBUKDEBUG");
            assertThat(Edit.unset(Scope.unikraft(), "CONFIG_LIBUKDEBUG").symbol()).isEqualTo("CONFIG_LIBUKDEBUG");
            assertThat(Edit.set(Scope.target("dev"), "A", "y").describe()).isEqualTo("CONFIG_A=y in targets[dev].kconfig");
        }
    }

    // ---- Several edits ----

    @Nested
    class SeveralEdits {

        @Test
        void editsApplyInOrderEachToTheResultOfTheOneBefore() {
            String text = """
                    name: hello
                    unikraft: stable  # pinned
                    targets:
                      - qemu/x86_64
                    """;

            String edited = editor.apply(text, List.of(
                    Edit.set(Scope.unikraft(), "CONFIG_A", "y"),
                    Edit.set(Scope.unikraft(), "CONFIG_B", "\"b\""),
                    Edit.set(Scope.target("qemu/x86_64"), "CONFIG_C", "3"),
                    Edit.set(Scope.target("qemu/x86_64"), "CONFIG_D", "n"),
                    Edit.unset(Scope.unikraft(), "CONFIG_A"),
                    Edit.set(Scope.unikraft(), "CONFIG_B", "\"bee\"")));

            assertThat(edited).isEqualTo("""
                    name: hello
                    unikraft:  # pinned
                      version: stable
                      kconfig:
                        CONFIG_B: "bee"
                    targets:
                      - plat: qemu
                        arch: x86_64
                        kconfig:
                          CONFIG_C: 3
                          CONFIG_D: n
                    """);
        }

        @Test
        void noEditsGiveTheSameText() {
            String text = "name: hello\r\n";

            assertThat(editor.apply(text, List.of())).isSameAs(text);
        }

        @Test
        void anEditThatChangesNothingGivesTheSameText() {
            String text = "unikraft:\n  kconfig:\n    LIBUKDEBUG: true\n";

            assertThat(editor.set(text, Scope.unikraft(), "CONFIG_LIBUKDEBUG", "y")).isEqualTo(text);
            assertThat(editor.unset(text, Scope.unikraft(), "CONFIG_OTHER")).isEqualTo(text);
        }

        @Test
        void theSetAndUnsetShortcutsAreSingleEdits() {
            String text = "unikraft:\n  kconfig:\n    - CONFIG_A=y\n";

            String set = editor.set(text, Scope.unikraft(), "A", "n");
            String unset = editor.unset(set, Scope.unikraft(), "A");

            assertThat(set).isEqualTo("unikraft:\n  kconfig:\n    - CONFIG_A=n\n");
            assertThat(unset).isEqualTo("unikraft:\n  kconfig:\n");
            assertThat(reader.parse(FILE, unset).unikraft().kconfig()).isEmpty();
        }

        @Test
        void anEmptyFileIsRefused() {
            UknativeException e = catchThrowableOfType(UknativeException.class,
                    () -> editor.set("# only a comment\n", Scope.unikraft(), "A", "y"));

            assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
            assertThat(e.describe()).isEqualTo(FILE + ": is empty");
        }
    }
}
