package dev.uknative.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.uknative.app.ProjectRequest;
import dev.uknative.build.BuildRequest;
import dev.uknative.core.ExitCode;
import dev.uknative.core.UknativeException;
import dev.uknative.project.Architecture;
import dev.uknative.project.Platform;
import dev.uknative.project.TargetSelector;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

/**
 * The options declared once in mixins (project and target selection, link options, {@code -j},
 * {@code [DIR]}, {@code -v}, origins' URL) land in every command that takes them: each command parses
 * representative arguments through the real command line, as {@code uknative} itself does.
 */
class SharedOptionsTest {

    /** The flags every command that builds takes, with values that differ from their defaults. */
    private static final List<String> BUILD_FLAGS = List.of("-t", "debug", "--unikraft-source", "/src/unikraft", "--manifest",
            "extra.yaml", "-j", "3", "--no-auto-config", "--no-stubs", "--no-compile-cache");

    /** The command after parsing {@code args} (the innermost subcommand, for config and origins). */
    private static CommandSpec parsed(List<String> args) {
        Streams streams = new Streams(new ByteArrayOutputStream(), new ByteArrayOutputStream());
        ParseResult result = Main.commandLine(streams, Optional.of(args.get(0))).parseArgs(args.toArray(String[]::new));
        while (result.hasSubcommand()) {
            result = result.subcommand();
        }
        return result.commandSpec();
    }

    @SafeVarargs
    private static List<String> join(List<String>... parts) {
        List<String> all = new ArrayList<>();
        Stream.of(parts).forEach(all::addAll);
        return all;
    }

    /** pkg needs --name; the others need nothing more. */
    private static List<String> required(String command) {
        return command.equals("pkg") ? List.of("--name", "hello:1.0") : List.of();
    }

    /** The mixin picocli filled in as {@code name} in the command {@code command}. */
    private static <T> T mixin(CommandSpec spec, String name, Class<T> type) {
        assertThat(spec.mixins()).as(spec.name()).containsKey(name);
        return type.cast(spec.mixins().get(name).userObject());
    }

    private static BuildOptions building(CommandSpec command) {
        return mixin(command, "building", BuildOptions.class);
    }

    /** What the command received besides the build options: folder (or positionals), --offline, verbose. */
    private static List<Object> rest(Object command) {
        if (command instanceof BuildCommand c) {
            return List.of(c.folder.directory, c.offline.offline, c.verbose.verbose);
        } else if (command instanceof PkgCommand c) {
            return List.of(c.folder.directory, c.verbose.verbose);
        } else if (command instanceof DebugCommand c) {
            return List.of(c.folder.directory, c.verbose.verbose);
        } else if (command instanceof RunCommand c) {
            return List.of(c.positional, c.offline.offline, c.verbose);
        } else if (command instanceof SymbolsCommand c) {
            return List.of(c.input, c.verbose.verbose);
        }
        throw new AssertionError(command);
    }

