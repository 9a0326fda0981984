package dev.uknative.cli;

import dev.uknative.app.InitProject;
import dev.uknative.project.ProjectScaffold.Language;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code uknative init}: create a project that builds and runs as it is. */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = {"Create a new project folder NAME that builds as it is.",
            "It holds a Kraftfile, a Makefile.uk and a C main; with --lang zig or rust also a native: library"
                    + " (ziglib/ or rustlib/) whose add() main calls.",
            "Refuses a folder that exists and is not empty (exit 3); never leaves a half-written one."},
        footer = {"", "Examples:", "  uknative init hello", "  uknative init --lang zig hello-zig && uknative run hello-zig"})
final class InitCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--lang", paramLabel = "LANG", defaultValue = "c",
            description = "The language of the application's code: c, zig or rust (default: ${DEFAULT-VALUE}).")
    String language;

    @Parameters(index = "0", paramLabel = "NAME", description = "The folder to create; its name is the application's name.")
    Path folder;

    @Override
    public Integer call() {
        Language lang = parse(language);
        Path created = new InitProject().create(folder, lang);
        PrintWriter err = spec.commandLine().getErr();
        err.println("Created a " + lang.id() + " project in " + created + "; build and run it with:  uknative run " + folder);
        err.flush();
        PrintWriter out = spec.commandLine().getOut();
        out.println(created);
        out.flush();
        return 0;
    }

    private static Language parse(String text) {
        for (Language l : Language.values()) {
            if (l.id().equals(text.trim().toLowerCase(Locale.ROOT))) {
                return l;
            }
        }
        throw dev.uknative.core.UknativeException.usage("unknown language '" + text + "' for --lang", "use one of: c, zig, rust");
    }
}
