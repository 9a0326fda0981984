package dev.uknative.size;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A self-contained HTML page of a {@link SizeReport}: a squarified treemap (Bruls, Huizing and van
 * Wijk, "Squarified Treemaps", 2000) drawn as static SVG, one rectangle per component sized by the
 * bytes it puts in the image file (text, rodata, data), its largest symbols nested inside, and the
 * table of all rows below. No script and nothing fetched: it opens from disk in any browser.
 */
public final class SizeTreemap {

    private static final double WIDTH = 1160;
    private static final double HEIGHT = 560;
    private static final double HEADER = 18;

    private SizeTreemap() {
    }

    /** A rectangle of the layout. */
    record Box(double x, double y, double w, double h) {
    }

    public static String html(SizeReport report) {
        StringBuilder page = new StringBuilder();
        long fileBytes = report.total().text() + report.total().rodata() + report.total().data();
        page.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>")
                .append(escape(report.image())).append(" — size</title>\n<style>\n")
                .append("body{font:14px system-ui,sans-serif;margin:16px 20px;color:#222}\n")
                .append("h1{font-size:20px;margin:0 0 4px}p{margin:4px 0 10px}\n")
                .append("svg text{font-family:system-ui,sans-serif;pointer-events:none}\n")
                .append("table{border-collapse:collapse;margin-top:14px}td,th{padding:2px 10px;text-align:right}\n")
                .append("td:first-child,th:first-child{text-align:left}tr:nth-child(even){background:#f3f3f3}\n")
                .append(".key span{display:inline-block;width:12px;height:12px;margin:0 4px 0 12px;vertical-align:-1px}.key span:first-child{margin-left:0}\n")
                .append("</style></head><body>\n");
        page.append("<h1>").append(escape(report.image())).append("</h1>\n<p>")
                .append(human(fileBytes)).append(" of code and data (text ").append(human(report.total().text()))
                .append(", rodata ").append(human(report.total().rodata())).append(", data ").append(human(report.total().data()))
                .append("), plus ").append(human(report.total().bss())).append(" zero-filled (bss, not drawn). Boxes: libraries and")
                .append(" archive members by their code and data, their largest symbols inside; hover one for its figures.</p>\n")
                .append("<p class=\"key\">");
        for (SizeReport.Origin origin : SizeReport.Origin.values()) {
            page.append("<span style=\"background:").append(color(origin, 0)).append("\"></span>").append(origin.id());
        }
        page.append("</p>\n");
        page.append(String.format(Locale.ROOT, "<svg viewBox=\"0 0 %.0f %.0f\" width=\"100%%\" role=\"img\" aria-label=\"treemap\">%n",
                WIDTH, HEIGHT));
        List<SizeReport.Component> shown = report.components().stream().filter(c -> image(c) > 0).toList();
        List<Box> boxes = squarify(shown.stream().map(c -> (double) image(c)).toList(), new Box(0, 0, WIDTH, HEIGHT));
        for (int i = 0; i < shown.size(); i++) {
            component(page, shown.get(i), boxes.get(i), i);
        }
        page.append("</svg>\n");
        table(page, report);
        if (!report.unreferenced().isEmpty()) {
            page.append("<p>Referenced by no other linked code (they may still work through Unikraft's init tables): ")
                    .append(escape(String.join(", ", report.unreferenced()))).append("</p>\n");
        }
        return page.append("</body></html>\n").toString();
    }

    private static long image(SizeReport.Component c) {
        return c.bytes().text() + c.bytes().rodata() + c.bytes().data();
    }

    private static void component(StringBuilder page, SizeReport.Component c, Box box, int index) {
        String tip = c.name() + " (" + c.origin().id() + "): " + human(image(c)) + " — text " + human(c.bytes().text()) + ", rodata "
                + human(c.bytes().rodata()) + ", data " + human(c.bytes().data()) + ", bss " + human(c.bytes().bss());
        page.append("<g><title>").append(escape(tip)).append("</title>");
        rect(page, box, color(c.origin(), index), "#fff", 1.5);
        boolean labelled = box.w() > 46 && box.h() > 22;
        if (labelled) {
            double size = Math.min(13, Math.max(9, box.h() / 4));
            label(page, box.x() + 4, box.y() + size + 2, box.w() - 8, size, c.name() + "  " + human(image(c)), "#fff", true);
        }
        // The largest symbols inside, below the name; what they leave is the rest of the component.
        Box inner = labelled && box.h() > HEADER + 24 ? new Box(box.x() + 3, box.y() + HEADER + 2, box.w() - 6, box.h() - HEADER - 5) : null;
        if (inner != null && inner.w() > 20) {
            List<SizeReport.SymbolSize> symbols = c.largest().stream().filter(s -> s.kind() != SizeReport.Kind.BSS).toList();
            long covered = symbols.stream().mapToLong(SizeReport.SymbolSize::size).sum();
            long rest = Math.max(0, image(c) - covered);
            // Largest first, the rest (drawn as the component's own colour) in its place among them.
            List<SizeReport.SymbolSize> items = new ArrayList<>(symbols);
            if (rest > 0) {
                items.add(null);
            }
            items.sort(java.util.Comparator.comparingLong((SizeReport.SymbolSize s) -> s == null ? rest : s.size()).reversed());
            if (covered > 0) {
                List<Box> parts = squarify(items.stream().map(s -> (double) (s == null ? rest : s.size())).toList(), inner);
                for (int i = 0; i < items.size(); i++) {
                    Box b = parts.get(i);
                    SizeReport.SymbolSize s = items.get(i);
                    if (s == null) {
                        continue;
                    }
                    page.append("<g><title>").append(escape(s.name() + " (" + c.name() + ", " + s.kind().name().toLowerCase(Locale.ROOT)
                            + "): " + human(s.size()))).append("</title>");
                    rect(page, b, "rgba(255,255,255,0.18)", "rgba(255,255,255,0.55)", 0.8);
                    if (b.w() > 40 && b.h() > 14) {
                        double size = Math.min(11, Math.max(8, b.h() / 3));
                        label(page, b.x() + 3, b.y() + size + 1, b.w() - 6, size, s.name(), "#fff", false);
                        if (b.h() > 2 * size + 6) {
                            label(page, b.x() + 3, b.y() + 2 * size + 3, b.w() - 6, size, human(s.size()), "rgba(255,255,255,0.85)", false);
                        }
                    }
                    page.append("</g>");
                }
            }
        }
        page.append("</g>\n");
    }

