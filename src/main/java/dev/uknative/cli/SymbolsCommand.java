package dev.uknative.cli;

import dev.uknative.app.DiagnoseSymbols;
import dev.uknative.build.SymbolDoctor.Diagnosis;
import dev.uknative.symbols.LinkPlan;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code uknative symbols}: the symbol doctor's link plan, as a table or JSON. */
@Command(name = "symbols", mixinStandardHelpOptions = true,
        description = {"Show what native: libraries need, and how each symbol is resolved.", "Each symbol has one status:",
            "  provided         a library that is on (or other native code) defines it",
            "  enabled          uknative turns on the library option that provides it",
            "  enosys           only Unikraft's weak -ENOSYS syscall stub defines it",
            "  stubbed          uknative's weak stub: a call crashes the VM, naming it",
            "  missing          nothing defines it, --no-stubs: the link fails on it",
            "  weak-unresolved  a weak reference nothing defines: it stays null",
            "Also lists the options turned on (and why), those that cannot be, and the",
            "raw syscalls.",
            "The first use on a Unikraft tree indexes its libraries (about a minute, once)."},
        footer = {"", "Examples:", "  uknative symbols examples/helloworld-zig --unikraft-source ~/src/unikraft",
            "  uknative symbols --json examples/helloworld-zig", "  uknative symbols zig-out/lib/libfoo.a --unikraft-source ~/src/unikraft"})
