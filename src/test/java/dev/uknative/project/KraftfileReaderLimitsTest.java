package dev.uknative.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.uknative.core.ExitCode;
import dev.uknative.core.Location;
import dev.uknative.core.UknativeException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.function.Supplier;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a hostile or broken Kraftfile gets: an error with a location, quickly, and never an unexpected
 * exception (deep nesting, huge lines, control characters, bad UTF-8, many aliases, duplicate targets,
 * files that cannot be read).
 */
class KraftfileReaderLimitsTest {

    private static final Path FILE = Path.of("/project/hello/Kraftfile");

    private final KraftfileReader reader = new KraftfileReader();

    /** The error {@code read} gives, within two seconds (the limits are checked before parsing). */
    private static UknativeException refused(Supplier<?> read) {
        Throwable t = assertTimeoutPreemptively(Duration.ofSeconds(2), () -> catchThrowable(read::get));
        assertThat(t).isInstanceOf(UknativeException.class);
        UknativeException e = (UknativeException) t;
        assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        return e;
    }

    private UknativeException refused(String text) {
        return refused(() -> reader.parse(FILE, text));
    }

    private static void assertLine(UknativeException e, int line) {
        assertThat(e.location()).as(e.describe()).hasValueSatisfying(l -> {
            assertThat(l.file()).isEqualTo(FILE);
            assertThat(l.line()).isEqualTo(line);
        });
    }

    @Nested
    class Nesting {

        private static String blocks(int levels) {
            StringBuilder text = new StringBuilder("name: hello\nunikraft:\n");
            for (int i = 1; i <= levels; i++) {
                text.append(" ".repeat(i)).append("k").append(i).append(":\n");
            }
            return text.toString();
        }

        @Test
        void deepBlockNestingIsRefusedAtTheLineTooDeep() {
            UknativeException e = refused(blocks(300));

            assertThat(e.getMessage()).contains("nested more than " + KraftfileYaml.MAX_DEPTH);
            assertThat(e.location()).hasValueSatisfying(l -> assertThat(l.line()).isBetween(3, 3 + KraftfileYaml.MAX_DEPTH));
        }

        @Test
        void deepFlowNestingIsRefusedWithItsPosition() {
            String text = "name: hello\ntargets: " + "[".repeat(7_000) + "]".repeat(7_000) + "\n";

            UknativeException e = refused(text);

            assertThat(e.getMessage()).contains("nested more than");
            assertLine(e, 2);
        }

        @Test
        void theProbesInputsAreRefusedWithALine() {
            // 2,000 block levels and 10,000 flow levels: over the size and line bounds before any nesting.
            assertThat(refused(blocks(2_000)).location()).hasValueSatisfying(l -> assertThat(l.line()).isPositive());
            assertLine(refused("name: hello\ntargets: " + "{a: ".repeat(10_000) + "}".repeat(10_000) + "\n"), 2);
        }

        @Test
        void nestingUpToTheLimitIsRead() {
            String text = "name: hello\ncmd: " + "[".repeat(KraftfileYaml.MAX_DEPTH - 1) + "]".repeat(KraftfileYaml.MAX_DEPTH - 1) + "\n";

            // A list of lists is still not a list of strings: the reader, not the limit, refuses it.
            UknativeException e = refused(text);

            assertThat(e.getMessage()).doesNotContain("nested");
        }
    }

    @Nested
    class Size {

        @Test
        void aHugeSingleLineValueIsRefusedAtItsLine() {
            String text = "name: hello\nunikraft:\n  kconfig:\n    CONFIG_X: " + "x".repeat(6_000_000) + "\n";

            UknativeException e = refused(text);

            assertThat(e.getMessage()).contains("line is longer than");
            assertLine(e, 4);
        }

        @Test
        void aHugeFileIsRefusedBeforeItIsRead(@TempDir Path temp) throws IOException {
            Path file = temp.resolve("Kraftfile");
            Files.writeString(file, "# padding\n".repeat(KraftfileYaml.MAX_BYTES / 10 + 1));

            UknativeException e = refused(() -> reader.read(file));

            assertThat(e.getMessage()).contains("larger than");
            assertThat(e.location()).hasValueSatisfying(l -> assertThat(l.file()).isEqualTo(file.toAbsolutePath().normalize()));
        }

        @Test
        void longLinesUpToTheLimitAreRead() {
            String value = "x".repeat(KraftfileYaml.MAX_LINE - "    CONFIG_X: ".length());
            Kraftfile k = reader.parse(FILE, "name: hello\nunikraft:\n  kconfig:\n    CONFIG_X: " + value + "\n");

            assertThat(k.unikraft().kconfig()).singleElement().satisfies(e -> assertThat(e.value()).hasSize(value.length() + 2));
        }

        @Test
        void manyAliasesAreRefusedAtTheFirstOneTooMany() {
            StringBuilder text = new StringBuilder("name: hello\nx: &a [y]\nz:\n");
            for (int i = 0; i < KraftfileYaml.MAX_ALIASES + 1; i++) {
                text.append("  - *a\n");
            }

            UknativeException e = refused(text.toString());

            assertThat(e.getMessage()).contains("aliases");
            assertLine(e, 4 + KraftfileYaml.MAX_ALIASES);
        }
    }

    @Nested
    class Characters {

