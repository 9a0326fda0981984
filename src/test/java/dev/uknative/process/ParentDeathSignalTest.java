package dev.uknative.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whether a setpriv takes {@code --pdeathsig}: read from the binary where its help text is, asked
 * with {@code --help} otherwise (a wrapper script), and refused when neither says so.
 */
class ParentDeathSignalTest {

    @TempDir
    Path work;

    @Test
    void debiansSetprivIsKnownFromItsFile() {
        Path setpriv = Path.of("/usr/bin/setpriv");
        Assumptions.assumeTrue(Files.isExecutable(setpriv), "no /usr/bin/setpriv on this host");

        assertThat(ParentDeathSignal.knowsPdeathsig(setpriv)).isTrue();
    }

    @Test
    void aWrapperIsAskedForItsHelp() throws Exception {
        Path wrapper = script("wrapper", "#!/bin/sh\necho ' --pdeath''sig <sig>'\n");

        assertThat(ParentDeathSignal.knowsPdeathsig(wrapper)).isTrue();
    }

    @Test
    void aSetprivWithoutTheOptionIsNotUsed() throws Exception {
        Path old = script("old", "#!/bin/sh\necho ' --reuid <ruid>'\n");

        assertThat(ParentDeathSignal.knowsPdeathsig(old)).isFalse();
    }

    private Path script(String name, String text) throws Exception {
        Path file = work.resolve(name);
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }
}
