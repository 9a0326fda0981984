package dev.uknative.elf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.uknative.core.ExitCode;
import dev.uknative.core.UknativeException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Damaged copies of a real object and of an archive holding it (truncated or with bytes changed at
 * 2000 positions each, fixed seed): the readers either succeed or throw a UknativeException with
 * INVALID_INPUT, quickly, and never anything else.
 */
class ElfReaderFuzzTest {

    private static final int CASES = 2000;

    @Test
    void damagedObjectsFailOnlyWithInvalidInput() throws IOException {
        byte[] object = sample();
        fuzz(object, 1, bytes -> {
            new ElfReader().read(bytes, "fuzz.o");
            new ElfReader().readSymbols(bytes, "fuzz.o");
        });
    }

    @Test
    void damagedArchivesFailOnlyWithInvalidInput() throws IOException {
        byte[] object = sample();
        String longName = "a_member_with_a_long_name.o/\n";
        byte[] archive = ElfReaderDifferentialTest.concat("!<arch>\n".getBytes(),
                ElfReaderDifferentialTest.header("//", longName.length()), longName.getBytes(), new byte[] {'\n'},
                ElfReaderDifferentialTest.header("/0", object.length), object,
                ElfReaderDifferentialTest.header("short.o/", object.length), object);
        fuzz(archive, 2, bytes -> new ArchiveReader().read(bytes, "fuzz.a"));
    }

    private static void fuzz(byte[] original, long seed, Consumer<byte[]> reader) {
        reader.accept(original); // the undamaged input reads
        Random random = new Random(seed);
        int[] outcomes = new int[2];
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            for (int i = 0; i < CASES; i++) {
                byte[] damaged = damage(original, random);
                try {
                    reader.accept(damaged);
                    outcomes[0]++;
                } catch (UknativeException e) {
                    assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
                    assertThat(e.getMessage()).containsAnyOf("premature end of", "invalid", "LLVM bitcode", "thin archive");
                    outcomes[1]++;
                }
            }
        });
        // Both outcomes occur: the damage reaches the checks, and harmless damage still reads.
        assertThat(outcomes[0]).as("inputs that still read").isPositive();
        assertThat(outcomes[1]).as("inputs refused").isPositive();
    }

    private static byte[] damage(byte[] original, Random random) {
        int position = random.nextInt(original.length);
        switch (random.nextInt(3)) {
            case 0:
                return Arrays.copyOf(original, position);
            case 1: {
                byte[] b = original.clone();
                b[position] ^= (byte) (1 << random.nextInt(8));
                return b;
            }
            default: {
                // A run of 0xff or random bytes: turns counts, offsets and sizes into huge values.
                byte[] b = original.clone();
                boolean ones = random.nextBoolean();
                for (int j = position; j < Math.min(b.length, position + 1 + random.nextInt(8)); j++) {
                    b[j] = ones ? (byte) 0xff : (byte) random.nextInt(256);
                }
                return b;
            }
        }
    }

    private static byte[] sample() throws IOException {
        try (InputStream in = ElfReaderFuzzTest.class.getResourceAsStream("/elf/sample.o")) {
            return in.readAllBytes();
        }
    }
}
