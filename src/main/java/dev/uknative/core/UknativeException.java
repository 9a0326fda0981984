package dev.uknative.core;

import java.util.Optional;

/**
 * A failure the user can act on: what went wrong, where, and what to do about it. The CLI prints
 * {@code error: <location>: <message>} and {@code hint: <hint>}, never a stack trace unless
 * {@code --verbose}, and exits with {@link #exitCode()}.
 */
public class UknativeException extends RuntimeException {

    private final ExitCode exitCode;
    private final transient Location location;
    private final String hint;

    public UknativeException(ExitCode exitCode, Location location, String message, String hint, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
        this.location = location;
        this.hint = hint;
    }

    public UknativeException(ExitCode exitCode, Location location, String message, String hint) {
        this(exitCode, location, message, hint, null);
    }

    public static UknativeException invalidInput(Location location, String message, String hint) {
        return new UknativeException(ExitCode.INVALID_INPUT, location, message, hint);
    }

    public static UknativeException environment(String message, String hint) {
        return new UknativeException(ExitCode.ENVIRONMENT, null, message, hint);
    }

    public static UknativeException usage(String message, String hint) {
        return new UknativeException(ExitCode.USAGE, null, message, hint);
    }

    public static UknativeException toolFailed(String message, String hint) {
        return new UknativeException(ExitCode.TOOL_FAILED, null, message, hint);
    }

    public ExitCode exitCode() {
        return exitCode;
    }

    public Optional<Location> location() {
        return Optional.ofNullable(location);
    }

    public Optional<String> hint() {
        return Optional.ofNullable(hint);
    }

    /** The message with its location in front, as printed after {@code error: }. */
    public String describe() {
        return location == null ? getMessage() : location + ": " + getMessage();
    }
}
