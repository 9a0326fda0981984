package dev.uknative.size;

import java.util.List;
import java.util.Objects;

/**
 * Where a Unikraft image's bytes go: one row per library, per {@code native:} archive member, and one
 * for what no input accounts for (linker-made sections, padding before a section's first symbol).
 * The rows add up to the image's allocated sections exactly.
 *
 * @param image      the image's file name (its {@code .dbg} twin was read)
 * @param components largest first
 * @param total      the image's allocated sections, by kind
 * @param unreferenced libraries nothing else in the link refers to (see {@link SizeAnalyzer})
 */
public record SizeReport(String image, List<Component> components, Bytes total, List<String> unreferenced) {

    public SizeReport {
        Objects.requireNonNull(image, "image");
        components = List.copyOf(components);
        Objects.requireNonNull(total, "total");
        unreferenced = List.copyOf(unreferenced);
    }

    /** Bytes by kind: code, read-only data, initialised data, zero-filled data. */
    public record Bytes(long text, long rodata, long data, long bss) {

        public static final Bytes ZERO = new Bytes(0, 0, 0, 0);

        public long sum() {
            return text + rodata + data + bss;
        }

        public Bytes plus(Bytes other) {
            return new Bytes(text + other.text, rodata + other.rodata, data + other.data, bss + other.bss);
        }

        Bytes plus(Kind kind, long bytes) {
            return switch (kind) {
                case TEXT -> new Bytes(text + bytes, rodata, data, bss);
                case RODATA -> new Bytes(text, rodata + bytes, data, bss);
                case DATA -> new Bytes(text, rodata, data + bytes, bss);
                case BSS -> new Bytes(text, rodata, data, bss + bytes);
            };
        }
    }

    /** How an allocated section counts: by its flags and type. */
    public enum Kind {
        TEXT, RODATA, DATA, BSS
    }

    /** Where a component comes from. */
    public enum Origin {
        /** A Unikraft library (or an external library's). */
        UNIKRAFT("unikraft"),
        /** The application's own library. */
        APPLICATION("app"),
        /** What uknative adds (exit status, stubs). */
        UKNATIVE("uknative"),
        /** A member of a {@code native:} archive. */
        NATIVE("native"),
        /** No input accounts for it. */
        LINKER("linker");

        private final String id;

        Origin(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    /** One symbol of a component, with its size ({@code st_size}). */
    public record SymbolSize(String name, long size, Kind kind) {
    }

    /**
     * One library or archive member.
     *
     * @param largest its largest symbols, largest first (at most {@link SizeAnalyzer#LARGEST})
     */
    public record Component(String name, Origin origin, Bytes bytes, List<SymbolSize> largest) {
        public Component {
            largest = List.copyOf(largest);
        }
    }
}
