package dev.uknative.cli;

import dev.uknative.app.ImageSize;
import dev.uknative.size.SizeReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code uknative size}: where the built image's bytes go. */
@Command(name = "size", mixinStandardHelpOptions = true,
        description = {"Show where the built image's bytes go.",
            "Per Unikraft library and per native: archive member, in text, rodata,",
            "data and bss, with the largest symbols of each, read from the image's",
            ".dbg file and the objects of its link; builds nothing. The rows add up",
            "to the image's sections; \"(linker)\" is what no input accounts for.",
            "Also lists libraries nothing else in the link refers to (they may still",
            "act through Unikraft's init tables: check before turning one off)."},
        footer = {"", "Examples:", "  uknative size examples/helloworld-c", "  uknative size --json",
            "  uknative size --html   (writes .unikraft/build/size.html, a treemap)"})
final class SizeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ProjectFolderParameter folder;

    @Mixin
    ProjectOptions project;

    @Option(names = "--json", description = "Print JSON: every component with its bytes and largest symbols, the image's totals.")
    boolean json;

    @Option(names = "--html", description = "Also write a treemap page to .unikraft/build/size.html (self-contained; open it in a browser).")
    boolean html;

    @Option(names = "--symbols", paramLabel = "N", defaultValue = "3", description = "Largest symbols shown per component in the table (default: 3).")
    int symbols;

    @Mixin
    VerboseOption verbose;

    @Override
    public Integer call() {
        try (ConsoleReporter reporter = verbose.reporter()) {
            ImageSize.Result result = new ImageSize(OriginFetchLaunch.services(false), reporter, new TerminalTargetQuestion(spec.commandLine().getErr()))
                    .measure(project.request(folder.directory), html);
            reporter.endProgress();
            PrintWriter out = spec.commandLine().getOut();
            out.print(json ? json(result.report()) : table(result.report(), Math.max(0, symbols)));
            out.flush();
            result.html().ifPresent(page -> reporter.info("Treemap: " + page.toUri()));
            return 0;
        }
    }

    static String table(SizeReport report, int symbolsPerRow) {
        StringBuilder t = new StringBuilder();
        int width = Math.max(9, report.components().stream().mapToInt(c -> c.name().length()).max().orElse(9));
        width = Math.min(width, 29); // 29 + 5 columns of 10: 79, for an 80-column terminal
        String format = "%-" + width + "s %9s %9s %9s %9s %9s%n";
        t.append(String.format(format, "COMPONENT", "TEXT", "RODATA", "DATA", "BSS", "TOTAL"));
        for (SizeReport.Component c : report.components()) {
            String name = c.name().length() > width ? c.name().substring(0, width - 1) + "…" : c.name();
            t.append(row(format, name, c.bytes()));
            for (SizeReport.SymbolSize s : c.largest().stream().limit(symbolsPerRow).toList()) {
                String label = "  " + s.name();
                if (label.length() > width + 10) {
                    label = label.substring(0, width + 9) + "…";
                }
                t.append(String.format("%-" + (width + 10) + "s %9s%n", label, bytes(s.size())));
            }
        }
        t.append(row(format, "image", report.total()));
        if (!report.unreferenced().isEmpty()) {
            t.append("\nReferenced by no other linked code (may still act through init tables):\n  ")
                    .append(String.join(", ", report.unreferenced())).append('\n');
        }
        return t.toString();
    }

    private static String row(String format, String name, SizeReport.Bytes b) {
        return String.format(format, name, bytes(b.text()), bytes(b.rodata()), bytes(b.data()), bytes(b.bss()), bytes(b.sum()));
    }

    /** Bytes in a column: exact below 10 KiB, else KiB with one decimal. */
    private static String bytes(long n) {
        return n < 10 * 1024 ? Long.toString(n) : String.format("%.1fK", n / 1024.0);
    }

    static String json(SizeReport report) {
        StringBuilder j = new StringBuilder("{\n  \"image\": ").append(Json.string(report.image())).append(",\n  \"total\": ")
                .append(bytesJson(report.total())).append(",\n  \"components\": [");
        List<SizeReport.Component> components = report.components();
        for (int i = 0; i < components.size(); i++) {
            SizeReport.Component c = components.get(i);
            j.append(i == 0 ? "\n" : ",\n").append("    {\"name\": ").append(Json.string(c.name()))
                    .append(", \"origin\": ").append(Json.string(c.origin().id()))
                    .append(", \"bytes\": ").append(bytesJson(c.bytes())).append(", \"largest\": [");
            for (int k = 0; k < c.largest().size(); k++) {
                SizeReport.SymbolSize s = c.largest().get(k);
                j.append(k == 0 ? "" : ", ").append("{\"symbol\": ").append(Json.string(s.name())).append(", \"size\": ").append(s.size())
                        .append(", \"kind\": ").append(Json.string(s.kind().name().toLowerCase(java.util.Locale.ROOT))).append('}');
            }
            j.append("]}");
        }
        j.append(components.isEmpty() ? "],\n" : "\n  ],\n").append("  \"unreferenced\": [");
        for (int i = 0; i < report.unreferenced().size(); i++) {
            j.append(i == 0 ? "" : ", ").append(Json.string(report.unreferenced().get(i)));
        }
        return j.append("]\n}\n").toString();
    }

    private static String bytesJson(SizeReport.Bytes b) {
        return "{\"text\": " + b.text() + ", \"rodata\": " + b.rodata() + ", \"data\": " + b.data() + ", \"bss\": " + b.bss()
                + ", \"total\": " + b.sum() + "}";
    }
}
