package dev.uknative.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.uknative.core.UknativeException;
import dev.uknative.project.KraftfileEditor.Scope;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Hostile YAML given to the editor: an edit or a located refusal, never a crash. */
class KraftfileEditorLimitsTest {

    private static final Path FILE = Path.of("/project/hello/Kraftfile");

    private final KraftfileEditor editor = new KraftfileEditor(FILE);

    /** Aliases of a node inside itself: walking to the end of such a block never ended. */
    @ParameterizedTest
    @ValueSource(strings = {
        "name: h\nx: &m\n  b: *m\nunikraft:\n  kconfig:\n    CONFIG_A: *m\n",
        "name: h\nunikraft:\n  kconfig:\n    CONFIG_A: &m\n      - *m\n",
        "name: h\nunikraft:\n  kconfig:\n    - CONFIG_A=y\n    - &m\n      - *m\n",
        "name: h\ntargets:\n  - &t\n    plat: qemu\n    arch: x86_64\n    kconfig:\n      CONFIG_A: *t\n",
    })
    void recursiveAliasesAreEditedOrRefusedWithALocation(String text) {
        for (Scope scope : new Scope[] {Scope.unikraft(), Scope.target("qemu/x86_64")}) {
            Throwable set = catchThrowable(() -> editor.set(text, scope, "CONFIG_B", "y"));
            Throwable unset = catchThrowable(() -> editor.unset(text, scope, "CONFIG_A"));

            for (Throwable t : new Throwable[] {set, unset}) {
                if (t != null) {
                    assertThat(t).isInstanceOf(UknativeException.class);
                    assertThat(((UknativeException) t).location()).isPresent();
                }
            }
        }
    }
}
