package dev.uknative.cli;

import dev.uknative.app.DebugProject;
import dev.uknative.run.GdbServer;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jline.utils.Signals;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code uknative debug}: the project in QEMU under gdb, in one command. */
@Command(name = "debug", mixinStandardHelpOptions = true,
        description = {"Build when needed, then debug the unikernel in gdb in this terminal.",
            "QEMU starts halted; gdb gets the image's symbols (IMAGE.dbg), a breakpoint on",
            "main and the machine running up to it. The program's console prints here too.",
            "Ctrl-C stops the program in gdb; quitting gdb stops QEMU. Needs gdb",
            "(Debian: gdb) and setsid (util-linux)."},
        footer = {"", "Exits with gdb's status.", "", "Examples:", "  uknative debug examples/helloworld-c",
            "  uknative debug --unikraft-source ~/src/unikraft ."})
final class DebugCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ParentCommand
    UknativeCommand parent;

    @Mixin
    ProjectFolderParameter folder;

    @Mixin
    BuildOptions building;

    @Mixin
    VerboseOption verbose;

    @Override
    public Integer call() {
        DebugProject.Result result;
        try (ConsoleReporter reporter = verbose.reporter()) {
            result = new DebugProject(OriginFetchLaunch.services(false)).debug(building.request(folder.directory), building.jobs(), building.linkOptions(),
                    building.compileCache(), reporter, new TerminalTargetQuestion(spec.commandLine().getErr()), parent.streams().out(),
                    parent.streams().err(), (session, gdb) -> {
                        session.built().ifPresent(built -> BuildReport.report(built, reporter));
                        reporter.endProgress();
                        reporter.info("QEMU is halted with its gdb server on " + session.server().target() + "; gdb takes this terminal:\n  "
                                + GdbServer.shellLine(session.gdbCommand()));
                        spec.commandLine().getErr().flush();
                        // Ctrl-C is gdb's now (it stops the guest): this process must not end on it.
                        Object previous = Signals.register("INT", () -> { });
                        try {
                            return gdb.get();
                        } finally {
                            Signals.unregister("INT", previous);
                        }
                    });
        }
        result.machine().flatMap(m -> m.message()).ifPresent(m -> ConsoleReporter.messages(spec.commandLine().getErr()).info(m));
        return result.gdbExit();
    }
}
