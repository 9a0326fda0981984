package dev.uknative.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.uknative.core.ExitCode;
import dev.uknative.core.UknativeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code --unikraft-source} is told when it names something that is not a Unikraft tree. */
class SourceTreeMessagesTest {

    @TempDir
    Path temp;

    @Test
    void aFileIsCalledAFileNotMissing() throws IOException {
        Path file = Files.writeString(temp.resolve("unikraft.tar.gz"), "not a folder");

        UknativeException e = catchThrowableOfType(UknativeException.class, () -> UnikraftTree.open(file, "--unikraft-source"));

        assertThat(e.exitCode()).isEqualTo(ExitCode.ENVIRONMENT);
        assertThat(e.getMessage()).contains(file.toString()).contains("is a file, not a folder").doesNotContain("does not exist");
        assertThat(e.hint()).hasValueSatisfying(h -> assertThat(h).contains("--unikraft-source"));
    }

    @Test
    void aMissingFolderStillSaysItDoesNotExist() {
        UknativeException e = catchThrowableOfType(UknativeException.class,
                () -> UnikraftTree.open(temp.resolve("nowhere"), "--unikraft-source"));

        assertThat(e.getMessage()).contains("does not exist");
    }
}
