package dev.uknative.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.uknative.app.BuildAllTargets;
import dev.uknative.build.BuildResult;
import dev.uknative.core.ExitCode;
import dev.uknative.core.UknativeException;
import dev.uknative.project.Architecture;
import dev.uknative.project.Platform;
import dev.uknative.project.TargetSpec;
import dev.uknative.core.Location;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code build --all-targets}: one line per target, and the exit status of the first failure. */
class BuildAllTargetsLineTest {

    private static TargetSpec target(Platform platform, Architecture architecture) {
        return new TargetSpec(Optional.empty(), platform, architecture, List.of(), Location.of(Path.of("/p/Kraftfile")));
    }

    private static final BuildAllTargets.TargetBuild BUILT = new BuildAllTargets.TargetBuild(target(Platform.FIRECRACKER, Architecture.X86_64),
            Optional.of(new BuildResult(Path.of("/p/.unikraft/build/hello_fc-x86_64"), 237_261, 105, true, false, Duration.ofSeconds(20),
                    Optional.empty())), Optional.empty());

    private static final BuildAllTargets.TargetBuild FAILED = new BuildAllTargets.TargetBuild(target(Platform.XEN, Architecture.X86_64),
            Optional.empty(), Optional.of(UknativeException.toolFailed("make failed: exitstatus.c:54: undefined reference to 'exit'\nmore",
                    "see make.log")));

    @Test
    void oneLinePerTargetWithSizeOrTheFirstErrorLine() {
        assertThat(BuildCommand.line(BUILT)).isEqualTo("fc/x86_64      ok       231.7 KiB  /p/.unikraft/build/hello_fc-x86_64");
        assertThat(BuildCommand.line(FAILED)).isEqualTo("xen/x86_64     FAILED  make failed: exitstatus.c:54: undefined reference to 'exit'");
    }

    @Test
    void aFirstLineThatAnnouncesAListGoesOnWithItsFirstItem() {
        BuildAllTargets.TargetBuild refused = new BuildAllTargets.TargetBuild(target(Platform.FIRECRACKER, Architecture.X86_64),
                Optional.empty(), Optional.of(UknativeException.invalidInput(Location.of(Path.of("/p/Kraftfile"), 13),
                        "a kconfig request cannot hold:\n  CONFIG_LIBNOPE=y cannot hold: no Kconfig file defines LIBNOPE\n  fix: remove it", null)));
        assertThat(refused.firstErrorLine()).hasValue(
                "/p/Kraftfile:13: a kconfig request cannot hold: CONFIG_LIBNOPE=y cannot hold: no Kconfig file defines LIBNOPE");
    }

    @Test
    void exitsWithTheFirstFailuresStatus() {
        assertThat(new BuildAllTargets.Result(List.of(BUILT)).exitStatus()).isZero();
        BuildAllTargets.Result mixed = new BuildAllTargets.Result(List.of(BUILT, FAILED));
        assertThat(mixed.failed()).isEqualTo(1);
        assertThat(mixed.exitStatus()).isEqualTo(ExitCode.TOOL_FAILED.code());
    }
}
