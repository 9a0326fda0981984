package dev.uknative.project;

import dev.uknative.core.KconfigText;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The Kraftfile format as uknative reads and edits it (kraftkit's spec v0.6), described once: the keys
 * of each mapping with the other spellings kraftkit accepts, the short forms, the path-or-version
 * rule, how a kconfig value is written, and how a target is identified and selected.
 * {@link KraftfileReader}, {@link KraftfileEditor} and {@link TargetSelector} follow it, so that a
 * file the reader accepts is edited, and a target selected, by the same rules.
 *
 * <pre>
 * spec: v0.6                       # or specification:
 * name: hello                      # an image name; the folder's name when absent
 * unikraft: stable                 # short form: a version, or a path (/, ./, ../, ~/, ., ..) as source:
 * unikraft:                        # long form
 *   source: ../unikraft            # or version: 0.17.0
 *   kconfig: {CONFIG_X: y}         # or a list: [CONFIG_X=y]
 * libraries: {musl: stable}        # each library as unikraft:, by name
 * targets:
 *   - qemu/x86_64                  # short form: plat/arch (aliases: kvm, amd64, …)
 *   - {name: debug, plat: qemu, arch: x86_64, kconfig: …}   # or platform:, architecture:
 * cmd: [--verbose]                 # or one string, split at whitespace
 * native: {ziggy: {lang: zig, path: ziggy, root: src/root.zig}}
 * run: {auto-config: true}        # uknative's: run turns on the options its flags need
 * </pre>
 */
final class KraftfileFormat {

    /** The names kraftkit looks for, in its order of preference. */
    static final List<String> FILE_NAMES =
            List.of("Kraftfile", "Kraftfile.yaml", "Kraftfile.yml", "kraft.yaml", "kraft.yml");

    /** Keys of kraftkit's spec that only matter for features uknative does not have (yet): warned about. */
    static final Set<String> IGNORED_KRAFTKIT_KEYS = Set.of("runtime", "rootfs", "volumes", "template", "outdir", "env", "labels");

    /** An image name, a library's name, a native library's name. */
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    /** A kconfig symbol, with or without its {@code CONFIG_} prefix. */
    static final Pattern SYMBOL = Pattern.compile("[A-Za-z0-9_]+");

    /** Kconfig values written without quotes: tristates and numbers. */
    static final Pattern BARE_VALUE = Pattern.compile("[ynm]|-?[0-9]+|0[xX][0-9a-fA-F]+");

    /** YAML text the reader takes as kconfig text as it is: a bare value or anything in double quotes. */
    private static final Pattern KEPT_AS_WRITTEN = Pattern.compile("[ynm]|-?[0-9]+|0[xX][0-9a-fA-F]+|\".*\"");

    private KraftfileFormat() {
    }

    // ---- Keys ----

    /** A key of one kind of mapping: its spelling, then the other spellings kraftkit accepts. */
    interface Key {
        List<String> spellings();

        /** How uknative writes it. */
        default String spelling() {
            return spellings().get(0);
        }
    }

    /** The top level. */
    enum TopKey implements Key {
        SPEC("spec", "specification"), NAME("name"), UNIKRAFT("unikraft"), LIBRARIES("libraries"), TARGETS("targets"),
        CMD("cmd"), NATIVE("native"), RUN("run");

        private final List<String> spellings;

        TopKey(String... spellings) {
            this.spellings = List.of(spellings);
        }

        @Override
        public List<String> spellings() {
            return spellings;
        }
    }

    /** {@code unikraft:} and each library in the long form. */
    enum ComponentKey implements Key {
        SOURCE("source"), VERSION("version"), KCONFIG("kconfig");

        private final List<String> spellings;

        ComponentKey(String... spellings) {
            this.spellings = List.of(spellings);
        }

        @Override
        public List<String> spellings() {
            return spellings;
        }
    }

    /** A target in the long form. */
    enum TargetKey implements Key {
        NAME("name"), PLATFORM("plat", "platform"), ARCHITECTURE("arch", "architecture"), KCONFIG("kconfig");

        private final List<String> spellings;

        TargetKey(String... spellings) {
            this.spellings = List.of(spellings);
        }

        @Override
        public List<String> spellings() {
            return spellings;
        }
    }

    /** {@code run:}, uknative's defaults for {@code uknative run}. */
    enum RunKey implements Key {
        AUTO_CONFIG("auto-config");

        private final List<String> spellings;

        RunKey(String... spellings) {
            this.spellings = List.of(spellings);
        }

        @Override
        public List<String> spellings() {
            return spellings;
        }
    }

    /** A library of {@code native:}. */
    enum NativeKey implements Key {
        LANGUAGE("lang", "language"), PATH("path"), ROOT("root"), OPTIMIZE("optimize"), ARCHIVE("archive"), TARGET("target");

        private final List<String> spellings;

        NativeKey(String... spellings) {
            this.spellings = List.of(spellings);
        }

        @Override
        public List<String> spellings() {
            return spellings;
        }
    }

    /** The key of {@code kind} spelled {@code written}, if it is one. */
    static <K extends Enum<K> & Key> Optional<K> key(Class<K> kind, String written) {
        return Arrays.stream(kind.getEnumConstants()).filter(k -> k.spellings().contains(written)).findFirst();
    }

    /** Every spelling of {@code kind}'s keys, sorted, for messages. */
    static <K extends Enum<K> & Key> String known(Class<K> kind) {
        return Arrays.stream(kind.getEnumConstants()).flatMap(k -> k.spellings().stream()).sorted().collect(Collectors.joining(", "));
    }

    // ---- unikraft: and libraries: ----

    /**
     * The path-or-version rule of the short form ({@code unikraft: TEXT}): a path when it starts as a
     * path does ({@code /}, {@code ./}, {@code ../}, {@code ~/}, or is {@code .} or {@code ..}); a
     * version (or channel) otherwise.
     */
    static boolean isPath(String shortForm) {
        return shortForm.startsWith("/") || shortForm.startsWith("./") || shortForm.startsWith("../") || shortForm.startsWith("~/")
                || shortForm.equals(".") || shortForm.equals("..");
    }

    /** The long form's key that the short form stands for: {@code source:} or {@code version:}. */
    static ComponentKey shortFormKey(String shortForm) {
        return isPath(shortForm) ? ComponentKey.SOURCE : ComponentKey.VERSION;
    }

    // ---- kconfig: ----

    /** The symbol with its {@code CONFIG_} prefix. */
    static String fullSymbol(String symbol) {
        return symbol.startsWith("CONFIG_") ? symbol : "CONFIG_" + symbol;
    }

    /** Whether {@code value} is kconfig text: a tristate, a number, or one double-quoted string. */
    static boolean isKconfigValue(String value) {
        return BARE_VALUE.matcher(value).matches() || KconfigText.isQuoted(value);
    }

    /**
     * The kconfig text a YAML value stands for: a YAML boolean is {@code y} or {@code n}; tristates,
     * numbers and anything already in double quotes are kept; any other text is a string, put in
     * double quotes (kconfig reads a string option only so).
     */
    static String kconfigText(String yamlValue, boolean yamlBoolean) {
        if (yamlBoolean) {
            return Boolean.parseBoolean(yamlValue) ? "y" : "n";
        }
        return keptAsWritten(yamlValue) ? yamlValue : KconfigText.quote(yamlValue);
    }

    /** Whether the reader takes this YAML text as kconfig text unchanged. */
    static boolean keptAsWritten(String yamlValue) {
        return KEPT_AS_WRITTEN.matcher(yamlValue).matches();
    }

    /** The symbol of a list entry {@code SYMBOL=value} as written (trimmed); empty when there is no {@code =} after a symbol. */
    static Optional<String> listEntrySymbol(String item) {
        int eq = item.indexOf('=');
        return eq <= 0 ? Optional.empty() : Optional.of(item.substring(0, eq).trim());
    }

    /** The value of a list entry {@code SYMBOL=value}, trimmed. */
    static String listEntryValue(String item) {
        return item.substring(item.indexOf('=') + 1).trim();
    }

    // ---- targets: ----

    /** The two parts of a short-form target {@code plat/arch}; empty when it has not exactly one slash. */
    static Optional<String[]> targetParts(String text) {
        String[] parts = text.split("/", -1);
        return parts.length == 2 ? Optional.of(parts) : Optional.empty();
    }

    /**
     * {@code plat/arch} with kraftkit's aliases resolved ({@code kvm/amd64} is {@code qemu/x86_64}), or
     * the text itself when it is not one.
     */
    static String canonicalTarget(String text) {
        Optional<String[]> parts = targetParts(text);
        if (parts.isEmpty()) {
            return text;
        }
        Optional<Platform> platform = Platform.parse(parts.get()[0]);
        Optional<Architecture> architecture = Architecture.parse(parts.get()[1]);
        if (platform.isEmpty() || architecture.isEmpty()) {
            return text;
        }
        return platform.get().id() + "/" + architecture.get().id();
    }

    /**
     * What tells a target from the others: its {@code name:}, or, when it has none, its plat/arch.
     * Two targets with the same identity are an error (names cannot contain {@code /}, so a name
     * never equals a plat/arch).
     */
    static String identity(Optional<String> name, String id) {
        return name.orElse(id);
    }

    /**
     * The targets a selector picks: a name picks the target of that name; a plat/arch (aliases
     * resolved) picks the unnamed target of that plat/arch, or else every target of that plat/arch.
     * Several means the selector is ambiguous; none, that it fits nothing.
     */
    static <T> List<T> select(List<T> targets, Function<T, Optional<String>> name, Function<T, String> id, String selector) {
        List<T> named = targets.stream().filter(t -> name.apply(t).map(selector::equals).orElse(false)).toList();
        if (!named.isEmpty()) {
            return named;
        }
        String wanted = canonicalTarget(selector);
        List<T> fitting = targets.stream().filter(t -> canonicalTarget(id.apply(t)).equals(wanted)).toList();
        List<T> unnamed = fitting.stream().filter(t -> name.apply(t).isEmpty()).toList();
        return unnamed.size() == 1 ? unnamed : fitting;
    }

    /** At most {@code shown} items joined with ", ", then how many more there are: messages stay short. */
    static String bounded(List<String> items, int shown) {
        if (items.size() <= shown) {
            return String.join(", ", items);
        }
        return String.join(", ", items.subList(0, shown)) + " and " + (items.size() - shown) + " more";
    }
}
