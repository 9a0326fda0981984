package dev.uknative.build;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Follows the output of Unikraft's make, line by line: which step runs now, how many objects have been
 * compiled, and the first error worth showing. Unikraft prints one short line per step, e.g.
 * {@code   CC      libukboot: boot.o} or {@code   LD      hello_qemu-x86_64.dbg}; compilers and
 * linkers print GNU-style diagnostics ({@code file:line:col: error: …}). Not thread-safe: feed it from
 * one thread.
 */
public final class MakeOutputParser {

    /** A step line: two spaces, an upper-case verb, spaces, what it works on. */
    private static final Pattern STEP = Pattern.compile("^ {2}([A-Z][A-Z0-9+_-]{0,11}) +(\\S.*)$");
    private static final Set<String> COMPILE_VERBS = Set.of("CC", "CXX", "AS", "CPP", "GOC", "RUSTC");
    private static final Pattern COMPILER_ERROR =
            Pattern.compile("^(.+?):(\\d+):(?:(\\d+):)? (?:fatal error|error): (.*)$");
    private static final Pattern LINKER_ERROR =
            Pattern.compile("^(?:.*?ld(?:\\.\\w+)?: )?(?:(.+?):(?:\\(.*?\\)|(\\d+)):? )?(.*(?:undefined reference to|multiple definition of|cannot find -l).*)$");
    private static final Pattern LD_ERROR = Pattern.compile("^(?:\\S*/)?ld(?:\\.\\w+)?: (.*)$");
    private static final Pattern IN_FUNCTION = Pattern.compile(".*: in function [`'‘].*['’]:$");
    private static final Pattern MAKE_ERROR = Pattern.compile("^(?:\\S*/)?make(?:\\[\\d+\\])?: \\*\\*\\* (.*)$");
    private static final Pattern MAKEFILE_ERROR = Pattern.compile("^(\\S+):(\\d+): \\*\\*\\* (.*)$");

    /** The first diagnostic of a failed build, with its position when the tool gave one. */
    public record Diagnostic(String message, Optional<String> file, int line, int column) {
        /** {@code file:line:col: message}, as compilers print it. */
        public String describe() {
            if (file.isEmpty()) {
                return message;
            }
            StringBuilder s = new StringBuilder(file.get());
            if (line > 0) {
                s.append(':').append(line);
                if (column > 0) {
                    s.append(':').append(column);
                }
            }
            return s.append(": ").append(message).toString();
        }
    }

    private int compiled;
    private String currentStep = "starting make";
    private Diagnostic firstError;
    private Diagnostic firstMakeError;

    /** Takes one line of make's merged output; returns whether it started a new step. */
    public boolean accept(String line) {
        Matcher step = STEP.matcher(line);
        if (step.matches()) {
            if (COMPILE_VERBS.contains(step.group(1))) {
                compiled++;
            }
            currentStep = step.group(1) + " " + step.group(2);
            return true;
        }
        if (firstError == null) {
            firstError = diagnostic(line);
        }
        if (firstMakeError == null) {
            Matcher makefile = MAKEFILE_ERROR.matcher(line);
            if (makefile.matches()) {
                firstMakeError = new Diagnostic(makefile.group(3), Optional.of(makefile.group(1)),
                        Integer.parseInt(makefile.group(2)), 0);
            } else {
                Matcher make = MAKE_ERROR.matcher(line);
                if (make.matches()) {
                    firstMakeError = new Diagnostic(make.group(1), Optional.empty(), 0, 0);
                }
            }
        }
        return false;
    }

    private static Diagnostic diagnostic(String line) {
        Matcher c = COMPILER_ERROR.matcher(line);
        if (c.matches()) {
            return new Diagnostic("error: " + c.group(4), Optional.of(c.group(1)), Integer.parseInt(c.group(2)),
                    c.group(3) == null ? 0 : Integer.parseInt(c.group(3)));
        }
        Matcher l = LINKER_ERROR.matcher(line);
        if (l.matches()) {
            int lineNo = l.group(2) == null ? 0 : Integer.parseInt(l.group(2));
            return new Diagnostic(l.group(3).trim(), Optional.ofNullable(l.group(1)), lineNo, 0);
        }
        Matcher ld = LD_ERROR.matcher(line);
        // ld's context lines ("…: in function `main':") come before the error they introduce, and
        // binutils 2.39+ prints "NOTE: This behaviour is deprecated…" in successful builds, warnings
        // name their object first ("x.o: warning: missing .note.GNU-stack…"), and with -j a step line
        // of another job can land right after "ld:" on the same line.
        if (ld.matches() && !ld.group(1).startsWith("warning") && !ld.group(1).contains(": warning:")
                && !ld.group(1).startsWith("NOTE:") && !IN_FUNCTION.matcher(ld.group(1)).matches()
                && !STEP.matcher(ld.group(1)).matches() && !ld.group(1).isBlank()) {
            return new Diagnostic("ld: " + ld.group(1), Optional.empty(), 0, 0);
        }
        return null;
    }

    /** Objects compiled so far (C, C++, assembly …). */
    public int compiled() {
        return compiled;
    }

    /** The last step make announced, e.g. {@code CC libukboot: boot.o}. */
    public String currentStep() {
        return currentStep;
    }

    /**
     * The error to show for a failed build: the first compiler or linker diagnostic, else make's own
     * first {@code ***} message.
     */
    public Optional<Diagnostic> firstError() {
        return Optional.ofNullable(firstError).or(() -> Optional.ofNullable(firstMakeError));
    }
}
