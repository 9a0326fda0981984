package dev.uknative.core;

/**
 * The exit statuses of every uknative command, documented in README and in {@code --help}.
 *
 * <p>{@code uknative run} adds the statuses of the unikernel itself ({@link #CRASH}, {@link #TIMEOUT}).
 */
public enum ExitCode {
    OK(0, "success (for run: the unikernel halted normally)"),
    BUG(1, "internal error in uknative (please report it with the --verbose output)"),
    USAGE(2, "wrong command-line usage"),
    INVALID_INPUT(3, "invalid input: Kraftfile, configuration or project files"),
    ENVIRONMENT(4, "missing or unusable environment: a tool, the Unikraft tree, /dev/kvm"),
    TOOL_FAILED(5, "an external tool failed: make, the compiler, the linker or QEMU (for run: also QEMU killed by a signal)"),
    TIMEOUT(124, "run: the unikernel did not stop before --timeout (QEMU was killed)"),
    INTERRUPTED(130, "interrupted (Ctrl-C)"),
    RESET(133, "run: the machine reset (triple fault) or powered off without reporting a status"),
    CRASH(134, "run: the unikernel crashed (Unikraft panic, abort() or a fatal trap)");

    private final int code;
    private final String meaning;

    ExitCode(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    public int code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }
}
