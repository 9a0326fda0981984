package dev.uknative.elf.bench;

import dev.uknative.elf.ArchiveReader;
import dev.uknative.elf.ArchiveSymbols;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Issue #5: reading all symbols of a ~20 MB archive must take no longer than {@code readelf -sW} on it.
 * The archive is {@code -Duknative.bench.archive=PATH} or {@code UKNATIVE_BENCH_ARCHIVE}, by default
 * glibc's libc.a:
 *
 * <pre>UKNATIVE_BENCH_ARCHIVE=/tmp/x/target/release/libx.a bench/jmh -f 1 -wi 3 -i 5 ArchiveReadBenchmark</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ArchiveReadBenchmark {

    private Path archive;

    @Setup
    public void locate() {
        String path = System.getProperty("uknative.bench.archive", System.getenv("UKNATIVE_BENCH_ARCHIVE"));
        archive = Path.of(path != null ? path : "/usr/lib/x86_64-linux-gnu/libc.a");
        if (!Files.isRegularFile(archive)) {
            throw new IllegalStateException("no archive at " + archive + ": set UKNATIVE_BENCH_ARCHIVE");
        }
    }

    /** Map, walk every member, read every symbol table: what {@code readelf -sW} does. */
    @Benchmark
    public ArchiveSymbols readAllSymbols() {
        return new ArchiveReader().read(archive);
    }

    /** What the symbol doctor reads: the symbols and every raw syscall site (a scan of all code). */
    @Benchmark
    public ArchiveSymbols readAllSymbolsAndSyscallSites() {
        return new ArchiveReader().readWithSyscalls(archive);
    }
}
