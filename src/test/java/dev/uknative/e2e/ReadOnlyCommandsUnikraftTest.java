package dev.uknative.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.uknative.testing.CliRun;
import dev.uknative.testing.Examples;
import dev.uknative.testing.RequiresUnikraft;
import dev.uknative.testing.UnikraftCondition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code config get/list/explain} on a fresh copy of examples/helloworld-c and a real Unikraft tree write nothing in the project. */
@Tag("e2e")
@RequiresUnikraft
class ReadOnlyCommandsUnikraftTest {

    @TempDir
    Path temp;

    @Test
    void configGetListAndExplainLeaveTheProjectTreeUnchanged() throws IOException {
        Path project = Examples.copy(Path.of("examples/helloworld-c"), temp);
        Map<String, String> before = snapshot(project);

        for (List<String> command : List.of(List.of("get", "CONFIG_LIBUKDEBUG"), List.of("list"), List.of("explain", "CONFIG_LIBUKRANDOM"))) {
            String[] args = Stream.of(List.of("config"), command, List.of("-P", project.toString(), "--unikraft-source",
                    UnikraftCondition.tree().toString())).flatMap(List::stream).toArray(String[]::new);
            CliRun run = CliRun.of(args);
            assertThat(run.exitCode()).as(run.toString()).isZero();
        }

        assertThat(snapshot(project)).isEqualTo(before);
    }

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
