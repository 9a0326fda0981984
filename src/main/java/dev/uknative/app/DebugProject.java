package dev.uknative.app;

import dev.uknative.build.BuildRequest;
import dev.uknative.build.BuildResult;
import dev.uknative.core.Reporter;
import dev.uknative.core.UknativeException;
import dev.uknative.process.ProcessResult;
import dev.uknative.process.ProcessSpec;
import dev.uknative.run.GdbServer;
import dev.uknative.run.ImageCheck;
import dev.uknative.run.KernelCommandLine;
import dev.uknative.run.MachineSpec;
import dev.uknative.run.RunOutcome;
import dev.uknative.run.Runner;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code uknative debug}: build the project when needed, start it in QEMU halted with a gdb server on
 * a free loopback port, and hand the terminal to gdb with the image's symbols, a breakpoint on
 * {@code main} and the machine running up to it. When gdb ends, so does QEMU.
 */
public final class DebugProject {

    /**
     * gdb's first commands. {@code hbreak}: a hardware breakpoint holds both under TCG and under KVM,
     * where a software one written before the boot loader copies the image into place would be
     * overwritten.
     */
    public static final List<String> FIRST_COMMANDS = List.of("hbreak main", "continue");

    private final Services services;

    public DebugProject(Services services) {
        this.services = services;
    }

    /**
     * How the session ended.
     *
     * @param gdbExit gdb's exit status
     * @param machine how QEMU ended, when it ended by itself before gdb did; empty when uknative stopped it
     */
    public record Result(int gdbExit, Optional<RunOutcome> machine) {
    }

    /**
     * What is debugged, after the build: told to the {@link TerminalHandOver} before gdb takes the terminal.
     *
     * @param built the build that made the image
     */
    public record Session(Path kernel, Path symbols, GdbServer server, List<String> gdbCommand, Optional<BuildResult> built) {
    }

    /**
     * Builds when needed and runs the session; QEMU's console goes to {@code console}, its messages to
     * {@code errors}. {@code handOver} runs gdb on the terminal (the caller keeps Ctrl-C from ending
     * this process meanwhile).
     */
    public Result debug(ProjectRequest project, int jobs, BuildRequest.LinkOptions link, boolean compileCache, Reporter reporter,
            ProjectLoader.TargetQuestion question, OutputStream console, OutputStream errors, TerminalHandOver handOver) {
        RunProject run = new RunProject(services);
        Path qemu = run.qemu(Optional.empty());
        Path gdb = services.tools().require("gdb", "gdb");
        Path setsid = services.tools().require("setsid", "util-linux");
        // Checked like `run` without flags: refused on a host that cannot run it, and the accelerator the
        // check chose (under TCG, the RDRAND/RDSEED a libukrandom image needs from QEMU 8.1.3 on).
        RunProject.Checked checked = run.build(project, jobs, link, compileCache, reporter, question,
                new RunProject.RunCheck(ImageCheck.Flags.none(), Optional.of(qemu), false, false));
        RunProject.Image image = checked.image();
        GdbServer server = new GdbServer(GdbServer.LOOPBACK, freePort());
        Path symbols = RunProject.debugImage(image.kernel());
        MachineSpec machine = MachineSpec.builder(image.kernel())
                .accelerator(checked.accelerator())
                .commandLine(KernelCommandLine.of(List.of(), Map.of(), List.of(), image.arguments()))
                .gdb(Optional.of(server))
                .build();
        Session session = new Session(image.kernel(), symbols, server, server.gdbArguments(gdb, symbols, FIRST_COMMANDS), image.built());

        AtomicReference<RunOutcome> ended = new AtomicReference<>();
        Thread machineThread = new Thread(() -> {
            try {
                ended.set(Runner.besideDebugger(services.processes(), qemu, setsid).run(machine, console, errors));
            } catch (UknativeException stopped) {
                // Interrupted once gdb has ended: uknative stopped QEMU, there is nothing to report.
            }
        }, "uknative-debug-qemu");
        machineThread.start();
        ProcessResult gdbResult;
        try {
            gdbResult = handOver.run(session, () -> services.processes().runInTerminal(
                    ProcessSpec.of(session.gdbCommand(), image.kernel().toAbsolutePath().getParent()).endingWithParent()));
        } finally {
            if (machineThread.isAlive()) {
                machineThread.interrupt();
            }
            try {
                machineThread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return new Result(gdbResult.exitCode(), Optional.ofNullable(ended.get()));
    }

    /** Runs gdb on the terminal: told the session, given the run itself. */
    public interface TerminalHandOver {
        ProcessResult run(Session session, java.util.function.Supplier<ProcessResult> gdb);
    }

    /** A port nothing listens on now; QEMU takes it a moment later (another program could in between, rarely). */
    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw UknativeException.environment("cannot find a free TCP port on the loopback interface: " + e.getMessage(),
                    "run  uknative run --gdb PORT  with a port of your choice, and gdb as it prints");
        }
    }
}
