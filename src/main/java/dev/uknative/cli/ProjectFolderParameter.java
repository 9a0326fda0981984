package dev.uknative.cli;

import java.nio.file.Path;
import picocli.CommandLine.Parameters;

/** {@code [DIR]}, the project folder, for the commands whose one argument is a project. */
public final class ProjectFolderParameter {

    /** Also the text of config's and menu's {@code -P/--project}. */
    static final String DESCRIPTION = "The project folder (default: the current folder).";

    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", defaultValue = ".", description = DESCRIPTION)
    Path directory;
}
