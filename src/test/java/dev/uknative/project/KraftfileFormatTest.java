package dev.uknative.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.uknative.core.UknativeException;
import dev.uknative.project.KraftfileEditor.Scope;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The reader, the editor and target selection follow one description of the format. */
class KraftfileFormatTest {

    private static final Path FILE = Path.of("/project/hello/Kraftfile");

    private final KraftfileReader reader = new KraftfileReader();
    private final KraftfileEditor editor = new KraftfileEditor(FILE);

    private static final String TWO_QEMU_TARGETS = """
            name: hello
            targets:
              - name: debug
                platform: kvm
                architecture: amd64
              - qemu/x86_64
              - fc/x86_64
            """;

    @Test
    void theEditorAndTheSelectorPickTheSameTargetForEverySelector() {
        Kraftfile before = reader.parse(FILE, TWO_QEMU_TARGETS);
        for (String selector : List.of("debug", "qemu/x86_64", "kvm/amd64", "fc/x86_64", "firecracker/x86_64")) {
            List<TargetSpec> selected = TargetSelector.selected(before, selector);
            assertThat(selected).as(selector).hasSize(1);

            Kraftfile after = reader.parse(FILE, editor.set(TWO_QEMU_TARGETS, Scope.target(selector), "CONFIG_X", "y"));

            for (int i = 0; i < after.targets().size(); i++) {
                boolean edited = before.targets().get(i).equals(selected.get(0));
                assertThat(after.targets().get(i).kconfig()).as(selector + " target " + i).hasSize(edited ? 1 : 0);
            }
        }
    }

    @Test
    void aTargetIsFoundAgainAfterAnEditThatChangesItsShape() {
        Kraftfile before = reader.parse(FILE, TWO_QEMU_TARGETS);
        String text = TWO_QEMU_TARGETS;
        for (TargetSpec target : before.targets()) {
            text = editor.set(text, Scope.target(target), "CONFIG_" + target.displayName().replace('/', '_').toUpperCase(), "y");
        }
        Kraftfile after = reader.parse(FILE, text);

        for (TargetSpec target : before.targets()) {
            assertThat(TargetSelector.selected(after, target.displayName())).singleElement()
                    .satisfies(t -> assertThat(t.kconfig()).singleElement().satisfies(e -> assertThat(e.symbol())
                            .isEqualTo("CONFIG_" + target.displayName().replace('/', '_').toUpperCase())));
        }
    }

    @Test
    void aSelectorTheReaderWouldFindAmbiguousIsRefusedByTheEditorToo() {
        String text = """
                targets:
                  - {name: a, plat: qemu, arch: x86_64}
                  - {name: b, plat: qemu, arch: x86_64}
                """;

        assertThat(TargetSelector.selected(reader.parse(FILE, text), "qemu/x86_64")).hasSize(2);
        UknativeException e = catchThrowableOfType(UknativeException.class,
                () -> editor.set(text, Scope.target("qemu/x86_64"), "CONFIG_X", "y"));
        assertThat(e.getMessage()).contains("2 targets are qemu/x86_64");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/opt/unikraft", "./unikraft", "../unikraft", "~/unikraft", ".", ".."})
    void theShortFormIsExpandedAsTheReaderReadsIt(String path) {
        String text = "name: hello\nunikraft: " + path + "\n";
        ComponentSpec read = reader.parse(FILE, text).unikraft();

        ComponentSpec edited = reader.parse(FILE, editor.set(text, Scope.unikraft(), "CONFIG_X", "y")).unikraft();

        assertThat(read.source()).contains(path);
        assertThat(edited.source()).isEqualTo(read.source());
        assertThat(edited.version()).isEqualTo(read.version());
    }

    @Test
    void aVersionStaysAVersion() {
        String text = "name: hello\nunikraft: stable\n";

        ComponentSpec edited = reader.parse(FILE, editor.set(text, Scope.unikraft(), "CONFIG_X", "y")).unikraft();

        assertThat(edited.version()).contains("stable");
        assertThat(edited.source()).isEmpty();
    }

    @Test
    void bothSpellingsOfAKeyAreRefusedByTheReader() {
        UknativeException e = catchThrowableOfType(UknativeException.class,
                () -> reader.parse(FILE, "targets:\n  - {plat: qemu, platform: fc, arch: x86_64}\n"));

        assertThat(e.getMessage()).contains("'plat' and 'platform' are the same key");
    }
}
