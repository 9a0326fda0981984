package dev.uknative.kconfig;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code $(shell,…)} commands Unikraft's Kconfig files run, emulated without a shell and without
 * writing files. Any other command is an error at its {@code file:line}: uknative never runs one.
 *
 * <ul>
 *   <li>{@code test A = B && echo X || echo Y}: the root Config.uk's {@code NO_APP}.</li>
 *   <li>{@code …/support/build/config-submenu.sh [-q] [-t TITLE] [-l DIR] [-r DIR] [-c DIR:DIR…]
 *       [-e DIR:DIR…] -o FILE [DIR…]}: writes FILE, a Kconfig file that sources each listed library's
 *       Config.uk, and prints FILE's canonical path, which the caller then {@code source}s. Here FILE's
 *       content is handed to the parser instead ({@link ParseContext#generatedFile}).</li>
 * </ul>
 */
final class ShellEmulation {

    static final String SUBMENU_SCRIPT = "support/build/config-submenu.sh";

    private final ParseContext context;

    ShellEmulation(ParseContext context) {
        this.context = context;
    }

    /** What the command prints, post-processed like kconfig: trailing newlines dropped, others spaces. */
    String run(String command) {
        try {
            return emulate(command);
        } catch (java.nio.file.InvalidPathException e) {
            // A NUL byte in -o, -l, -r or -c: the script's file tests would find no such file.
            throw KconfigException.invalid(context.location(), "$(shell," + command.replaceAll("\\p{Cntrl}", "?")
                    + ") names a path no file can have: " + e.getReason(), null);
        }
    }

    private String emulate(String command) {
        List<String> words = ShellWords.split(command, context);
        String output;
        if (!words.isEmpty() && isSubmenuScript(words.get(0))) {
            if (words.stream().anyMatch(ShellWords::isOperator)) {
                throw unsupported(command);
            }
            output = configSubmenu(words.subList(1, words.size()), command);
        } else if (words.size() == 10 && words.get(0).equals("test") && words.get(2).equals("=")
                && words.get(4).equals(ShellWords.AND) && words.get(5).equals("echo")
                && words.get(7).equals(ShellWords.OR) && words.get(8).equals("echo")
                && !ShellWords.isOperator(words.get(1)) && !ShellWords.isOperator(words.get(3))
                && !ShellWords.isOperator(words.get(6)) && !ShellWords.isOperator(words.get(9))) {
            output = (words.get(1).equals(words.get(3)) ? words.get(6) : words.get(9)) + "\n";
        } else {
            throw unsupported(command);
        }
        return postProcess(output);
    }

    private KconfigException unsupported(String command) {
        return context.unsupported("$(shell," + command + ") cannot be emulated: uknative runs no shell commands"
                        + " while reading Kconfig files",
                "the commands uknative understands are Unikraft's: '" + SUBMENU_SCRIPT
                        + " … -o FILE …' and 'test A = B && echo y || echo n'");
    }

    private static boolean isSubmenuScript(String word) {
        return word.equals("config-submenu.sh") || word.endsWith("/" + SUBMENU_SCRIPT);
    }

    /** kconfig's handling of command output: lines joined with spaces, trailing newlines removed. */
    static String postProcess(String output) {
        String s = output.replace("\r\n", "\n").replace('\r', '\n');
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == '\n') {
            end--;
        }
        return s.substring(0, end).replace('\n', ' ');
    }

    /** config-submenu.sh, option for option (its getopts string is {@code hqt:l:r:c:e:o:}). */
    private String configSubmenu(List<String> args, String command) {
        String out = null;
        String title = null;
        List<String> paths = new ArrayList<>();
        List<String> excludes = new ArrayList<>();
        int index = 0;
        while (index < args.size()) {
            String arg = args.get(index);
            if (arg.equals("--")) {
                index++;
                break;
            }
            if (!arg.startsWith("-") || arg.equals("-")) {
                break;
            }
            index++;
            for (int k = 1; k < arg.length(); k++) {
                char option = arg.charAt(k);
                if (option == 'q') {
                    continue;
                }
                if ("tlrceo".indexOf(option) < 0) {
                    throw context.unsupported("config-submenu.sh has no option -" + option + " (in $(shell,"
                            + command + "))", "its options are -q -t -l -r -c -e -o");
                }
                String value;
                if (k + 1 < arg.length()) {
                    value = arg.substring(k + 1);
                } else if (index < args.size()) {
                    value = args.get(index++);
                } else {
                    throw context.unsupported("config-submenu.sh option -" + option + " has no argument (in $(shell,"
                            + command + "))", null);
                }
                switch (option) {
                    case 't' -> title = value;
                    case 'l' -> paths.add(stripSlash(value));
                    case 'r' -> {
                        if (!value.isEmpty()) {
                            paths.addAll(subdirectories(stripSlash(value)));
                        }
                    }
                    case 'c' -> addColonList(value, paths);
                    case 'e' -> addColonList(value, excludes);
                    default -> out = value;
                }
                break;
            }
        }
        paths.addAll(args.subList(index, args.size()));
        if (out == null) {
            throw context.unsupported("config-submenu.sh without -o prints Kconfig text, not a file to source (in"
                    + " $(shell," + command + "))", "pass -o FILE, as Unikraft's Config.uk does");
        }

        StringBuilder file = new StringBuilder("# Auto generated file. DO NOT EDIT\n");
        List<String> sources = new ArrayList<>();
        for (String path : paths) {
            Path configUk = Path.of(path + "/Config.uk");
            if (!Files.isRegularFile(configUk)) {
                continue;
            }
            if (excludes.contains(path)) {
                file.append("# Skipped excluded \"").append(path).append("\"\n");
                continue;
            }
            sources.add(realPath(configUk).toString());
        }
        if (title != null) {
            file.append("menu \"").append(title).append("\"\n");
        }
        for (String source : sources) {
            file.append("source \"").append(source).append("\"\n");
        }
        if (title != null) {
            file.append("endmenu\n");
        }
        String written = outputPath(out);
        context.generatedFile(written, file.toString());
        return written + "\n";
    }

    /** {@code for P in "DIR"/*; do [ -d "$P" ] && …}: visible entries that are directories, sorted. */
    private List<String> subdirectories(String directory) {
        List<String> names = new ArrayList<>();
        Path dir = Path.of(directory.isEmpty() ? "/" : directory);
        if (Files.isDirectory(dir)) {
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
                for (Path entry : entries) {
                    String name = entry.getFileName().toString();
                    if (!name.startsWith(".")) {
                        names.add(name);
                    }
                }
            } catch (IOException e) {
                throw KconfigException.unreadable(context.location(), "cannot list " + dir + ": " + e.getMessage(),
                        null, e);
            }
        }
        // bash sorts glob results in the collation order of the locale; Unikraft's make runs in whatever
        // locale the user has, and no folder name of Unikraft 0.17.0 or its staging branch sorts
        // differently between C and en_US.UTF-8, so the C order (code points) is used.
        names.sort(null);
        List<String> dirs = new ArrayList<>();
        for (String name : names) {
            String p = directory + "/" + name;
            if (Files.isDirectory(Path.of(p))) {
                dirs.add(p);
            }
        }
        return dirs;
    }

    /** {@code IFS=':'; for P in ${OPTARG}}: colon-separated, empty items skipped, one trailing / removed. */
    private static void addColonList(String value, List<String> into) {
        for (String item : value.split(":")) {
            if (!item.isEmpty()) {
                into.add(stripSlash(item));
            }
        }
    }

    /** {@code ${P%/}}. */
    private static String stripSlash(String path) {
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    /** {@code readlink -f}, which resolves every symbolic link. */
    private Path realPath(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            throw KconfigException.unreadable(context.location(), "cannot resolve " + path + ": " + e.getMessage(),
                    null, e);
        }
    }

    /**
     * {@code readlink -f FILE} of the output file. The script creates it; uknative does not, so when its
     * folder exists the folder is resolved and otherwise the path is only normalized.
     */
    private static String outputPath(String out) {
        Path path = Path.of(out).toAbsolutePath().normalize();
        Path parent = path.getParent();
        if (parent != null && Files.isDirectory(parent)) {
            try {
                return parent.toRealPath().resolve(path.getFileName()).toString();
            } catch (IOException e) {
                return path.toString();
            }
        }
        return path.toString();
    }
}
