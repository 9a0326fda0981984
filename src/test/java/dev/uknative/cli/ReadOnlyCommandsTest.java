package dev.uknative.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.uknative.testing.CliRun;
import dev.uknative.testing.Examples;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code config get/list/explain} only read: on a fresh copy of examples/helloworld-c they leave every
 * file and folder of the project as it was (no build folder, no generated library, no lock file).
 * On the stand-in Unikraft tree (src/test/resources/fake-unikraft); configuring asks the host's git
 * and gcc what Unikraft's Makefile would, hence the tag.
 */
@Tag("tool")
class ReadOnlyCommandsTest {

    @TempDir
    Path temp;

    @Test
    void configGetListAndExplainLeaveTheProjectTreeUnchanged() throws IOException, URISyntaxException {
        Path fakeUnikraft = Path.of(ReadOnlyCommandsTest.class.getResource("/fake-unikraft/Config.uk").toURI()).getParent();
        assertUnchangedBy(Examples.copy(Path.of("examples/helloworld-c"), temp), fakeUnikraft);
    }

    /** The same questions, asked of each project folder, must not change anything in it. */
    static void assertUnchangedBy(Path project, Path unikraft) throws IOException {
        Map<String, String> before = snapshot(project);
        List<CliRun> runs = new ArrayList<>();
        for (String[] command : List.of(new String[] {"get", "CONFIG_LIBUKDEBUG"}, new String[] {"list"}, new String[] {"list", "--changed"},
                new String[] {"explain", "CONFIG_LIBUKDEBUG"})) {
            List<String> args = new ArrayList<>(List.of("config"));
            args.addAll(List.of(command));
            args.addAll(List.of("-P", project.toString(), "--unikraft-source", unikraft.toString()));
            runs.add(CliRun.of(args.toArray(String[]::new)));
        }

        assertThat(runs).allSatisfy(run -> assertThat(run.exitCode()).as(run.toString()).isZero());
        assertThat(snapshot(project)).isEqualTo(before);
    }

    /** Every path under {@code root}, with the content of each file (folders as "(folder)"). */
    private static Map<String, String> snapshot(Path root) throws IOException {
        Map<String, String> tree = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.toList()) {
                tree.put(root.relativize(p).toString(), Files.isDirectory(p) ? "(folder)" : Files.readString(p));
            }
        }
        return tree;
    }
}
