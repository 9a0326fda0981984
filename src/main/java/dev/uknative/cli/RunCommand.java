package dev.uknative.cli;

import dev.uknative.app.DebugProject;
import dev.uknative.app.DetachedStart;
import dev.uknative.app.ProjectRequest;
import dev.uknative.app.RunProject;
import dev.uknative.app.Services;
import dev.uknative.core.UknativeException;
import dev.uknative.oci.ImageRef;
import dev.uknative.project.TargetSpec;
import dev.uknative.project.Architecture;
import dev.uknative.run.GdbServer;
import dev.uknative.run.ImageCheck;
import dev.uknative.run.KernelCommandLine;
import dev.uknative.run.Machine;
import dev.uknative.run.MachineSpec;
import dev.uknative.run.PlatformSupport;
import dev.uknative.run.PortForward;
import dev.uknative.run.RunOutcome;
import dev.uknative.run.Volume;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code uknative run}: build when needed, then boot the unikernel in QEMU with its console here. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Build the project when needed, then boot it in QEMU or Firecracker.",
            "fc targets boot in Firecracker; xen targets are refused (build only).",
            "The serial console is on this terminal.",
            "Given a kernel image file instead of a folder, boot that image without building.",
            "Given an image reference (see uknative pkg), boot its kernel from the image cache (pulled when missing).",
            "Arguments after -- are passed to the application; the exit status is the application's."},
        footer = {"", "Examples:",
            "  uknative run examples/helloworld-c",
            "  uknative run --timeout 30s -M 128M . -- arg1 arg2",
            "  uknative run -e GREETING=hi --cpus 2 . -- --verbose",
            "  uknative run -v ./data:/data:ro -p 8080:80 .",
            "  uknative run --auto-config -e GREETING=hi .",
            "  uknative run .unikraft/build/hello_qemu-x86_64",
            "  uknative run localhost:5000/hello:1.0",
            "  uknative run -d --name web -p 8080:80 .",
            "  uknative run --gdb 1234 .   (then attach gdb as printed)"})
