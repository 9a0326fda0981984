package dev.uknative.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.uknative.core.ExitCode;
import dev.uknative.core.UknativeException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Children started to end with this process: they run as themselves (setpriv execs them), and a
 * program that is not there fails as an unwrapped start does. (That they do end when the JVM is
 * killed is what {@code RunOrphanTest} shows with QEMU.)
 */
class ProcessRunnerParentDeathTest {

    @TempDir
    Path work;

    private final ProcessRunner runner = new ProcessRunner(Duration.ofSeconds(2));

    @Test
    void theChildRunsAsItselfWithItsArguments() {
        Assumptions.assumeTrue(runner.endsChildrenWithParent(), "no setpriv with --pdeathsig on this host");
        List<String> lines = new ArrayList<>();
        List<ProcessHandle> started = new ArrayList<>();

        ProcessResult result = runner.run(ProcessSpec.of(List.of("sh", "-c", "cat /proc/$$/cmdline | tr '\\0' ' '; echo; echo \"$1\"", "sh", "a b"), work)
                .endingWithParent(), new LineSink(lines::add), OutputSink.DISCARD, started::add);

        assertThat(result.exitCode()).isZero();
        assertThat(lines.get(0)).startsWith("/").contains("sh -c").doesNotContain("setpriv");
        assertThat(lines.get(1)).isEqualTo("a b");
        assertThat(started).singleElement().extracting(ProcessHandle::pid).isNotNull();
    }

    @Test
    void aMissingProgramFailsAsAnUnwrappedStartDoes() {
        ProcessSpec spec = ProcessSpec.of(List.of("no-such-program-here"), work);

        for (ProcessSpec s : List.of(spec, spec.endingWithParent())) {
            assertThatThrownBy(() -> runner.run(s, OutputSink.DISCARD, OutputSink.DISCARD))
                    .isInstanceOf(UknativeException.class)
                    .hasMessageContaining("cannot start no-such-program-here")
                    .extracting(e -> ((UknativeException) e).exitCode()).isEqualTo(ExitCode.ENVIRONMENT);
        }
    }

    @Test
    void withoutSetprivTheChildStartsDirectly() {
        ProcessRunner bare = new ProcessRunner(Duration.ofSeconds(2), new ToolLocator(""));
        List<String> lines = new ArrayList<>();

        ProcessResult result = bare.run(ProcessSpec.of(List.of("/bin/echo", "plain"), work).endingWithParent(),
                new LineSink(lines::add), OutputSink.DISCARD);

        assertThat(bare.endsChildrenWithParent()).isFalse();
        assertThat(result.exitCode()).isZero();
        assertThat(lines).containsExactly("plain");
    }
}
