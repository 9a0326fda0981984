package dev.uknative.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import dev.uknative.core.ExitCode;
import dev.uknative.core.Location;
import dev.uknative.core.UknativeException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Good Kraftfiles, warnings and the file-level errors; the bad files have their own test. */
class KraftfileReaderTest {

    /** A path that does not exist: parse() only uses it for locations and the default name. */
    private static final Path FILE = Path.of("/project/hello/Kraftfile");

    private final KraftfileReader reader = new KraftfileReader();

    private Kraftfile parse(String text) {
        return reader.parse(FILE, text);
    }

    private static Location at(int line, int column) {
        return new Location(FILE, line, column);
    }

    @Nested
    class Targets {

        @Test
        void stringTarget() {
            Kraftfile k = parse("""
                    spec: v0.6
                    name: hello
                    targets:
                      - qemu/x86_64
                    """);

            assertThat(k.targets()).singleElement().satisfies(t -> {
                assertThat(t.name()).isEmpty();
                assertThat(t.platform()).isEqualTo(Platform.QEMU);
                assertThat(t.architecture()).isEqualTo(Architecture.X86_64);
                assertThat(t.kconfig()).isEmpty();
                assertThat(t.location()).isEqualTo(at(4, 5));
            });
            assertThat(k.warnings()).isEmpty();
        }

        @Test
        void mapTargetsWithShortAndLongKeys() {
            Kraftfile k = parse("""
                    name: hello
                    targets:
                      - name: dev
                        plat: qemu
                        arch: x86_64
                        kconfig:
                          CONFIG_LIBUKDEBUG: y
                      - platform: fc
                        architecture: arm64
                    """);

            assertThat(k.targets())
                    .extracting(TargetSpec::name, TargetSpec::platform, TargetSpec::architecture, TargetSpec::location)
                    .containsExactly(
                            tuple(Optional.of("dev"), Platform.QEMU, Architecture.X86_64, at(3, 5)),
                            tuple(Optional.empty(), Platform.FIRECRACKER, Architecture.ARM64, at(8, 5)));
            assertThat(k.targets().get(0).kconfig()).extracting(KconfigEntry::line).containsExactly("CONFIG_LIBUKDEBUG=y");
            assertThat(k.targets().get(1).kconfig()).isEmpty();
        }

        @ParameterizedTest
        @CsvSource({
            "kvm/x86_64, QEMU, X86_64",
            "KVM/x86_64, QEMU, X86_64",
            "qemu/amd64, QEMU, X86_64",
            "firecracker/aarch64, FIRECRACKER, ARM64",
            "xen/arm64, XEN, ARM64",
        })
        void aliases(String target, Platform platform, Architecture architecture) {
            Kraftfile k = parse("targets: [" + target + "]\n");

            assertThat(k.targets()).singleElement().satisfies(t -> {
                assertThat(t.platform()).isEqualTo(platform);
                assertThat(t.architecture()).isEqualTo(architecture);
            });
        }

        @Test
        void kvmAliasInMapTarget() {
            Kraftfile k = parse("targets:\n  - plat: kvm\n    arch: x86_64\n");

            assertThat(k.targets()).singleElement().extracting(TargetSpec::platform).isEqualTo(Platform.QEMU);
        }

        @Test
        void missingArchitectureIsNamedAndPlatformIsNot() {
            UknativeException e = catchThrowableOfType(UknativeException.class,
                    () -> parse("targets:\n  - plat: qemu\n"));

            assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
            assertThat(e.getMessage()).contains("arch").doesNotContain("plat");
        }

        @Test
        void missingBothIsNamed() {
            UknativeException e = catchThrowableOfType(UknativeException.class,
                    () -> parse("targets:\n  - name: dev\n"));

            assertThat(e.getMessage()).contains("plat and arch");
            assertThat(e.location()).contains(at(2, 5));
        }

        @Test
        void noTargetsKey() {
            assertThat(parse("name: hello\n").targets()).isEmpty();
        }
    }

    @Nested
    class Unikraft {

        @Test
        void stringIsAVersion() {
            ComponentSpec u = parse("unikraft: 0.17.0\n").unikraft();

            assertThat(u.name()).isEqualTo("unikraft");
            assertThat(u.version()).contains("0.17.0");
            assertThat(u.source()).isEmpty();
            assertThat(u.location()).isEqualTo(at(1, 11));
        }

