package dev.uknative.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.uknative.core.ExitStatusProtocol;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exit-status library as written into a build: its generated header and a C compiler's view of it. */
@Tag("tool")
class ExitStatusLibraryTest {

    @TempDir
    Path work;

    @Test
    void theWrittenLibraryHoldsTheProtocolHeaderAndCompiles() throws Exception {
        Path library = ExitStatusLibrary.writeTo(work.resolve("lib"));

        assertThat(Files.readString(library.resolve("exitstatus.h"))).isEqualTo(ExitStatusProtocol.cHeader());
        Process gcc = new ProcessBuilder("gcc", "-std=gnu11", "-Wall", "-Werror", "-fsyntax-only", library.resolve("exitstatus.c").toString())
                .redirectErrorStream(true).start();
        String output = new String(gcc.getInputStream().readAllBytes());
        assertThat(gcc.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(gcc.exitValue()).as(output).isZero();
    }

    @Test
    void writingAgainChangesNoFile() throws Exception {
        Path library = ExitStatusLibrary.writeTo(work.resolve("lib"));
        long before = Files.getLastModifiedTime(library.resolve("exitstatus.h")).toMillis();
        Files.setLastModifiedTime(library.resolve("exitstatus.h"), java.nio.file.attribute.FileTime.fromMillis(before - 10_000));

        ExitStatusLibrary.writeTo(library);

        assertThat(Files.getLastModifiedTime(library.resolve("exitstatus.h")).toMillis()).isEqualTo(before - 10_000);
    }

    @Test
    void theFilesAreWhatIsWritten() throws Exception {
        Path library = ExitStatusLibrary.writeTo(work.resolve("lib"));

        assertThat(ExitStatusLibrary.files()).containsOnlyKeys("Config.uk", "Makefile.uk", "exitstatus.c", "exitstatus.h");
        ExitStatusLibrary.files().forEach((name, content) -> {
            try {
                assertThat(Files.readAllBytes(library.resolve(name))).as(name).isEqualTo(content);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }
}
