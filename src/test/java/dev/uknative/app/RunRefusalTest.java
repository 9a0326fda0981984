package dev.uknative.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.uknative.core.ExitCode;
import dev.uknative.core.Reporter;
import dev.uknative.core.UknativeException;
import dev.uknative.run.Accelerator;
import dev.uknative.run.ImageCheck;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How run's check ends: a refusal (exit 3 or 4) with one line per flag, or warnings. */
class RunRefusalTest {

    private final List<String> warnings = new ArrayList<>();
    private final Reporter reporter = new Reporter() {
        @Override
        public void info(String message) {
        }

        @Override
        public void warn(String message) {
            warnings.add(message);
        }

        @Override
        public void progress(String message) {
        }

        @Override
        public void detail(String line) {
        }
    };

    private static final ImageCheck.Missing ENV = new ImageCheck.Missing("-e A=b",
            List.of(ImageCheck.Option.on("CONFIG_LIBPOSIX_ENVIRON"), ImageCheck.Option.on("CONFIG_LIBPOSIX_ENVIRON_LIBPARAM")),
            "posix-environ's env.vars");

    private static ImageCheck.Result result(ImageCheck.Finding... findings) {
        return new ImageCheck.Result(List.of(findings), Accelerator.TCG);
    }

    @Test
    void missingOptionsAreRefusedWithTheFlagAndTheCommandThatAddsThem() {
        UknativeException e = catchThrowableOfType(UknativeException.class,
                () -> RunRefusal.conclude(result(ENV), Optional.of(Path.of("/p")), false, reporter));
        assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(e.getMessage()).isEqualTo("""
                the image cannot take this flag (QEMU was not started):
                  -e A=b needs posix-environ's env.vars:
                      uknative config set CONFIG_LIBPOSIX_ENVIRON=y CONFIG_LIBPOSIX_ENVIRON_LIBPARAM=y""");
        assertThat(e.hint()).get().asString().contains("--auto-config").contains("run: {auto-config: true}");
    }

    @Test
    void aKernelFilesRefusalPointsAtItsProjectAndATypoGetsItsOwnHint() {
        UknativeException file = catchThrowableOfType(UknativeException.class,
                () -> RunRefusal.conclude(result(ENV), Optional.empty(), false, reporter));
        assertThat(file.hint()).get().asString().contains("the image is a file");

        ImageCheck.Invalid typo = new ImageCheck.Invalid("-a netdv.ip=1", "no library takes netdv.*", "write netdev");
        UknativeException both = catchThrowableOfType(UknativeException.class,
                () -> RunRefusal.conclude(result(ENV, typo), Optional.of(Path.of("/p")), false, reporter));
        assertThat(both.getMessage()).startsWith("the image cannot take 2 of these flags").contains("\n  -a netdv.ip=1: no library takes netdv.*");
        assertThat(both.hint()).hasValue("write netdev");
    }

    @Test
    void optionsStillMissingAfterAutoConfigPointAtWhy() {
        UknativeException e = catchThrowableOfType(UknativeException.class,
                () -> RunRefusal.conclude(result(ENV), Optional.of(Path.of("/p")), true, reporter));
        assertThat(e.hint()).get().asString().contains("uknative config explain CONFIG_LIBPOSIX_ENVIRON").doesNotContain("add --auto-config");
    }

    @Test
    void aHostThatCannotRunTheImageIsAnEnvironmentError() {
        UknativeException e = catchThrowableOfType(UknativeException.class, () -> RunRefusal.conclude(
                result(new ImageCheck.HostLacks("CONFIG_LIBUKRANDOM", "needs RDSEED", "use KVM")), Optional.empty(), false, reporter));
        assertThat(e.exitCode()).isEqualTo(ExitCode.ENVIRONMENT);
        assertThat(e.getMessage()).isEqualTo("needs RDSEED (QEMU was not started)");
    }

    @Test
    void uncheckedFlagsAreOneWarningEachAndTheRunGoesOn() {
        RunRefusal.conclude(result(new ImageCheck.Unchecked("-e A=b", "CONFIG_X"), new ImageCheck.Unchecked("--initrd", "CONFIG_Y")),
                Optional.empty(), false, reporter);
        assertThat(warnings).containsExactly("cannot check -e A=b (the image's configuration is unknown): it needs CONFIG_X",
                "cannot check --initrd (the image's configuration is unknown): it needs CONFIG_Y");
    }
}