final class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ParentCommand
    UknativeCommand parent;

    @Parameters(arity = "0..*", paramLabel = "DIR|KERNEL|REF",
            description = "The project folder (default: the current folder), a kernel image or an image reference; then, after --, the application's arguments.")
    List<String> positional = new ArrayList<>();

    @Mixin
    BuildOptions building;

    @Option(names = {"-M", "--memory"}, paramLabel = "SIZE", defaultValue = "64M",
            description = "Guest memory, e.g. 64M or 1G (default: ${DEFAULT-VALUE}).")
    String memory;

    @Option(names = "--cpus", paramLabel = "N", defaultValue = "1", description = "Virtual CPUs (default: ${DEFAULT-VALUE}).")
    int cpus;

    @Option(names = {"-a", "--kernel-arg"}, paramLabel = "ARG",
            description = "A Unikraft library parameter (uklibparam), e.g. -a netdev.ip=10.0.2.15/24; repeatable.")
    List<String> kernelArguments = new ArrayList<>();

    @Option(names = {"-e", "--env"}, paramLabel = "KEY=VALUE",
            description = "An environment variable for the application (Unikraft's env.vars; needs posix-environ with its libparam); repeatable.")
    List<String> environment = new ArrayList<>();

    @Option(names = "--initrd", paramLabel = "FILE", description = "An initial ramdisk (e.g. a CPIO archive) for the guest.")
    Path initrd;

    @Option(names = {"-v", "--volume"}, paramLabel = "HOST:GUEST[:ro]",
            description = "Share a host folder over virtio-9p (mounted through vfs.fstab; read-only with :ro); repeatable.")
    List<String> volumes = new ArrayList<>();

    @Option(names = {"-p", "--port"}, paramLabel = "[ADDR:]HOST:GUEST",
            description = "Forward a host TCP port to the guest (QEMU user networking; binds 127.0.0.1 unless ADDR is given); repeatable.")
    List<String> ports = new ArrayList<>();

    @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Stop QEMU after this long (e.g. 30s, 2m) and exit 124.")
    Duration timeout;

    @Option(names = {"-W", "--no-accel"}, description = "Use software emulation (TCG) even when KVM is available.")
    boolean noAccel;

    @Option(names = "--qemu", paramLabel = "PATH", description = "The QEMU binary (default: qemu-system-x86_64, or qemu-system-aarch64 for an arm64 image, on PATH);"
            + " 4.2 or newer.")
    Path qemuBinary;

    @Option(names = "--log", paramLabel = "FILE",
            description = "Also write the whole console to FILE (default for projects: .unikraft/run.log).")
    Path log;

    @Option(names = {"-d", "--detach"},
            description = "Start the machine in the background and print its name; the console goes to a file"
                    + " (see uknative ps, logs, stop and rm).")
    boolean detach;

    @Option(names = "--name", paramLabel = "NAME",
            description = "With -d: the machine's name: 1 to 63 of a-z, 0-9, '_', '.' and '-' (default: the image's name and 6 random hex digits).")
    String name;

    @Option(names = "--auto-config",
            description = "Turn on the options -e, -a, -v, -p, --initrd and --cpus need when the image lacks them (written to the"
                    + " Kraftfile), build again and run; without it such a run is refused before QEMU starts.")
    boolean autoConfig;

    @Option(names = "--gdb", paramLabel = "[ADDR:]PORT",
            description = "Start QEMU halted with its gdb server on PORT (127.0.0.1 unless ADDR), and print the gdb command"
                    + " that attaches with the image's symbols (see also: uknative debug).")
    String gdb;

    // -v is taken by volumes (as in kraft run).
    @Mixin
    OfflineOption offline;

    @Option(names = "--verbose", description = VerboseOption.DESCRIPTION)
    boolean verbose;

    @Override
    public Integer call() {
        List<String> appArguments = appArguments();
        List<String> before = positional.subList(0, positional.size() - appArguments.size());
        if (before.size() > 1) {
            throw UknativeException.usage("unexpected arguments: " + String.join(" ", before.subList(1, before.size())),
                    "put the application's arguments after --, e.g.  uknative run . -- " + String.join(" ", before.subList(1, before.size())));
        }
        String targetText = before.isEmpty() ? "." : before.get(0);
        Optional<ImageRef> reference = RunProject.imageReference(targetText);
        Path target = Path.of(targetText);
        // Every flag is checked before anything is built or started.
        MachineSpec.normaliseMemory(memory);
        Map<String, String> env = environment(environment);
        List<Volume> shared = new ArrayList<>();
        for (String v : volumes) {
            shared.add(Volume.parse(v, shared.size()));
        }
        List<PortForward> forwarded = ports.stream().map(PortForward::parse).toList();
        Optional<GdbServer> gdbServer = Optional.ofNullable(gdb).map(GdbServer::parse);
        if (initrd != null && !Files.isRegularFile(initrd)) {
            throw UknativeException.usage("--initrd " + initrd + " is not a file", "give the path of an existing initrd");
        }
        if (log != null) {
            RunProject.requireLogFolder(log);
        }

        Services services = offline.services();
        RunProject run = new RunProject(services);
        // A project's target is chosen first: its platform says what boots it, or refuses, before any build.
        Optional<ProjectRequest> projectRequest = Optional.empty();
        Optional<Path> firecracker = Optional.empty();
        Optional<Architecture> chosenArchitecture = Optional.empty();
        if (reference.isEmpty() && !Files.isRegularFile(target)) {
            ProjectRequest asked = building.request(target);
            TargetSpec chosen = run.target(asked, new TerminalTargetQuestion(spec.commandLine().getErr()));
            chosenArchitecture = Optional.of(chosen.architecture());
            firecracker = run.platform(chosen, new PlatformSupport.Flags(cpus, !volumes.isEmpty(), !ports.isEmpty(), gdb != null,
                    detach, qemuBinary != null, noAccel, autoConfig));
            projectRequest = Optional.of(RunProject.narrowed(asked, chosen));
        }
        if (firecracker.isPresent()) {
            return runFirecracker(run, projectRequest.orElseThrow(), firecracker.get(), env, appArguments);
        }
        Optional<DetachedStart> detached = DetachedStart.check(detach, Optional.ofNullable(name), services);
        // Before any build: a missing or too old QEMU should not cost the user a build first (the one of the
        // chosen target's architecture; a kernel file's or an image's is looked up once it is known).
        if (projectRequest.isPresent()) {
            run.qemu(Optional.ofNullable(qemuBinary), chosenArchitecture.orElseThrow());
        }

        // Every flag is checked against the image before QEMU starts (ImageCheck).
        RunProject.RunCheck check = new RunProject.RunCheck(new ImageCheck.Flags(kernelArguments, env, shared, forwarded, initrd != null,
                MachineSpec.memoryBytes(memory), cpus), Optional.ofNullable(qemuBinary), noAccel, autoConfig);
        RunProject.Checked checked;
        try (ConsoleReporter reporter = ConsoleReporter.forTerminal(spec.commandLine().getErr(), verbose)) {
            // DIR|KERNEL|REF: a file is an image to boot as it is; a reference, an OCI image's kernel.
            checked = reference.isPresent() ? run.image(reference.get(), check, reporter)
                    : Files.isRegularFile(target) ? run.kernel(target, check, reporter)
                    : run.build(projectRequest.orElseThrow(), building.jobs(), building.linkOptions(), building.compileCache(), reporter,
                            new TerminalTargetQuestion(spec.commandLine().getErr()), check);
            checked.image().built().ifPresent(built -> BuildReport.report(built, reporter));
        }
        RunProject.Image image = checked.image();
        Path kernel = image.kernel();
        Path qemu = checked.qemu();
        List<String> arguments = appArguments.isEmpty() ? image.arguments() : appArguments;
        Optional<Path> consoleLog = Optional.ofNullable(log).map(p -> p.toAbsolutePath().normalize()).or(image::consoleLog);
        MachineSpec.Builder machineBuilder = MachineSpec.builder(kernel)
                .memory(memory)
                .cpus(cpus)
                .architecture(checked.architecture())
                .accelerator(checked.accelerator())
                .commandLine(KernelCommandLine.of(kernelArguments, env, shared, arguments))
                .initrd(Optional.ofNullable(initrd).map(p -> p.toAbsolutePath().normalize()).or(image::initrd))
                .volumes(shared)
                .ports(forwarded)
                .timeout(Optional.ofNullable(timeout))
                .gdb(gdbServer);
        gdbServer.ifPresent(server -> ConsoleReporter.messages(spec.commandLine().getErr()).info("QEMU waits for gdb on " + server.target()
                + ". Attach from another terminal:\n  " + GdbServer.shellLine(server.gdbArguments(Path.of("gdb"), RunProject.debugImage(kernel),
                        DebugProject.FIRST_COMMANDS))));
        if (detached.isPresent()) {
            // The console goes to the machine's folder; to --log as well only when asked for.
            Machine started = detached.get().start(machineBuilder, kernel, qemu, Optional.ofNullable(name),
                    Optional.ofNullable(log).map(p -> p.toAbsolutePath().normalize()), SupervisorLaunch::commandLine);
            reportDetached(started);
            return 0;
        }
        spec.commandLine().getErr().flush();
        RunOutcome outcome = run.boot(machineBuilder, qemu, parent.streams().out(), parent.streams().err(), consoleLog);
        report(outcome, consoleLog);
        return outcome.exitStatus();
    }

    /**
     * A Firecracker target: built when needed, then booted in Firecracker with its console here; the
     * flags Firecracker has no meaning for were refused before ({@link PlatformSupport}).
     */
    private int runFirecracker(RunProject run, ProjectRequest request, Path firecracker, Map<String, String> env,
            List<String> appArguments) {
        RunProject.Image image;
        try (ConsoleReporter reporter = ConsoleReporter.forTerminal(spec.commandLine().getErr(), verbose)) {
            image = run.build(request, building.jobs(), building.linkOptions(), building.compileCache(), reporter,
                    new TerminalTargetQuestion(spec.commandLine().getErr()));
            image.built().ifPresent(built -> BuildReport.report(built, reporter));
        }
        List<String> arguments = appArguments.isEmpty() ? image.arguments() : appArguments;
        MachineSpec machine = MachineSpec.builder(image.kernel())
                .memory(memory)
                .cpus(cpus)
                .commandLine(KernelCommandLine.of(kernelArguments, env, List.of(), arguments))
                .initrd(Optional.ofNullable(initrd).map(p -> p.toAbsolutePath().normalize()))
                .timeout(Optional.ofNullable(timeout))
                .build();
        Path configFile = RunProject.firecrackerConfigFile(image);
        ConsoleReporter.messages(spec.commandLine().getErr()).info("Starting Firecracker with " + configFile);
        spec.commandLine().getErr().flush();
        Optional<Path> consoleLog = Optional.ofNullable(log).map(p -> p.toAbsolutePath().normalize()).or(image::consoleLog);
        RunOutcome outcome = run.bootFirecracker(machine, firecracker, configFile, parent.streams().out(), parent.streams().err(),
                consoleLog);
        report(outcome, consoleLog);
        return outcome.exitStatus();
    }

    /** The detached machine's name on stdout; how to follow it, or how it already ended, on stderr. */
    private void reportDetached(Machine started) {
        PrintWriter out = spec.commandLine().getOut();
        out.println(started.name());
        out.flush();
        ConsoleReporter reporter = ConsoleReporter.messages(spec.commandLine().getErr());
        String machineName = started.name().toString();
        if (started.ended()) {
            reporter.warn(machineName + " already ended: " + started.state().label()
                    + started.end().flatMap(e -> e.message()).map(m -> " (" + m + ")").orElse("")
                    + "; its console: uknative logs " + machineName);
        } else {
            reporter.info("Started " + machineName + " in the background; its console: uknative logs -f " + machineName
                    + "; stop it: uknative stop " + machineName);
        }
    }

    private void report(RunOutcome outcome, Optional<Path> consoleLog) {
        if (outcome.message().isEmpty()) {
            return;
        }
        ConsoleReporter reporter = ConsoleReporter.messages(spec.commandLine().getErr());
        String message = outcome.message().get();
        switch (outcome.kind()) {
            case EXITED -> reporter.info(message);
            case CRASHED, RESET -> reporter.error(message,
                    outcome.hint().orElse(consoleLog.map(l -> "the whole console is in " + l).orElse(null)));
            default -> reporter.error(message, outcome.hint().orElse(null));
        }
    }

    /** {@code -e KEY=VALUE} flags, in order; a later one replaces an earlier one of the same key. */
    static Map<String, String> environment(List<String> assignments) {
        Map<String, String> env = new LinkedHashMap<>();
        for (String a : assignments) {
            int eq = a.indexOf('=');
            if (eq <= 0 || !a.substring(0, eq).matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw UknativeException.usage("-e " + a + " is not KEY=VALUE", "write for example  -e GREETING=hello");
            }
            env.put(a.substring(0, eq), a.substring(eq + 1));
        }
        return env;
    }

    /** What follows {@code --} on the command line. */
    private List<String> appArguments() {
        List<String> original = spec.commandLine().getParseResult().originalArgs();
        int dashes = original.indexOf("--");
        if (dashes < 0) {
            return List.of();
        }
        int count = original.size() - dashes - 1;
        return positional.subList(positional.size() - count, positional.size());
    }
}
