package dev.uknative.run;

import dev.uknative.core.AtomicFiles;
import dev.uknative.core.ExitCode;
import dev.uknative.core.UknativeException;
import dev.uknative.process.OutputSink;
import dev.uknative.process.ProcessResult;
import dev.uknative.process.ProcessRunner;
import dev.uknative.process.ProcessSpec;
import dev.uknative.process.TailLines;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Boots a Firecracker target in the foreground: the configuration written to a file, then
 * {@code firecracker --no-api --config-file FILE}, which starts the microVM at once with no API socket
 * (kraftkit starts Firecracker with a socket and sends the same settings as API requests; without a
 * socket nothing is left to clean up). The guest's only serial port is Firecracker's standard output,
 * its input Firecracker's standard input.
 *
 * <p>Firecracker exits 0 when the guest stops (Unikraft resets through the i8042 controller on x86_64,
 * PSCI on arm64) and carries no exit status of the guest: a halt, a crash that resets and {@code exit(3)}
 * all end as 0. That is why uknative's exit-status library is built only for QEMU.
 */
public final class FirecrackerRunner {

    private static final int TAIL = 50;

    private final ProcessRunner processes;
    private final Path firecracker;
    private final boolean terminalInput;

    /**
     * @param terminalInput give Firecracker this process's standard input (the guest's console input);
     *                      only for a terminal, as for QEMU
     */
    public FirecrackerRunner(ProcessRunner processes, Path firecracker, boolean terminalInput) {
        this.processes = processes;
        this.firecracker = firecracker;
        this.terminalInput = terminalInput;
    }

    /** {@code firecracker --no-api --config-file FILE}. */
    public static List<String> arguments(Path firecracker, Path configFile) {
        return List.of(firecracker.toString(), "--no-api", "--config-file", configFile.toString());
    }

    /**
     * Writes {@code config} to {@code configFile} (atomically; its folder is made when missing), starts
     * Firecracker on it and waits until it ends or {@code timeout} runs out.
     *
     * @param console receives Firecracker's standard output: the guest's console and Firecracker's log
     * @param errors  receives Firecracker's standard error
     * @param log     also receives the console, replaced
     */
    public RunOutcome run(FirecrackerConfig config, Path configFile, Optional<Duration> timeout, OutputStream console,
            OutputStream errors, Optional<Path> log) {
        KernelImage.check(config.kernel());
        write(config, configFile);
        if (log.isEmpty()) {
            return run(configFile, timeout, copyTo(console), errors);
        }
        Runner.requireLogFolder(log.get());
        try {
            Files.createDirectories(log.get().toAbsolutePath().getParent());
            try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(log.get()))) {
                // A failing log write is the log's problem, not the run's.
                return run(configFile, timeout, copyTo(console).andThen(copyTo(file)), errors);
            }
        } catch (IOException e) {
            throw UknativeException.environment("cannot write the console log " + log.get() + ": " + e.getMessage(),
                    "check the folder's permissions and free space, or give another --log");
        }
    }

    private RunOutcome run(Path configFile, Optional<Duration> timeout, OutputSink console, OutputStream errors) {
        ProcessSpec spec = new ProcessSpec(arguments(firecracker, configFile), configFile.getParent(), Map.of(), timeout, false,
                terminalInput, true);
        TailLines consoleTail = new TailLines(TAIL);
        TailLines errorTail = new TailLines(TAIL);
        ProcessResult result = processes.run(spec, console.andThen(consoleTail.sink()), copyTo(errors).andThen(errorTail.sink()));
        return classify(result.exitCode(), result.timedOut(), errorTail.lines(), consoleTail.lines(),
                timeout.map(FirecrackerRunner::text).orElse(""));
    }

    /**
     * How a Firecracker run ended. Firecracker's own exit codes ({@code FcExitCode}: 1 generic error,
     * 148 bad syscall, 152 bad configuration, 153 bad arguments …) are its failures, never the guest's.
     */
    static RunOutcome classify(int exit, boolean timedOut, List<String> errors, List<String> console, String timeoutText) {
        if (timedOut) {
            return new RunOutcome(RunOutcome.Kind.TIMED_OUT, ExitCode.TIMEOUT.code(),
                    Optional.of("the unikernel was still running after " + timeoutText + "; Firecracker was stopped"), Optional.empty());
        }
        if (exit == 0) {
            return new RunOutcome(RunOutcome.Kind.EXITED, ExitCode.OK.code(),
                    Optional.of("the guest stopped (Firecracker reports no exit status of the application)"), Optional.empty());
        }
        Optional<String> reason = errors.stream().filter(l -> !l.isBlank()).findFirst()
                .or(() -> console.stream().filter(l -> l.contains("Error") || l.contains("error")).findFirst());
        return new RunOutcome(RunOutcome.Kind.QEMU_FAILED, ExitCode.TOOL_FAILED.code(),
                Optional.of("Firecracker exited with status " + exit + reason.map(r -> ": " + r.strip()).orElse("")),
                Optional.of(exit == 152 || exit == 153 ? "Firecracker refused its configuration; it is in the file given to --config-file above"
                        : "Firecracker needs read and write access to /dev/kvm; its messages are above"));
    }

    private static void write(FirecrackerConfig config, Path configFile) {
        try {
            Files.createDirectories(configFile.getParent());
            AtomicFiles.write(configFile, config.json());
        } catch (IOException e) {
            throw UknativeException.environment("cannot write Firecracker's configuration " + configFile + ": " + e.getMessage(),
                    "check the free space and permissions of " + configFile.getParent());
        }
    }

    private static String text(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }

    private static OutputSink copyTo(OutputStream out) {
        return (buffer, length) -> {
            try {
                out.write(buffer, 0, length);
                out.flush();
            } catch (IOException e) {
                // The terminal went away; the run goes on and its outcome still counts.
            }
        };
    }
}
