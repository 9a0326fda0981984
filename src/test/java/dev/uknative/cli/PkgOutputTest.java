package dev.uknative.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.uknative.core.ExitCode;
import dev.uknative.core.UknativeException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PkgOutputTest {

    @Test
    void noOutputAsksForNeither() {
        PkgCommand.Output none = PkgCommand.Output.parse(null);
        assertThat(none.layout()).isEmpty();
        assertThat(none.archive()).isEmpty();
    }

    @Test
    void aLayoutFolderAndAnArchiveFileAreTold() {
        assertThat(PkgCommand.Output.parse("oci:img").layout()).contains(Path.of("img").toAbsolutePath());
        assertThat(PkgCommand.Output.parse("oci:img").archive()).isEmpty();
        assertThat(PkgCommand.Output.parse("oci-archive:img.tar").archive()).contains(Path.of("img.tar").toAbsolutePath());
        assertThat(PkgCommand.Output.parse("oci-archive:img.tar").layout()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"oci:", "oci-archive:", "oci-archive: ", "img.tar", "docker:img"})
    void anEmptyPathOrAnUnknownKindIsAUsageError(String output) {
        assertThatThrownBy(() -> PkgCommand.Output.parse(output))
                .isInstanceOfSatisfying(UknativeException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE);
                    assertThat(e.getMessage()).contains("--output " + output);
                });
    }
}
