package dev.uknative.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsoleLogTest {

    @TempDir
    Path work;

    @Test
    void copiesFromAnOffsetAndToleratesAMissingFile() throws Exception {
        Path file = work.resolve("console.log");
        ConsoleLog log = new ConsoleLog(file);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        assertThat(log.copy(0, out)).isZero();
        Files.writeString(file, "booted\nhanging\n");
        long offset = log.copy(0, out);
        Files.writeString(file, "more\n", StandardOpenOption.APPEND);
        log.copy(offset, out);

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("booted\nhanging\nmore\n");
    }

    @Test
    void followsUntilTheEndAndCopiesWhatCameBeforeIt() throws Exception {
        Path file = work.resolve("console.log");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AtomicInteger polls = new AtomicInteger();

        // The "machine" writes a line on each of the first polls, then its last line, then ends.
        new ConsoleLog(file).follow(out, () -> {
            int n = polls.incrementAndGet();
            try {
                Files.writeString(file, "line " + n + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
            return n == 3;
        }, Duration.ofMillis(1));

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("line 1\nline 2\nline 3\n");
    }
}
