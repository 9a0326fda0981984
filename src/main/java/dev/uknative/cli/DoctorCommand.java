package dev.uknative.cli;

import dev.uknative.app.Doctor;
import dev.uknative.app.Services;
import dev.uknative.core.ExitCode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code uknative doctor}: whether this host has what a project needs. */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = {"Check that this host has what the project in DIR needs.",
            "That is, to be built and run. One line per need: make, gcc, binutils, QEMU and its version, KVM, RDSEED for libukrandom, the"
                    + " toolchains of native: libraries, free space in the cache. What is missing comes with the"
                    + " Debian command that installs it. Exits 4 when something needed is missing; nothing is written."},
        footer = {"", "Examples:", "  uknative doctor", "  uknative doctor examples/helloworld-zig", "  uknative doctor --json"})
final class DoctorCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ProjectFolderParameter folder;

    @Option(names = "--json", description = "Print the checks as a JSON object, for tools.")
    boolean json;

    @Override
    public Integer call() {
        Doctor.Report report = new Doctor(new Services()).check(folder.directory.toAbsolutePath().normalize());
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? json(report) : text(report));
        out.flush();
        return report.healthy() ? 0 : ExitCode.ENVIRONMENT.code();
    }

    static String text(Doctor.Report report) {
        int width = report.checks().stream().mapToInt(c -> c.name().length()).max().orElse(0);
        StringBuilder s = new StringBuilder();
        for (Doctor.Check c : report.checks()) {
            String mark = switch (c.status()) {
                case OK -> "✓";
                case MISSING -> c.needed() ? "✗" : "-";
                case NOTE -> "-";
            };
            s.append(mark).append(' ').append(String.format("%-" + width + "s", c.name())).append("  ").append(c.detail()).append('\n');
            c.fix().ifPresent(f -> s.append(" ".repeat(width + 4)).append("fix: ").append(f).append('\n'));
        }
        long missing = report.checks().stream().filter(Doctor.Check::fails).count();
        s.append(missing == 0 ? "This host has what the project needs.\n"
                : missing + (missing == 1 ? " need is" : " needs are") + " missing (✗ above).\n");
        return s.toString();
    }

    static String json(Doctor.Report report) {
        List<String> checks = new ArrayList<>();
        for (Doctor.Check c : report.checks()) {
            checks.add("    {\"name\": " + Json.string(c.name()) + ", \"status\": " + Json.string(c.status().name().toLowerCase(java.util.Locale.ROOT))
                    + ", \"needed\": " + c.needed() + ", \"fails\": " + c.fails() + ", \"detail\": " + Json.string(c.detail())
                    + ", \"fix\": " + c.fix().map(Json::string).orElse("null") + "}");
        }
        return "{\n  \"directory\": " + Json.string(report.directory().toString()) + ",\n  \"healthy\": " + report.healthy()
                + ",\n  \"checks\": [\n" + String.join(",\n", checks) + "\n  ]\n}\n";
    }
}
