package dev.uknative.cli;

import dev.uknative.build.BuildRequest;
import dev.uknative.build.BuildResult;
import dev.uknative.core.UknativeException;
import dev.uknative.run.Accelerator;
import dev.uknative.run.KernelCommandLine;
import dev.uknative.run.MachineSpec;
import dev.uknative.run.RunOutcome;
import dev.uknative.run.Runner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
        description = {"Build the project when needed, then boot it in QEMU with the serial console on this terminal.",
            "Given a kernel image file instead of a folder, boot that image without building.",
            "Arguments after -- are passed to the application."},
        footer = {"", "Examples:",
            "  uknative run examples/helloworld-c",
            "  uknative run --timeout 30s -M 128M . -- arg1 arg2",
            "  uknative run .unikraft/build/hello_qemu-x86_64"})
final class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ParentCommand
    UknativeCommand parent;

    @Parameters(arity = "0..*", paramLabel = "DIR|KERNEL",
            description = "The project folder (default: the current folder) or a kernel image; then, after --, the application's arguments.")
    List<String> positional = new ArrayList<>();

    @Mixin
    TargetOptions targets;

    @Mixin
    ProjectOptions project;

    @Option(names = {"-M", "--memory"}, paramLabel = "SIZE", defaultValue = "64M",
            description = "Guest memory, e.g. 64M or 1G (default: ${DEFAULT-VALUE}).")
    String memory;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Stop QEMU after this long (e.g. 30s, 2m) and exit 124.")
    Duration timeout;

    @Option(names = {"-W", "--no-accel"}, description = "Use software emulation (TCG) even when KVM is available.")
    boolean noAccel;

    @Option(names = {"-j", "--jobs"}, paramLabel = "N", description = "Parallel make jobs when building (default: the number of CPUs).")
    Integer jobs;

    // -v is kept free for volumes (kraft's run -v HOST:GUEST).
    @Option(names = "--verbose", description = "Show the full make output and, on errors, the details.")
    boolean verbose;

    @Override
    public Integer call() {
        List<String> appArguments = appArguments();
        List<String> before = positional.subList(0, positional.size() - appArguments.size());
        if (before.size() > 1) {
            throw UknativeException.usage("unexpected arguments: " + String.join(" ", before.subList(1, before.size())),
                    "put the application's arguments after --, e.g.  uknative run . -- " + String.join(" ", before.subList(1, before.size())));
        }
        Path target = Path.of(before.isEmpty() ? "." : before.get(0));
        String memorySize = MachineSpec.normaliseMemory(memory);

        Toolbox toolbox = new Toolbox();
        // Before any build: a missing QEMU should not cost the user a build first.
        Path qemu = toolbox.tools().require("qemu-system-x86_64", "qemu-system-x86");

        Path kernel;
        List<String> arguments = appArguments;
        try (ConsoleReporter reporter = ConsoleReporter.forTerminal(spec.commandLine().getErr(), verbose)) {
            if (Files.isRegularFile(target)) {
                kernel = target.toAbsolutePath().normalize();
            } else {
                BuildRequest request = new ProjectLoader(reporter, spec.commandLine().getErr()).request(target, targets, project, BuildCommand.jobs(jobs), false);
                BuildResult built = BuildCommand.build(request, reporter);
                kernel = built.image();
                if (arguments.isEmpty()) {
                    arguments = request.kraftfile().cmd();
                }
            }
        }
        Accelerator accelerator = noAccel ? Accelerator.TCG : Accelerator.detect();
        MachineSpec machine = new MachineSpec(kernel, memorySize, accelerator, KernelCommandLine.of(arguments), Optional.ofNullable(timeout));

        spec.commandLine().getErr().flush();
        RunOutcome outcome = new Runner(toolbox.processes(), qemu).run(machine, parent.streams().out(), parent.streams().err());
        outcome.message().ifPresent(message -> {
            ConsoleReporter reporter = ConsoleReporter.messages(spec.commandLine().getErr());
            if (outcome.kind() == RunOutcome.Kind.EXITED) {
                reporter.info(message);
            } else {
                reporter.error(message, outcome.hint().orElse(null));
            }
        });
        return outcome.exitStatus();
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
