package dev.uknative.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.uknative.core.ExitCode;
import dev.uknative.core.UknativeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UnikraftTreeTest {

    @TempDir
    Path temp;

    /** The files {@link UnikraftTree#open} checks, and version.mk as Unikraft 0.17.0 has it. */
    static Path fakeTree(Path folder) throws IOException {
        Files.createDirectories(folder.resolve("support/build"));
        Files.writeString(folder.resolve("Makefile"), "# fake\n");
        Files.writeString(folder.resolve("Config.uk"), "# fake\n");
        Files.writeString(folder.resolve("support/build/Makefile.rules"), "# fake\n");
        Files.writeString(folder.resolve("version.mk"), """
                UK_VERSION = 0
                UK_SUBVERSION = 17
                UK_EXTRAVERSION = 0
                UK_CODENAME = Calypso
                # https://en.wikipedia.org/wiki/Moons_of_Saturn (by discovery year)
                """);
        return folder;
    }

    @Test
    void readsTheVersion() throws IOException {
        Path tree = fakeTree(temp.resolve("unikraft"));

        UnikraftTree t = UnikraftTree.open(tree, "--unikraft-source");

        assertThat(t.path()).isEqualTo(tree.toAbsolutePath().normalize());
        assertThat(t.version()).contains("0.17.0");
    }

    @Test
    void otherAssignmentForms() throws IOException {
        Path tree = fakeTree(temp.resolve("unikraft"));
        Files.writeString(tree.resolve("version.mk"), "UK_VERSION := 1\n  UK_SUBVERSION?=2\nUK_EXTRAVERSION=3-rc1\n");

        assertThat(UnikraftTree.open(tree, "test").version()).contains("1.2.3-rc1");
    }

    @Test
    void missingExtraVersionIsZero() throws IOException {
        Path tree = fakeTree(temp.resolve("unikraft"));
        Files.writeString(tree.resolve("version.mk"), "UK_VERSION = 0\nUK_SUBVERSION = 16\n");

        assertThat(UnikraftTree.open(tree, "test").version()).contains("0.16.0");
    }

    @Test
    void noVersionMkIsAnUnknownVersion() throws IOException {
        Path tree = fakeTree(temp.resolve("unikraft"));
        Files.delete(tree.resolve("version.mk"));

        assertThat(UnikraftTree.open(tree, "test").version()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Makefile", "Config.uk", "support/build/Makefile.rules"})
    void missingFileIsAnEnvironmentErrorNamingIt(String file) throws IOException {
        Path tree = fakeTree(temp.resolve("unikraft"));
        Files.delete(tree.resolve(file));

        UknativeException e = catchThrowableOfType(UknativeException.class,
                () -> UnikraftTree.open(tree, "--unikraft-source"));

        assertThat(e.exitCode()).isEqualTo(ExitCode.ENVIRONMENT);
        assertThat(e.getMessage()).contains(file + " is missing").contains(tree.toString()).contains("--unikraft-source");
    }

    @Test
    void missingFolderIsAnEnvironmentError() {
        Path tree = temp.resolve("nothing-here");

        UknativeException e = catchThrowableOfType(UknativeException.class,
                () -> UnikraftTree.open(tree, "UKNATIVE_UNIKRAFT_SOURCE"));

        assertThat(e.exitCode()).isEqualTo(ExitCode.ENVIRONMENT);
        assertThat(e.getMessage()).contains(tree.toString(), "does not exist", "UKNATIVE_UNIKRAFT_SOURCE");
    }

    @Test
    void location() throws IOException {
        UnikraftTree t = UnikraftTree.open(fakeTree(temp.resolve("unikraft")), "test");

        assertThat(t.location("Config.uk").file()).isEqualTo(t.path().resolve("Config.uk"));
        assertThat(t.location("Config.uk").line()).isZero();
    }
}
