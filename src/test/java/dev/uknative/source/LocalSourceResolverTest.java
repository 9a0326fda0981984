package dev.uknative.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.uknative.core.ExitCode;
import dev.uknative.core.UknativeException;
import dev.uknative.project.Kraftfile;
import dev.uknative.project.KraftfileReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LocalSourceResolverTest {

    @TempDir
    Path temp;

    private Path project;
    private final LocalSourceResolver resolver = new LocalSourceResolver();

    @BeforeEach
    void setUp() throws IOException {
        project = Files.createDirectory(temp.resolve("app"));
    }

    private Kraftfile kraftfile(String text) {
        return new KraftfileReader().parse(project.resolve("Kraftfile"), text);
    }

    private LocalSourceResolver.Resolved resolve(Kraftfile k, Path override, String environment) {
        return resolver.resolve(k, Optional.ofNullable(override), Optional.ofNullable(environment));
    }

    @Test
    void kraftfileSourceIsRelativeToTheProjectFolder() throws IOException {
        Path tree = UnikraftTreeTest.fakeTree(temp.resolve("unikraft"));

        LocalSourceResolver.Resolved r = resolve(kraftfile("unikraft:\n  source: ../unikraft\n"), null, null);

        assertThat(r.unikraft().path()).isEqualTo(tree.toAbsolutePath().normalize());
        assertThat(r.unikraft().version()).contains("0.17.0");
        assertThat(r.libraries()).isEmpty();
        assertThat(r.warnings()).isEmpty();
    }

    @Test
    void shortStringPathIsASource() throws IOException {
        Path tree = UnikraftTreeTest.fakeTree(project.resolve("uk"));

        LocalSourceResolver.Resolved r = resolve(kraftfile("unikraft: ./uk\n"), null, null);

        assertThat(r.unikraft().path()).isEqualTo(tree.toAbsolutePath().normalize());
    }

    @Test
    void environmentBeatsKraftfile() throws IOException {
        UnikraftTreeTest.fakeTree(temp.resolve("from-kraftfile"));
        Path fromEnvironment = UnikraftTreeTest.fakeTree(temp.resolve("from-env"));

        LocalSourceResolver.Resolved r = resolve(kraftfile("unikraft:\n  source: ../from-kraftfile\n"), null,
                fromEnvironment.toString());

        assertThat(r.unikraft().path()).isEqualTo(fromEnvironment.toAbsolutePath().normalize());
    }

    @Test
    void overrideBeatsEnvironmentAndKraftfile() throws IOException {
        UnikraftTreeTest.fakeTree(temp.resolve("from-kraftfile"));
        Path fromEnvironment = UnikraftTreeTest.fakeTree(temp.resolve("from-env"));
        Path override = UnikraftTreeTest.fakeTree(temp.resolve("override"));

        LocalSourceResolver.Resolved r = resolve(kraftfile("unikraft:\n  source: ../from-kraftfile\n"), override,
                fromEnvironment.toString());

        assertThat(r.unikraft().path()).isEqualTo(override.toAbsolutePath().normalize());
    }

    @Test
    void blankEnvironmentIsIgnored() throws IOException {
        Path tree = UnikraftTreeTest.fakeTree(temp.resolve("unikraft"));

        LocalSourceResolver.Resolved r = resolve(kraftfile("unikraft:\n  source: ../unikraft\n"), null, "  ");

        assertThat(r.unikraft().path()).isEqualTo(tree.toAbsolutePath().normalize());
    }

    @Test
    void badOverrideIsNamedInTheError() {
        Path missing = temp.resolve("missing");

        UknativeException e = catchThrowableOfType(UknativeException.class,
                () -> resolve(kraftfile("name: app\n"), missing, null));

        assertThat(e.exitCode()).isEqualTo(ExitCode.ENVIRONMENT);
        assertThat(e.getMessage()).contains("--unikraft-source");
    }

    @Test
    void noTreeAnywhereIsAnEnvironmentError() {
        UknativeException e = catchThrowableOfType(UknativeException.class,
                () -> resolve(kraftfile("unikraft: 0.17.0\n"), null, null));

        assertThat(e.exitCode()).isEqualTo(ExitCode.ENVIRONMENT);
        assertThat(e.hint()).hasValueSatisfying(h ->
                assertThat(h).contains("--unikraft-source", "UKNATIVE_UNIKRAFT_SOURCE"));
    }

    @Test
    void remoteSourceIsNotATree() {
        UknativeException e = catchThrowableOfType(UknativeException.class,
                () -> resolve(kraftfile("unikraft:\n  source: https://github.com/unikraft/unikraft.git\n"), null, null));

        assertThat(e.exitCode()).isEqualTo(ExitCode.ENVIRONMENT);
    }

    @Test
    void differentVersionIsAWarningAtTheUnikraftEntry() throws IOException {
        Path tree = UnikraftTreeTest.fakeTree(temp.resolve("unikraft"));
        Kraftfile k = kraftfile("name: app\nunikraft:\n  source: ../unikraft\n  version: 0.18.0\n");

        LocalSourceResolver.Resolved r = resolve(k, null, null);

        assertThat(r.warnings()).singleElement().asString()
                .startsWith(project.resolve("Kraftfile") + ":3:3: ")
                .contains("'0.18.0'", "0.17.0", tree.toAbsolutePath().normalize().toString());
    }

    @Test
    void differentVersionWithAnOverrideIsAWarning() throws IOException {
        Path tree = UnikraftTreeTest.fakeTree(temp.resolve("unikraft"));

        LocalSourceResolver.Resolved r = resolve(kraftfile("unikraft: v0.16.0\n"), tree, null);

        assertThat(r.warnings()).singleElement().asString().contains("'v0.16.0'", "0.17.0");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.17.0", "v0.17.0", "RELEASE-0.17.0", "0.17", "stable", "staging", "484ff209"})
    void sameOrUncomparableVersionIsNoWarning(String version) throws IOException {
        Path tree = UnikraftTreeTest.fakeTree(temp.resolve("unikraft"));

        LocalSourceResolver.Resolved r = resolve(kraftfile("unikraft: " + version + "\n"), tree, null);

        assertThat(r.warnings()).isEmpty();
    }

    @Test
    void treeWithoutVersionIsNoWarning() throws IOException {
        Path tree = UnikraftTreeTest.fakeTree(temp.resolve("unikraft"));
        Files.delete(tree.resolve("version.mk"));

        LocalSourceResolver.Resolved r = resolve(kraftfile("unikraft: 0.18.0\n"), tree, null);

        assertThat(r.warnings()).isEmpty();
    }

    @Test
    void librariesResolveRelativeToTheProjectInOrder() throws IOException {
        Path tree = UnikraftTreeTest.fakeTree(temp.resolve("unikraft"));
        Path b = Files.createDirectories(temp.resolve("libs/lib-b"));
        Path a = Files.createDirectories(project.resolve("lib-a"));
        Kraftfile k = kraftfile("""
                libraries:
                  b:
                    source: ../libs/lib-b
                  a: ./lib-a
                """);

        LocalSourceResolver.Resolved r = resolve(k, tree, null);

        assertThat(r.libraries()).containsExactly(b.toAbsolutePath().normalize(), a.toAbsolutePath().normalize());
    }

    @Test
    void libraryWithoutSourceIsInvalidInputAtTheLibrary() throws IOException {
        Path tree = UnikraftTreeTest.fakeTree(temp.resolve("unikraft"));
        Kraftfile k = kraftfile("""
                name: app
                libraries:
                  musl:
                    version: stable
                """);

        UknativeException e = catchThrowableOfType(UknativeException.class, () -> resolve(k, tree, null));

        assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(e.location()).contains(k.libraries().get(0).location());
        assertThat(e.location()).hasValueSatisfying(l -> {
            assertThat(l.file()).isEqualTo(project.resolve("Kraftfile").toAbsolutePath().normalize());
            assertThat(l.line()).as("the musl entry spans lines 3-4").isBetween(3, 4);
        });
        assertThat(e.getMessage()).contains("'musl'");
        assertThat(e.hint()).hasValueSatisfying(h -> assertThat(h).contains("source:"));
    }

    @Test
    void libraryWithRemoteSourceIsInvalidInput() throws IOException {
        Path tree = UnikraftTreeTest.fakeTree(temp.resolve("unikraft"));
        Kraftfile k = kraftfile("libraries:\n  lwip:\n    source: https://github.com/unikraft/lib-lwip.git\n");

        UknativeException e = catchThrowableOfType(UknativeException.class, () -> resolve(k, tree, null));

        assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(e.getMessage()).contains("'lwip'");
    }

    @Test
    void libraryFolderThatDoesNotExistIsInvalidInput() throws IOException {
        Path tree = UnikraftTreeTest.fakeTree(temp.resolve("unikraft"));
        Kraftfile k = kraftfile("libraries:\n  mylib: ./lib-mylib\n");

        UknativeException e = catchThrowableOfType(UknativeException.class, () -> resolve(k, tree, null));

        assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(e.getMessage()).contains(project.resolve("lib-mylib").toString(), "is not a folder");
        assertThat(e.location()).hasValueSatisfying(l -> assertThat(l.line()).isEqualTo(2));
    }
}