        @Test
        void aControlCharacterIsRefusedAtItsLineAndColumn() {
            UknativeException e = refused("name: hello\ncmd: [\"a\u0001b\"]\n");

            assertThat(e.getMessage()).contains("U+0001");
            assertThat(e.location()).contains(new Location(FILE, 2, 9));
        }

        @Test
        void bytesThatAreNotUtf8AreRefusedAtTheirLine(@TempDir Path temp) throws IOException {
            Path file = temp.resolve("Kraftfile");
            Files.write(file, "spec: v0.6\nname: hello\ncmd: [caf\u00e9]\n".getBytes(StandardCharsets.ISO_8859_1));

            UknativeException e = refused(() -> reader.read(file));

            assertThat(e.getMessage()).contains("UTF-8");
            assertThat(e.location()).contains(new Location(file.toAbsolutePath().normalize(), 3, 10));
        }
    }

    @Nested
    class DuplicateTargets {

        @Test
        void aSecondIdenticalTargetIsRefusedNamingTheFirst() {
            UknativeException e = refused("""
                    name: hello
                    targets:
                      - qemu/x86_64
                      - fc/x86_64
                      - kvm/amd64
                    """);

            assertThat(e.location()).contains(new Location(FILE, 5, 5));
            assertThat(e.getMessage()).contains("qemu/x86_64").contains("line 3");
            assertThat(e.hint()).hasValueSatisfying(h -> assertThat(h).contains("name:"));
        }

        @Test
        void aMappingTargetCountsToo() {
            UknativeException e = refused("""
                    name: hello
                    targets:
                      - plat: qemu
                        arch: x86_64
                      - qemu/x86_64
                    """);

            assertThat(e.location()).contains(new Location(FILE, 5, 5));
        }

        @Test
        void namedTargetsOfTheSamePlatformAndArchitectureAreFine() {
            Kraftfile k = reader.parse(FILE, """
                    name: hello
                    targets:
                      - qemu/x86_64
                      - {name: debug, plat: qemu, arch: x86_64}
                    """);

            assertThat(k.targets()).hasSize(2);
        }

        @Test
        void twentyThousandDuplicatesGiveAShortMessage() {
            UknativeException e = refused("name: hello\ntargets:\n" + "  - qemu/x86_64\n".repeat(20_000));

            assertThat(e.describe().length() + e.hint().orElse("").length()).isLessThan(500);
        }
    }

    @Nested
    class Unreadable {

        @Test
        void aFolderGivenAsTheKraftfileSaysSo(@TempDir Path temp) throws IOException {
            Path folder = Files.createDirectory(temp.resolve("Kraftfile"));

            UknativeException e = refused(() -> reader.read(folder));

            assertThat(e.getMessage()).contains("is a folder");
        }

        @Test
        void aFolderNamedKraftfileIsNamedWhenThereIsNoOtherKraftfile(@TempDir Path temp) throws IOException {
            Files.createDirectory(temp.resolve("Kraftfile"));

            UknativeException e = catchThrowableOfType(UknativeException.class, () -> KraftfileReader.locate(temp));

            assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
            assertThat(e.getMessage()).contains("Kraftfile is a folder");
            assertThat(e.hint()).hasValueSatisfying(h -> assertThat(h).contains("file"));
        }

        @Test
        void permissionDeniedIsSaid() {
            UknativeException e = KraftfileReader.cannotRead(FILE, new AccessDeniedException(FILE.toString()));

            assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
            assertThat(e.getMessage()).isEqualTo("cannot be read: permission denied");
            assertThat(e.hint()).hasValueSatisfying(h -> assertThat(h).contains("chmod"));
        }

        @Test
        void anUnreadableFileSaysPermissionDenied(@TempDir Path temp) throws IOException {
            Path file = Files.writeString(temp.resolve("Kraftfile"), "name: hello\n");
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
            Assumptions.assumeFalse(Files.isReadable(file), "running as root: every file is readable");

            UknativeException e = refused(() -> reader.read(file));

            assertThat(e.getMessage()).contains("permission denied");
        }

        @Test
        void anUnreadableFolderSaysSoInsteadOfNoKraftfile(@TempDir Path temp) throws IOException {
            Path folder = Files.createDirectory(temp.resolve("p"));
            Files.writeString(folder.resolve("Kraftfile"), "name: hello\n");
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("---------"));
            try {
                Assumptions.assumeFalse(Files.isReadable(folder), "running as root: every folder is readable");

                UknativeException e = catchThrowableOfType(UknativeException.class, () -> KraftfileReader.locate(folder));

                assertThat(e.getMessage()).contains("permission denied");
            } finally {
                Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
            }
        }

        @Test
        void anUnreadableFolderMessageSaysWhatToDo() {
            UknativeException e = KraftfileReader.cannotList(FILE.getParent(), new AccessDeniedException(FILE.getParent().toString()));

            assertThat(e.getMessage()).contains("permission denied");
            assertThat(e.hint()).hasValueSatisfying(h -> assertThat(h).contains("chmod"));
        }
    }

    @Test
    void aKraftfileWithinTheLimitsStillReads() {
        assertThatCode(() -> reader.parse(FILE, "name: hello\ntargets: [qemu/x86_64]\n")).doesNotThrowAnyException();
    }
}