final class SymbolsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR|LIB.a", defaultValue = ".",
            description = "A project folder (default: the current folder) or a static library.")
    Path input;

    @Mixin
    BuildOptions building;

    @Option(names = "--json", description = "Print JSON: needs, enabled options, refused options and syscalls.")
    boolean json;

    @Mixin
    VerboseOption verbose;

    @Override
    public Integer call() {
        try (ConsoleReporter reporter = verbose.reporter()) {
            DiagnoseSymbols doctor = new DiagnoseSymbols(OriginFetchLaunch.services(false), reporter, new TerminalTargetQuestion(spec.commandLine().getErr()));
            // DIR|LIB.a: a file is a static library to diagnose on its own.
            Diagnosis diagnosis = Files.isRegularFile(input)
                    ? doctor.archive(input, Optional.ofNullable(building.project.unikraftSource), building.project.targets.query(), building.linkOptions(), building.jobs())
                    : doctor.project(building.request(input), building.linkOptions(), building.jobs());
            reporter.endProgress();
            diagnosis.skipped().forEach(reporter::warn);
            PrintWriter out = spec.commandLine().getOut();
            out.print(json ? json(diagnosis.plan()) : table(diagnosis.plan()));
            out.flush();
            return 0;
        }
    }

    static String table(LinkPlan plan) {
        StringBuilder text = new StringBuilder();
        List<String[]> rows = new java.util.ArrayList<>();
        rows.add(new String[] {"SYMBOL", "STATUS", "PROVIDER", "OPTION (CONFIG_)", "NEEDED BY"});
        for (LinkPlan.Need n : plan.needs()) {
            rows.add(new String[] {n.symbol() + (n.data() ? " (data)" : ""), n.status().id(), n.provider().map(SymbolsCommand::member).orElse("-"),
                n.option().orElse("-"), member(n.neededBy())});
        }
        int[] widths = new int[5];
        for (String[] row : rows) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        int gap = 2;
        if (java.util.Arrays.stream(widths).sum() + 4 * gap > WIDTH) {
            gap = 1;
        }
        for (String[] row : rows) {
            for (int i = 0; i < 4; i++) {
                text.append(row[i]).append(" ".repeat(widths[i] - row[i].length() + gap));
            }
            text.append(row[4]).append('\n');
        }
        text.append('\n');
        for (LinkPlan.Status status : LinkPlan.Status.values()) {
            long count = plan.withStatus(status).size();
            if (count > 0) {
                text.append(count).append(' ').append(status.id()).append("  ");
            }
        }
        text.append('\n');
        StringBuilder notes = new StringBuilder();
        notes(plan, notes);
        notes.toString().lines().forEach(line -> text.append(wrap(line, WIDTH, "    ")));
        return text.toString();
    }

    /** The width the table's notes are wrapped at. */
    static final int WIDTH = 100;

    /**
     * An archive member as a person reads it: {@code native.ziggy(compiler_rt.o)} for Zig's
     * {@code native.ziggy(/home/me/.cache/…/compiler_rt.o)}, an object by its file name (the JSON keeps the paths).
     */
    static String member(String owner) {
        int open = owner.indexOf('(');
        if (open > 0 && owner.endsWith(")")) {
            return owner.substring(0, open + 1) + fileName(owner.substring(open + 1, owner.length() - 1)) + ")";
        }
        return fileName(owner);
    }

    private static String fileName(String path) {
        int slash = path.lastIndexOf('/');
        return slash >= 0 && slash < path.length() - 1 ? path.substring(slash + 1) : path;
    }

    /** {@code line} broken at spaces into lines of at most {@code width}, continuations indented. */
    static String wrap(String line, int width, String indent) {
        StringBuilder out = new StringBuilder();
        String rest = line;
        String prefix = "";
        while ((prefix + rest).length() > width) {
            int room = width - prefix.length();
            int cut = rest.lastIndexOf(' ', room);
            if (cut <= 0) {
                break;
            }
            out.append(prefix).append(rest, 0, cut).append('\n');
            rest = rest.substring(cut + 1);
            prefix = indent;
        }
        return out.append(prefix).append(rest).append('\n').toString();
    }

    private static void notes(LinkPlan plan, StringBuilder text) {
        for (LinkPlan.Enablement e : plan.enabled()) {
            text.append("enable CONFIG_").append(e.option()).append(": ").append(String.join(", ", e.forWhat()))
                    .append(e.alsoEnabled().isEmpty() ? "" : " (brings " + String.join(", ", e.alsoEnabled()) + ")").append('\n');
        }
        for (Map.Entry<String, String> r : plan.refused().entrySet()) {
            text.append("not enabled CONFIG_").append(r.getKey()).append(": ").append(r.getValue()).append('\n');
        }
        plan.selects().forEach((option, selected) -> text.append("CONFIG_").append(option).append(" selects ")
                .append(String.join(", ", selected)).append('\n'));
        for (LinkPlan.Conflict c : plan.conflicts()) {
            text.append("defined twice: ").append(c.symbol()).append(" by ").append(member(c.first())).append(" and ").append(member(c.second()))
                    .append(" (ld: multiple definition)\n");
        }
        LinkPlan.SyscallReport sys = plan.syscalls();
        if (sys.sites() > 0) {
            text.append("raw syscalls: ").append(sys.sites()).append(" sites");
            sys.byName().forEach((name, number) -> text.append(", ").append(name).append(" (").append(number).append(')'));
            if (sys.unknownNumbers() > 0) {
                text.append(", ").append(sys.unknownNumbers()).append(" with the number in a register");
            }
            text.append('\n');
            if (!sys.notImplemented().isEmpty()) {
                text.append("not implemented by this Unikraft: ").append(String.join(", ", sys.notImplemented())).append('\n');
            }
        }
    }

    static String json(LinkPlan plan) {
        StringBuilder j = new StringBuilder("{\n  \"needs\": [");
        for (int i = 0; i < plan.needs().size(); i++) {
            LinkPlan.Need n = plan.needs().get(i);
            j.append(i == 0 ? "\n" : ",\n").append("    {\"symbol\": ").append(Json.string(n.symbol()))
                    .append(", \"status\": ").append(Json.string(n.status().id()))
                    .append(", \"provider\": ").append(n.provider().map(Json::string).orElse("null"))
                    .append(", \"option\": ").append(n.option().map(o -> Json.string("CONFIG_" + o)).orElse("null"))
                    .append(", \"neededBy\": ").append(Json.string(n.neededBy()))
                    .append(", \"data\": ").append(n.data()).append('}');
        }
        j.append(plan.needs().isEmpty() ? "],\n" : "\n  ],\n");
        j.append("  \"enabled\": [");
        for (int i = 0; i < plan.enabled().size(); i++) {
            LinkPlan.Enablement e = plan.enabled().get(i);
            j.append(i == 0 ? "" : ", ").append("{\"option\": ").append(Json.string("CONFIG_" + e.option()))
                    .append(", \"for\": ").append(strings(e.forWhat())).append(", \"brings\": ")
                    .append(strings(e.alsoEnabled().stream().map(o -> "CONFIG_" + o).toList())).append('}');
        }
        j.append("],\n  \"refused\": {");
        int k = 0;
        for (Map.Entry<String, String> r : plan.refused().entrySet()) {
            j.append(k++ == 0 ? "" : ", ").append(Json.string("CONFIG_" + r.getKey())).append(": ").append(Json.string(r.getValue()));
        }
        j.append("},\n  \"selects\": {");
        k = 0;
        for (Map.Entry<String, List<String>> e : plan.selects().entrySet()) {
            j.append(k++ == 0 ? "" : ", ").append(Json.string("CONFIG_" + e.getKey())).append(": ")
                    .append(strings(e.getValue().stream().map(o -> "CONFIG_" + o).toList()));
        }
        j.append("},\n  \"conflicts\": [");
        k = 0;
        for (LinkPlan.Conflict c : plan.conflicts()) {
            j.append(k++ == 0 ? "" : ", ").append("{\"symbol\": ").append(Json.string(c.symbol())).append(", \"first\": ")
                    .append(Json.string(c.first())).append(", \"second\": ").append(Json.string(c.second())).append('}');
        }
        LinkPlan.SyscallReport sys = plan.syscalls();
        j.append("],\n  \"syscalls\": {\"sites\": ").append(sys.sites()).append(", \"byName\": {");
        k = 0;
        for (Map.Entry<String, Integer> e : sys.byName().entrySet()) {
            j.append(k++ == 0 ? "" : ", ").append(Json.string(e.getKey())).append(": ").append(e.getValue());
        }
        j.append("}, \"unknownNumbers\": ").append(sys.unknownNumbers()).append(", \"notImplemented\": ").append(strings(sys.notImplemented()))
                .append("}\n}\n");
        return j.toString();
    }

    private static String strings(List<String> values) {
        return "[" + String.join(", ", values.stream().map(Json::string).toList()) + "]";
    }
}
