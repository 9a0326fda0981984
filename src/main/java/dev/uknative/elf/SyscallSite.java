package dev.uknative.elf;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * A raw {@code syscall} instruction (x86-64 {@code 0f 05}, AArch64 {@code svc #0}) in an executable section: code that asks
 * the kernel directly instead of calling a libc function, which a unikernel only serves through
 * Unikraft's syscall shim handler.
 *
 * @param section the section's name, e.g. {@code .text.add}
 * @param offset  the instruction's offset inside that section
 * @param number  the syscall number, when an immediate load of {@code eax}/{@code rax} right before
 *                the instruction gives it away (compilers inline constants in optimised builds);
 *                empty when the number comes from a register or memory
 */
public record SyscallSite(String section, long offset, OptionalInt number) {

    public SyscallSite {
        Objects.requireNonNull(section, "section");
        Objects.requireNonNull(number, "number");
    }
}