    static Stream<Arguments> buildingCommands() {
        Path proj = Path.of("proj");
        return Stream.of(
                Arguments.of("build", List.of("--offline", "-v", "proj"), List.of(proj, true, true)),
                Arguments.of("pkg", List.of("--name", "hello:1.0", "-v", "proj"), List.of(proj, true)),
                Arguments.of("debug", List.of("-v", "proj"), List.of(proj, true)),
                // run's -v is --volume (as in kraft run): its verbose is --verbose only.
                Arguments.of("run", List.of("--offline", "--verbose", "proj"), List.of(List.of("proj"), true, true)),
                Arguments.of("symbols", List.of("-v", "proj"), List.of(proj, true)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("buildingCommands")
    void theBuildOptionsLandInEveryCommandThatBuilds(String name, List<String> own, List<Object> expected) {
        CommandSpec command = parsed(join(List.of(name), BUILD_FLAGS, own));

        BuildOptions building = building(command);
        ProjectRequest request = building.request(Path.of("proj"));
        assertThat(request).isEqualTo(new ProjectRequest(Path.of("proj"),
                new TargetSelector.Query(Optional.of("debug"), Optional.empty(), Optional.empty()),
                Optional.of(Path.of("/src/unikraft")), Optional.of("extra.yaml")));
        assertThat(building.jobs()).isEqualTo(3);
        assertThat(building.linkOptions()).isEqualTo(new BuildRequest.LinkOptions(false, false));
        assertThat(building.compileCache()).isFalse();
        assertThat(rest(command.userObject())).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"build", "pkg", "debug", "run", "symbols"})
    void withoutFlagsTheDefaultsHold(String name) {
        BuildOptions building = building(parsed(join(List.of(name), required(name))));

        assertThat(building.request(Path.of("."))).isEqualTo(new ProjectRequest(Path.of("."), TargetSelector.Query.none(),
                Optional.empty(), Optional.empty()));
        assertThat(building.jobs()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(building.linkOptions()).isEqualTo(BuildRequest.LinkOptions.DEFAULT);
        assertThat(building.compileCache()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"build", "pkg", "debug", "run", "symbols"})
    void platAndArchLandAndJobsBelowOneIsAUsageError(String name) {
        BuildOptions building = building(parsed(join(List.of(name), required(name), List.of("--plat", "kvm", "--arch", "arm64", "-j", "0"))));

        TargetSelector.Query query = building.request(Path.of(".")).target();
        assertThat(query.platform()).contains(Platform.QEMU);
        assertThat(query.architecture()).contains(Architecture.ARM64);
        assertThatThrownBy(building::jobs).isInstanceOfSatisfying(UknativeException.class,
                e -> assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE)).hasMessageContaining("--jobs must be at least 1, not 0");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"size", "clean"})
    void theProjectOptionsFolderAndVerboseLandInSizeAndClean(String name) {
        Object command = parsed(List.of(name, "--plat", "fc", "--arch", "x86_64", "--unikraft-source", "/src/unikraft",
                "--manifest", "m.yaml", "-v", "proj")).userObject();

        ProjectRequest request;
        boolean verbose;
        if (command instanceof SizeCommand c) {
            request = c.project.request(c.folder.directory);
            verbose = c.verbose.verbose;
        } else if (command instanceof CleanCommand c) {
            request = c.project.request(c.folder.directory);
            verbose = c.verbose.verbose;
        } else {
            throw new AssertionError(command);
        }
        assertThat(request).isEqualTo(new ProjectRequest(Path.of("proj"),
                new TargetSelector.Query(Optional.empty(), Optional.of(Platform.FIRECRACKER), Optional.of(Architecture.X86_64)),
                Optional.of(Path.of("/src/unikraft")), Optional.of("m.yaml")));
        assertThat(verbose).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"build", "pkg", "debug", "size", "clean", "doctor", "update"})
    void theProjectFolderIsTheArgumentAndDefaultsToTheCurrentFolder(String name) {
        assertThat(folder(parsed(join(List.of(name), required(name), List.of("some/project"))))).isEqualTo(Path.of("some/project"));
        assertThat(folder(parsed(join(List.of(name), required(name))))).isEqualTo(Path.of("."));
    }

    private static Path folder(CommandSpec command) {
        return mixin(command, "folder", ProjectFolderParameter.class).directory;
    }

    static Stream<List<String>> kconfigCommands() {
        List<String> flags = List.of("-P", "proj", "-t", "debug", "--unikraft-source", "/src/unikraft", "--manifest", "m.yaml");
        return Stream.of(join(List.of("config", "list"), flags),
                join(List.of("config", "get", "CONFIG_A"), flags),
                join(List.of("config", "set", "CONFIG_A=y"), flags),
                join(List.of("config", "unset", "CONFIG_A"), flags),
                join(List.of("config", "explain", "CONFIG_A"), flags),
                join(List.of("menu"), flags));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kconfigCommands")
    void theKconfigProjectOptionsLandInConfigAndMenu(List<String> args) {
        CommandSpec command = parsed(args);

        assertThat(mixin(command, "project", KconfigProjectOptions.class).request()).isEqualTo(new ProjectRequest(Path.of("proj"),
                new TargetSelector.Query(Optional.of("debug"), Optional.empty(), Optional.empty()),
                Optional.of(Path.of("/src/unikraft")), Optional.of("m.yaml")));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"import", "fetch"})
    void originsImportAndFetchTakeTheUrlFirst(String name) {
        Object command = parsed(join(List.of("origins", name, "https://example.org/a.zip"),
                name.equals("import") ? List.of("a.zip") : List.of())).userObject();

        if (command instanceof OriginsCommand.ImportCommand c) {
            assertThat(List.of(c.origin.url, c.file)).containsExactly("https://example.org/a.zip", Path.of("a.zip"));
        } else if (command instanceof OriginsCommand.FetchCommand c) {
            assertThat(c.origin.url).isEqualTo("https://example.org/a.zip");
        } else {
            throw new AssertionError(command);
        }
    }
}