        @Test
        void channelIsAVersion() {
            ComponentSpec u = parse("unikraft: stable\n").unikraft();

            assertThat(u.version()).contains("stable");
            assertThat(u.source()).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"./uk", "../unikraft", "/abs/unikraft", "~/unikraft", "."})
        void stringPathIsASource(String path) {
            ComponentSpec u = parse("unikraft: " + path + "\n").unikraft();

            assertThat(u.source()).contains(path);
            assertThat(u.version()).isEmpty();
        }

        @Test
        void mapping() {
            ComponentSpec u = parse("""
                    unikraft:
                      source: ./uk
                      version: 0.17.0
                      kconfig:
                        CONFIG_LIBUKDEBUG: y
                    """).unikraft();

            assertThat(u.source()).contains("./uk");
            assertThat(u.version()).contains("0.17.0");
            assertThat(u.kconfig()).extracting(KconfigEntry::line).containsExactly("CONFIG_LIBUKDEBUG=y");
            assertThat(u.location()).isEqualTo(at(2, 3));
        }

        @Test
        void absentGivesAnEmptyComponent() {
            ComponentSpec u = parse("name: hello\n").unikraft();

            assertThat(u.name()).isEqualTo("unikraft");
            assertThat(u.source()).isEmpty();
            assertThat(u.version()).isEmpty();
            assertThat(u.kconfig()).isEmpty();
        }
    }

    @Nested
    class Kconfig {

        private List<KconfigEntry> unikraftKconfig(String block) {
            return parse("unikraft:\n  kconfig:\n" + block.indent(4)).unikraft().kconfig();
        }

        @Test
        void mapValuesBecomeKconfigText() {
            List<KconfigEntry> entries = unikraftKconfig("""
                    CONFIG_A: true
                    B: false
                    CONFIG_C: y
                    CONFIG_D: n
                    CONFIG_E: m
                    CONFIG_F: 42
                    CONFIG_G: -1
                    CONFIG_H: 0x10
                    CONFIG_I: hello world
                    CONFIG_J: say "hi" \\o/
                    CONFIG_K: '"already quoted"'
                    CONFIG_L: "y"
                    CONFIG_M: True
                    CONFIG_N: FALSE
                    """);

            assertThat(entries).extracting(KconfigEntry::symbol, KconfigEntry::value).containsExactly(
                    tuple("CONFIG_A", "y"),
                    tuple("CONFIG_B", "n"),
                    tuple("CONFIG_C", "y"),
                    tuple("CONFIG_D", "n"),
                    tuple("CONFIG_E", "m"),
                    tuple("CONFIG_F", "42"),
                    tuple("CONFIG_G", "-1"),
                    tuple("CONFIG_H", "0x10"),
                    tuple("CONFIG_I", "\"hello world\""),
                    tuple("CONFIG_J", "\"say \\\"hi\\\" \\\\o/\""),
                    tuple("CONFIG_K", "\"already quoted\""),
                    tuple("CONFIG_L", "y"),
                    tuple("CONFIG_M", "y"),
                    tuple("CONFIG_N", "n"));
        }

        @Test
        void mapEntriesPointAtTheirKeys() {
            List<KconfigEntry> entries = unikraftKconfig("""
                    CONFIG_A: y
                      # a comment
                    LIBUKDEBUG:    n
                    """);

            assertThat(entries).extracting(KconfigEntry::location).containsExactly(at(3, 5), at(5, 5));
        }

        @Test
        void listOfAssignments() {
            List<KconfigEntry> entries = unikraftKconfig("""
                    - CONFIG_A=y
                    - B=n
                    - CONFIG_C = 42
                    - CONFIG_D=0x10
                    - CONFIG_NAME=hello world
                    - CONFIG_Q="quoted"
                    - CONFIG_E=
                    - CONFIG_F=a=b
                    """);

            assertThat(entries).extracting(KconfigEntry::line).containsExactly(
                    "CONFIG_A=y",
                    "CONFIG_B=n",
                    "CONFIG_C=42",
                    "CONFIG_D=0x10",
                    "CONFIG_NAME=\"hello world\"",
                    "CONFIG_Q=\"quoted\"",
                    "CONFIG_E=\"\"",
                    "CONFIG_F=\"a=b\"");
            assertThat(entries.get(0).location()).isEqualTo(at(3, 7));
            assertThat(entries.get(1).location()).isEqualTo(at(4, 7));
        }

        @Test
        void nullKconfigIsEmpty() {
            assertThat(parse("unikraft:\n  kconfig:\n").unikraft().kconfig()).isEmpty();
        }

        @Test
        void emptyValueIsAnErrorAtTheKey() {
            UknativeException e = catchThrowableOfType(UknativeException.class,
                    () -> parse("unikraft:\n  kconfig:\n    CONFIG_A: y\n    CONFIG_B:\n"));

            assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
            assertThat(e.describe()).startsWith(FILE + ":4:5: ").contains("CONFIG_B in unikraft.kconfig has no value");
        }

        @Test
        void mappingInsideAListIsAnError() {
            UknativeException e = catchThrowableOfType(UknativeException.class,
                    () -> parse("unikraft:\n  kconfig:\n    - CONFIG_A: y\n"));

            assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
            assertThat(e.location()).contains(at(3, 7));
        }
    }

    @Nested
    class Libraries {

        @Test
        void entriesInOrder() {
            Kraftfile k = parse("""
                    libraries:
                      musl:
                        source: ./lib-musl
                        version: stable
                        kconfig:
                          - CONFIG_LIBMUSL=y
                      lwip: 2.1.2
                      local: ../lib-local
                      empty:
                    """);

            assertThat(k.libraries()).extracting(ComponentSpec::name).containsExactly("musl", "lwip", "local", "empty");
            ComponentSpec musl = k.libraries().get(0);
            assertThat(musl.source()).contains("./lib-musl");
            assertThat(musl.version()).contains("stable");
            assertThat(musl.kconfig()).extracting(KconfigEntry::line, KconfigEntry::location)
                    .containsExactly(tuple("CONFIG_LIBMUSL=y", at(6, 9)));
            assertThat(k.libraries().get(1).version()).contains("2.1.2");
            assertThat(k.libraries().get(1).source()).isEmpty();
            assertThat(k.libraries().get(2).source()).contains("../lib-local");
            assertThat(k.libraries().get(3).source()).isEmpty();
            assertThat(k.libraries().get(3).version()).isEmpty();
        }

        @Test
        void nullLibrariesIsEmpty() {
            assertThat(parse("libraries:\n").libraries()).isEmpty();
        }
    }

    @Nested
    class Cmd {

        @Test
        void list() {
            assertThat(parse("cmd: [\"-v\", \"two words\"]\n").cmd()).containsExactly("-v", "two words");
        }

        @Test
        void stringIsSplitOnWhitespace() {
            assertThat(parse("cmd: \"  -v   --port 80 \"\n").cmd()).containsExactly("-v", "--port", "80");
        }

        @Test
        void absentIsEmpty() {
            assertThat(parse("name: hello\n").cmd()).isEmpty();
        }

        @Test
        void emptyStringIsNoArguments() {
            assertThat(parse("cmd: \"\"\n").cmd()).isEmpty();
        }

        @Test
        void mappingIsAnError() {
            UknativeException e = catchThrowableOfType(UknativeException.class, () -> parse("cmd:\n  a: b\n"));

            assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
            assertThat(e.describe()).startsWith(FILE + ":2:3: ").contains("cmd must be a string or a list");
        }
    }

    @Nested
    class Name {

        @Test
        void given() {
            assertThat(parse("name: hello-world_2.0\n").name()).isEqualTo("hello-world_2.0");
        }

        @Test
        void defaultsToTheFolderName(@TempDir Path temp) throws IOException {
            Path project = Files.createDirectory(temp.resolve("my-app"));
            Path file = Files.writeString(project.resolve("Kraftfile"), "spec: v0.6\ntargets: [qemu/x86_64]\n");

            Kraftfile k = reader.read(file);

            assertThat(k.name()).isEqualTo("my-app");
            assertThat(k.file()).isEqualTo(file.toAbsolutePath().normalize());
            assertThat(k.projectDirectory()).isEqualTo(project.toAbsolutePath().normalize());
        }

        @Test
        void folderNameThatCannotNameAnImageIsAnError(@TempDir Path temp) throws IOException {
            Path project = Files.createDirectory(temp.resolve("my app"));
            Path file = Files.writeString(project.resolve("Kraftfile"), "spec: v0.6\n");

            UknativeException e = catchThrowableOfType(UknativeException.class, () -> reader.read(file));

            assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
            assertThat(e.getMessage()).contains("'my app'");
            assertThat(e.hint()).hasValueSatisfying(h -> assertThat(h).contains("name:"));
        }

        @Test
        void kraftfileAtTheRootWithoutNameAsksForAName() {
            UknativeException e = catchThrowableOfType(UknativeException.class,
                    () -> reader.parse(Path.of("/Kraftfile"), "spec: v0.6\n"));

            assertThat(e).isNotNull();
            assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        }
    }

    @Nested
    class Warnings {

        @Test
        void unknownKeysAreWarnedWithTheirPosition() {
            Kraftfile k = parse("""
                    spec: v0.6
                    name: hello
                    colour: blue
                    unikraft:
                      version: 0.17.0
                      flavour: vanilla
                    libraries:
                      musl:
                        source: ./musl
                        branch: main
                    targets:
                      - plat: qemu
                        arch: x86_64
                        memory: 64M
                    """);

            assertThat(k.warnings()).containsExactly(
                    FILE + ":3:1: unknown key 'colour' in top level; ignored "
                            + "(known: cmd, libraries, name, native, run, spec, specification, targets, unikraft)",
                    FILE + ":6:3: unknown key 'flavour' in unikraft; ignored (known: kconfig, source, version)",
                    FILE + ":10:5: unknown key 'branch' in musl; ignored (known: kconfig, source, version)",
                    FILE + ":14:5: unknown key 'memory' in target; ignored "
                            + "(known: arch, architecture, kconfig, name, plat, platform)");
            assertThat(k.name()).isEqualTo("hello");
            assertThat(k.targets()).hasSize(1);
        }

        @ParameterizedTest
        @ValueSource(strings = {"rootfs", "runtime", "volumes", "template", "outdir", "env", "labels"})
        void kraftkitOnlyKeysAreNotSupported(String key) {
            Kraftfile k = parse("name: hello\n" + key + ": something\n");

            assertThat(k.warnings()).containsExactly(
                    FILE + ":2:1: '" + key + "' is not supported by uknative (native unikernels only); ignored");
        }

        @Test
        void otherSpecVersionIsWarned() {
            Kraftfile k = parse("spec: v0.7\nname: hello\n");

            assertThat(k.warnings()).singleElement().asString().startsWith(FILE + ":").contains("spec v0.7 is not v0.6");
        }

        @ParameterizedTest
        @ValueSource(strings = {"v0.6", "0.6", "v0.5", "'0.6'"})
        void supportedSpecsAreNotWarned(String spec) {
            Kraftfile k = parse("specification: " + spec + "\nname: hello\n");

            assertThat(k.warnings()).isEmpty();
        }
    }

    @Nested
    class Reading {

        @Test
        void emptyFileIsRefusedWithoutALine(@TempDir Path temp) throws IOException {
            Path file = Files.writeString(temp.resolve("Kraftfile"), "");

            UknativeException e = catchThrowableOfType(UknativeException.class, () -> reader.read(file));

            assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
            assertThat(e.location()).hasValueSatisfying(l -> {
                assertThat(l.file()).isEqualTo(file.toAbsolutePath().normalize());
                assertThat(l.line()).isZero();
            });
            assertThat(e.describe()).isEqualTo(file.toAbsolutePath().normalize() + ": is empty");
        }

        @Test
        void commentsOnlyIsEmpty() {
            UknativeException e = catchThrowableOfType(UknativeException.class, () -> parse("# nothing\n\n"));

            assertThat(e.getMessage()).isEqualTo("is empty");
        }

        @Test
        void notUtf8(@TempDir Path temp) throws IOException {
            Path file = Files.write(temp.resolve("Kraftfile"), "name: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));

            UknativeException e = catchThrowableOfType(UknativeException.class, () -> reader.read(file));

            assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
            assertThat(e.getMessage()).contains("UTF-8");
        }

        @Test
        void missingFile(@TempDir Path temp) {
            Path file = temp.resolve("Kraftfile");

            UknativeException e = catchThrowableOfType(UknativeException.class, () -> reader.read(file));

            assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
            assertThat(e.describe()).startsWith(file.toAbsolutePath().normalize() + ": cannot be read");
        }

        @Test
        void relativePathBecomesAbsoluteInLocations() {
            Kraftfile k = reader.parse(Path.of("some/dir/../Kraftfile"), "targets: [qemu/x86_64]\n");

            assertThat(k.file()).isAbsolute().isEqualTo(Path.of("some/Kraftfile").toAbsolutePath());
            assertThat(k.targets().get(0).location().file()).isEqualTo(k.file());
        }
    }

    @Nested
    class Locate {

        @ParameterizedTest
        @ValueSource(strings = {"Kraftfile", "Kraftfile.yaml", "Kraftfile.yml", "kraft.yaml", "kraft.yml"})
        void acceptsEachName(String name, @TempDir Path temp) throws IOException {
            Path file = Files.writeString(temp.resolve(name), "name: x\n");

            assertThat(KraftfileReader.locate(temp)).isEqualTo(file);
        }

        @ParameterizedTest
        @CsvSource({
            "Kraftfile, Kraftfile.yaml",
            "Kraftfile, kraft.yml",
            "Kraftfile.yaml, Kraftfile.yml",
            "Kraftfile.yml, kraft.yaml",
            "kraft.yaml, kraft.yml",
        })
        void prefersKraftkitsOrder(String preferred, String other, @TempDir Path temp) throws IOException {
            Files.writeString(temp.resolve(other), "name: x\n");
            Path file = Files.writeString(temp.resolve(preferred), "name: x\n");

            assertThat(KraftfileReader.locate(temp)).isEqualTo(file);
        }

        @Test
        void ignoresAFolderNamedKraftfile(@TempDir Path temp) throws IOException {
            Files.createDirectory(temp.resolve("Kraftfile"));
            Path file = Files.writeString(temp.resolve("kraft.yaml"), "name: x\n");

            assertThat(KraftfileReader.locate(temp)).isEqualTo(file);
        }

        @Test
        void noKraftfile(@TempDir Path temp) throws IOException {
            Files.writeString(temp.resolve("kraftfile.txt"), "name: x\n");

            UknativeException e = catchThrowableOfType(UknativeException.class, () -> KraftfileReader.locate(temp));

            assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
            assertThat(e.getMessage()).contains("no Kraftfile");
            assertThat(e.hint()).hasValueSatisfying(h -> assertThat(h).contains("Kraftfile", "kraft.yml"));
        }

        @Test
        void notAFolder(@TempDir Path temp) throws IOException {
            Path file = Files.writeString(temp.resolve("Kraftfile"), "name: x\n");

            UknativeException e = catchThrowableOfType(UknativeException.class, () -> KraftfileReader.locate(file));

            assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE);
        }
    }

    @Nested
    class RunDefaults {

        @Test
        void autoConfigIsOffUnlessTheKraftfileSaysSo() {
            assertThat(parse("name: hello\n").run().autoConfig()).isFalse();
            Kraftfile k = parse("""
                    name: hello
                    run:
                      auto-config: true
                    """);
            assertThat(k.run().autoConfig()).isTrue();
            assertThat(k.warnings()).isEmpty();
        }

        @Test
        void anUnknownRunKeyIsAWarningAndAWrongValueAnErrorAtItsLine() {
            Kraftfile k = parse("""
                    name: hello
                    run:
                      autoconfig: true
                    """);
            assertThat(k.run().autoConfig()).isFalse();
            assertThat(k.warnings()).singleElement().asString().contains("unknown key 'autoconfig' in run").contains("auto-config");

            UknativeException e = catchThrowableOfType(UknativeException.class, () -> parse("""
                    name: hello
                    run:
                      auto-config: sometimes
                    """));
            assertThat(e.describe()).contains(":3:").contains("run.auto-config must be true or false, not 'sometimes'");
        }
    }
}
