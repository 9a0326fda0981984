package dev.uknative.cli;

import dev.uknative.build.Builder;
import dev.uknative.build.KconfigConfigurator;
import dev.uknative.build.MakeDriver;
import dev.uknative.core.Reporter;
import dev.uknative.foreign.Toolchains;
import dev.uknative.process.ProcessRunner;
import dev.uknative.process.ToolLocator;
import dev.uknative.run.MachineStore;

/** Wires the services a command needs from the host's tools; one place, so commands stay thin. */
final class Toolbox {

    private final ToolLocator tools = ToolLocator.fromEnvironment();
    private final ProcessRunner processes = new ProcessRunner();

    ToolLocator tools() {
        return tools;
    }

    ProcessRunner processes() {
        return processes;
    }

    /** The detached machines, in {@link Paths#machines()}. */
    MachineStore machines() {
        return new MachineStore(Paths.machines());
    }

    MakeDriver make(Reporter reporter) {
        return new MakeDriver(processes, tools.require("make", "make"), reporter);
    }

    Builder builder(Reporter reporter) {
        return new Builder(make(reporter), KconfigConfigurator.forHost(processes, tools), Paths.cacheHome(), reporter,
                Toolchains.fromEnvironment(Paths.cacheHome()));
    }
}
