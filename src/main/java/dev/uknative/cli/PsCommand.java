package dev.uknative.cli;

import dev.uknative.app.Machines;
import dev.uknative.app.Services;
import dev.uknative.run.Machine;
import dev.uknative.run.MachineEnd;
import dev.uknative.run.ProcessRecord;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code uknative ps}: the detached machines, running and ended. */
@Command(name = "ps", mixinStandardHelpOptions = true,
        description = {"List the detached machines, running and ended, oldest first.", "They are the machines started with uknative run -d.",
            "STATE is starting, running, exited, crashed, reset, timed out, failed (QEMU itself failed), stopped or died;"
                    + " UPTIME/ENDED is how long it has run, or how long ago it ended; STATUS is the status"
                    + " uknative run would have exited with (- when it did not end by itself).",
            "A machine whose supervisor and QEMU are both gone without recording an end (killed, or the host"
                    + " rebooted) is listed once as died, and then forgotten: its folder is removed."},
        footer = {"", "Examples:", "  uknative ps", "  uknative ps --json"})
final class PsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print a JSON array, one object per machine, with full paths and times.")
    boolean json;

    @Override
    public Integer call() {
        // A died machine is listed this once (as promised above), then forgotten.
        Machines.Listing listing = new Machines(new Services()).list();
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? json(listing.machines()) : table(listing.machines(), listing.now()));
        out.flush();
        return 0;
    }

    static String table(List<Machine> machines, Instant now) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"NAME", "IMAGE", "STATE", "UPTIME/ENDED", "STATUS"});
        for (Machine m : machines) {
            String time = m.end().map(e -> relative(Duration.between(e.ended(), now)) + " ago")
                    .orElse(m.ended() ? "-" : relative(Duration.between(m.started(), now)));
            String status = m.end().map(MachineEnd::exitStatus).filter(s -> s.isPresent()).map(s -> Integer.toString(s.getAsInt())).orElse("-");
            rows.add(new String[] {m.name().value(), m.definition().image().getFileName().toString(), m.state().label(), time, status});
        }
        int[] widths = new int[5];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder text = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(i == row.length - 1 ? row[i] : String.format("%-" + (widths[i] + 2) + "s", row[i]));
            }
            text.append(line.toString().stripTrailing()).append('\n');
        }
        return text.toString();
    }

    /** {@code 12s}, {@code 3m}, {@code 5h}, {@code 2d}: the largest whole unit. */
    static String relative(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return s / 60 + "m";
        }
        if (s < 48 * 3600) {
            return s / 3600 + "h";
        }
        return s / 86400 + "d";
    }

    static String json(List<Machine> machines) {
        StringBuilder text = new StringBuilder("[");
        for (int i = 0; i < machines.size(); i++) {
            Machine m = machines.get(i);
            Optional<MachineEnd> end = m.end();
            text.append(i == 0 ? "\n" : ",\n").append("  {")
                    .append("\"name\": ").append(string(m.name().value()))
                    .append(", \"image\": ").append(string(m.definition().image().toString()))
                    .append(", \"state\": ").append(string(m.state().label()))
                    .append(", \"created\": ").append(string(m.definition().created().toString()))
                    .append(", \"ended\": ").append(end.map(e -> string(e.ended().toString())).orElse("null"))
                    .append(", \"exitStatus\": ").append(end.map(MachineEnd::exitStatus).filter(s -> s.isPresent())
                            .map(s -> Integer.toString(s.getAsInt())).orElse("null"))
                    .append(", \"message\": ").append(end.flatMap(MachineEnd::message).map(Json::string).orElse("null"))
                    .append(", \"supervisorPid\": ").append(m.supervisor().map(p -> Long.toString(p.pid())).orElse("null"))
                    .append(", \"qemuPid\": ").append(m.qemu().map(ProcessRecord::pid).map(String::valueOf).orElse("null"))
                    .append(", \"console\": ").append(string(m.directory().console().toString()))
                    .append('}');
        }
        return text.append(machines.isEmpty() ? "]\n" : "\n]\n").toString();
    }

    /** A JSON string (RFC 8259, section 7). */
    static String string(String value) {
        return Json.string(value);
    }
}
