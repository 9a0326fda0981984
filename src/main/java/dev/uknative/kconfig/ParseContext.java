package dev.uknative.kconfig;

import dev.uknative.core.Location;

/** What the preprocessor and the shell emulation need from the parser: where it is, and where to report. */
interface ParseContext {

    /** The file and line being parsed. */
    Location location();

    /** A parse error at the current line, echoing it. */
    KconfigException error(String message);

    /** An error at the current line for something uknative does not do, with a remedy; echoes the line. */
    KconfigException unsupported(String message, String hint);

    void warn(String message);

    /** A file that a {@code $(shell,…)} call would have written, to be sourced later under {@code path}. */
    void generatedFile(String path, String content);
}
