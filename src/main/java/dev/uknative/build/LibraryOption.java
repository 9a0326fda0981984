package dev.uknative.build;

import dev.uknative.core.Location;
import dev.uknative.core.UknativeException;
import dev.uknative.kconfig.ConfigAssignment;
import dev.uknative.symbols.LibraryOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The option that turns on an external library listed under a Kraftfile's {@code libraries:}, read
 * from the library itself: the switch of the first {@code addlib_s} in its {@code Makefile.uk}
 * ({@code $(eval $(call addlib_s,liblwip,$(CONFIG_LIBLWIP)))} → {@code CONFIG_LIBLWIP}) that its
 * {@code Config.uk} defines with a prompt. kraft instead sets {@code CONFIG_LIB<UPPER(name)>}, which
 * is wrong for {@code compiler-rt} ({@code CONFIG_LIBCOMPILER_RT}) and for a library whose first
 * switch is hidden (newlib's {@code LIBNEWLIBM} is selected by {@code LIBNEWLIBC}).
 *
 * @param library    the Kraftfile's name for it
 * @param symbol     with its {@code CONFIG_} prefix
 * @param definition where its {@code Config.uk} defines the symbol
 */
public record LibraryOption(String library, String symbol, Location definition) {

    private static final Pattern DEFINITION = Pattern.compile("^\\s*(?:menuconfig|config)\\s+([A-Za-z0-9_]+)\\s*(?:#.*)?$");
    private static final Pattern PROMPT = Pattern.compile("^\\s*(?:(?:bool|tristate|int|hex|string)\\s+\"|prompt\\s+\")");
    private static final Pattern BLOCK_END = Pattern.compile(
            "^\\s*(?:menuconfig|config|choice|endchoice|if|endif|menu|endmenu|source|comment|mainmenu)\\b");

    /** The assignment that turns the library on, as the first of the Kraftfile's layers (any Kraftfile entry wins). */
    public ConfigAssignment assignment() {
        return new ConfigAssignment(symbol, "y", "library " + library + " (listed under libraries:)", Optional.of(definition));
    }

    /**
     * The option of the library {@code name} in {@code folder}; empty when its Makefile.uk registers
     * it only with plain {@code addlib} (always built, nothing to turn on).
     */
    public static Optional<LibraryOption> of(String name, Path folder) {
        Path makefile = folder.resolve("Makefile.uk");
        Path config = folder.resolve("Config.uk");
        String make = read(name, makefile, "Makefile.uk");
        List<String> switches = LibraryOptions.parse(make).values().stream().flatMap(Optional::stream).distinct().toList();
        if (switches.isEmpty()) {
            return Optional.empty();
        }
        List<String> lines = Files.isRegularFile(config) ? read(name, config, "Config.uk").lines().toList() : List.of();
        List<LibraryOption> defined = new ArrayList<>();
        for (String symbol : switches) {
            Optional<Definition> d = definition(lines, symbol);
            if (d.isPresent() && d.get().prompted()) {
                return Optional.of(new LibraryOption(name, "CONFIG_" + symbol, Location.of(config, d.get().line())));
            }
            d.ifPresent(found -> defined.add(new LibraryOption(name, "CONFIG_" + symbol, Location.of(config, found.line()))));
        }
        if (!defined.isEmpty()) {
            return Optional.of(defined.get(0));
        }
        throw UknativeException.invalidInput(Location.of(makefile),
                "library '" + name + "' is switched by " + String.join(", ", switches.stream().map(s -> "CONFIG_" + s).toList())
                        + " (its Makefile.uk's addlib_s), which its Config.uk does not define",
                "check that " + folder + " is a Unikraft library (lib-" + name + ") and complete");
    }

    /** The options of every listed library, in the Kraftfile's order; {@code folders} as the sources resolved them. */
    public static List<LibraryOption> of(List<String> names, List<Path> folders) {
        List<LibraryOption> options = new ArrayList<>();
        for (int i = 0; i < Math.min(names.size(), folders.size()); i++) {
            of(names.get(i), folders.get(i)).ifPresent(options::add);
        }
        return options;
    }

    private record Definition(int line, boolean prompted) {
    }

    private static Optional<Definition> definition(List<String> lines, String symbol) {
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = DEFINITION.matcher(lines.get(i));
            if (m.matches() && m.group(1).equals(symbol)) {
                boolean prompted = false;
                for (int j = i + 1; j < lines.size() && !BLOCK_END.matcher(lines.get(j)).find(); j++) {
                    prompted |= PROMPT.matcher(lines.get(j)).find();
                }
                return Optional.of(new Definition(i + 1, prompted));
            }
        }
        return Optional.empty();
    }

    private static String read(String name, Path file, String what) {
        try {
            return Files.readString(file);
        } catch (NoSuchFileException e) {
            throw UknativeException.invalidInput(Location.of(file.getParent()),
                    "library '" + name + "' has no " + what + ": " + file.getParent() + " is not a Unikraft library",
                    "point its source or version at a Unikraft library (a folder with Makefile.uk and Config.uk)");
        } catch (IOException e) {
            throw UknativeException.environment("cannot read " + file + ": " + e.getMessage(), "check its permissions");
        }
    }
}
