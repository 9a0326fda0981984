package dev.uknative.size;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class SizeTreemapTest {

    @Test
    void squarifiedBoxesTileTheAreaInProportionWithoutOverlapping() {
        List<Double> weights = List.of(6.0, 6.0, 4.0, 3.0, 2.0, 2.0, 1.0);
        SizeTreemap.Box area = new SizeTreemap.Box(0, 0, 600, 400);

        List<SizeTreemap.Box> boxes = SizeTreemap.squarify(weights, area);

        assertThat(boxes).hasSize(weights.size());
        double scale = 600 * 400 / 24.0;
        for (int i = 0; i < boxes.size(); i++) {
            SizeTreemap.Box b = boxes.get(i);
            assertThat(b.w() * b.h()).isCloseTo(weights.get(i) * scale, within(0.01));
            assertThat(b.x()).isBetween(-0.001, 600.001);
            assertThat(b.x() + b.w()).isLessThanOrEqualTo(600.001);
            assertThat(b.y() + b.h()).isLessThanOrEqualTo(400.001);
            // Squarified: no sliver (the paper's example stays under 3:1).
            assertThat(Math.max(b.w() / b.h(), b.h() / b.w())).isLessThan(3.0);
            for (int k = 0; k < i; k++) {
                SizeTreemap.Box o = boxes.get(k);
                double overlapW = Math.min(b.x() + b.w(), o.x() + o.w()) - Math.max(b.x(), o.x());
                double overlapH = Math.min(b.y() + b.h(), o.y() + o.h()) - Math.max(b.y(), o.y());
                assertThat(overlapW <= 0.001 || overlapH <= 0.001).as("boxes %d and %d overlap", i, k).isTrue();
            }
        }
    }

    @Test
    void thePageNeedsNothingFromOutsideAndEscapesNames() {
        SizeReport report = new SizeReport("app<1>_qemu-x86_64", List.of(
                new SizeReport.Component("libnolibc", SizeReport.Origin.UNIKRAFT, new SizeReport.Bytes(30000, 4000, 200, 100),
                        List.of(new SizeReport.SymbolSize("vsnprintf", 3600, SizeReport.Kind.TEXT))),
                new SizeReport.Component("libz.a(a&b.o)", SizeReport.Origin.NATIVE, new SizeReport.Bytes(1000, 0, 0, 0), List.of())),
                new SizeReport.Bytes(31000, 4000, 200, 100), List.of());

        String html = SizeTreemap.html(report);

        assertThat(html).startsWith("<!DOCTYPE html>").contains("<svg").contains("vsnprintf").contains("libz.a(a&amp;b.o)")
                .contains("app&lt;1&gt;_qemu-x86_64").doesNotContain("<script").doesNotContain("://");
    }

    @Test
    void theLinkCommandNamesTheObjectsAndArchivesButNotTheOutput() {
        LinkInputs inputs = LinkInputs.parse("\"\"gcc -Wl,-m,elf_x86_64 /b/libkvmplat.o /b/apphello.o -Wl,--start-group /p/zig-out/libz.a"
                + " -Wl,--end-group -nostdlib -Wl,-dT,/b/libkvmplat/link64.lds -o /b/hello_qemu-x86_64.dbg\n");

        assertThat(inputs.objects()).containsExactly(Path.of("/b/libkvmplat.o"), Path.of("/b/apphello.o"));
        assertThat(inputs.archives()).containsExactly(Path.of("/p/zig-out/libz.a"));
    }
}