    private static void rect(StringBuilder page, Box b, String fill, String stroke, double strokeWidth) {
        page.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\" stroke=\"%s\" stroke-width=\"%.1f\"/>",
                b.x(), b.y(), Math.max(0, b.w()), Math.max(0, b.h()), fill, stroke, strokeWidth));
    }

    /** Text cut to the width it has (about 0.6 em per character), with an ellipsis when cut. */
    private static void label(StringBuilder page, double x, double y, double width, double size, String text, String fill, boolean bold) {
        int fits = (int) (width / (size * 0.6));
        if (fits < 3) {
            return;
        }
        String shown = text.length() <= fits ? text : text.substring(0, Math.max(1, fits - 1)) + "…";
        page.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%.1f\" fill=\"%s\"%s>", x, y, size, fill,
                bold ? " font-weight=\"600\"" : "")).append(escape(shown)).append("</text>");
    }

    /**
     * Lays {@code weights} (largest first) out in {@code box}: rows along the shorter side, each row
     * grown while that improves its worst aspect ratio. Returns one box per weight, in order.
     */
    static List<Box> squarify(List<Double> weights, Box box) {
        List<Box> out = new ArrayList<>();
        double total = weights.stream().mapToDouble(Double::doubleValue).sum();
        if (total <= 0) {
            weights.forEach(w -> out.add(new Box(box.x(), box.y(), 0, 0)));
            return out;
        }
        double scale = box.w() * box.h() / total;
        List<Double> areas = weights.stream().map(w -> w * scale).toList();
        Box free = box;
        int i = 0;
        while (i < areas.size()) {
            double side = Math.min(free.w(), free.h());
            int end = i + 1;
            double rowSum = areas.get(i);
            while (end < areas.size()) {
                double withNext = rowSum + areas.get(end);
                if (worst(areas.subList(i, end + 1), withNext, side) > worst(areas.subList(i, end), rowSum, side)) {
                    break;
                }
                rowSum = withNext;
                end++;
            }
            boolean horizontal = free.w() >= free.h(); // the row is a column on the left when the box is wide
            double thickness = side == 0 ? 0 : rowSum / side;
            double offset = 0;
            for (int k = i; k < end; k++) {
                double length = rowSum == 0 ? 0 : areas.get(k) / rowSum * side;
                out.add(horizontal ? new Box(free.x(), free.y() + offset, thickness, length)
                        : new Box(free.x() + offset, free.y(), length, thickness));
                offset += length;
            }
            free = horizontal ? new Box(free.x() + thickness, free.y(), free.w() - thickness, free.h())
                    : new Box(free.x(), free.y() + thickness, free.w(), free.h() - thickness);
            i = end;
        }
        return out;
    }

    private static double worst(List<Double> row, double sum, double side) {
        double max = row.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        double min = row.stream().mapToDouble(Double::doubleValue).min().orElse(0);
        if (min <= 0 || sum <= 0) {
            return Double.MAX_VALUE;
        }
        double s2 = side * side;
        double sum2 = sum * sum;
        return Math.max(s2 * max / sum2, sum2 / (s2 * min));
    }

    private static void table(StringBuilder page, SizeReport report) {
        page.append("<table><tr><th>component</th><th>origin</th><th>text</th><th>rodata</th><th>data</th><th>bss</th><th>total</th>"
                + "<th style=\"text-align:left\">largest symbol</th></tr>\n");
        for (SizeReport.Component c : report.components()) {
            page.append("<tr><td>").append(escape(c.name())).append("</td><td>").append(c.origin().id()).append("</td>");
            cells(page, c.bytes());
            page.append("<td style=\"text-align:left\">")
                    .append(c.largest().isEmpty() ? "" : escape(c.largest().get(0).name() + " (" + human(c.largest().get(0).size()) + ")"))
                    .append("</td></tr>\n");
        }
        page.append("<tr><th>image</th><th></th>");
        cells(page, report.total());
        page.append("<th></th></tr></table>\n");
    }

    private static void cells(StringBuilder page, SizeReport.Bytes b) {
        for (long v : new long[] {b.text(), b.rodata(), b.data(), b.bss(), b.sum()}) {
            page.append("<td>").append(human(v)).append("</td>");
        }
    }

    /** Colours by origin, alternating two shades so that neighbours stay apart. */
    static String color(SizeReport.Origin origin, int index) {
        boolean alt = index % 2 == 1;
        return switch (origin) {
            case UNIKRAFT -> alt ? "#3d6fa8" : "#2f5d95";
            case APPLICATION -> alt ? "#3c9a5f" : "#2e874f";
            case UKNATIVE -> alt ? "#8a5bb0" : "#7a4aa0";
            case NATIVE -> alt ? "#d07a2c" : "#bf6a1e";
            case LINKER -> alt ? "#8a8a8a" : "#777777";
        };
    }

    static String human(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
