package dev.uknative.run;

import dev.uknative.process.OutputSink;
import dev.uknative.process.ProcessResult;
import dev.uknative.process.ProcessRunner;
import dev.uknative.process.ProcessSpec;
import dev.uknative.process.TailLines;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * Starts QEMU for a {@link MachineSpec} and waits for it: the serial console is copied to the given
 * stream as it arrives (unbuffered, so prompts without a newline appear), the last console lines are
 * kept to explain a crash, and QEMU's exit status becomes a {@link RunOutcome}.
 */
public final class Runner {

    private static final int CONSOLE_TAIL = 50;

    private final ProcessRunner processes;
    private final Path qemu;

    public Runner(ProcessRunner processes, Path qemu) {
        this.processes = processes;
        this.qemu = qemu;
    }

    /**
     * @param console receives the guest's serial output
     * @param errors  receives QEMU's own messages
     */
    public RunOutcome run(MachineSpec machine, OutputStream console, OutputStream errors) {
        ProcessSpec spec = new ProcessSpec(machine.arguments(qemu), machine.kernel().getParent(), Map.of(),
                machine.timeout(), false, true);
        TailLines consoleTail = new TailLines(CONSOLE_TAIL);
        TailLines qemuErrors = new TailLines(CONSOLE_TAIL);
        ProcessResult result = processes.run(spec,
                copyTo(console).andThen(consoleTail.sink()),
                copyTo(errors).andThen(qemuErrors.sink()));
        String limit = machine.timeout().map(d -> d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms").orElse("");
        return RunOutcome.classify(result.exitCode(), result.timedOut(), qemuErrors.lines(), consoleTail.lines(), limit);
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
