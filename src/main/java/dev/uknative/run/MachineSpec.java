package dev.uknative.run;

import dev.uknative.core.UknativeException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One virtual machine to start: the kernel image, memory, accelerator, the kernel command line and
 * the time it may run.
 *
 * @param memory      QEMU's {@code -m} value, validated: a number with an optional K, M or G suffix
 * @param commandLine the kernel command line ({@code -append}); empty for none
 */
public record MachineSpec(Path kernel, String memory, Accelerator accelerator, String commandLine, Optional<Duration> timeout) {

    /** A number of at most 10 digits (no overflow below), then K, M or G, optionally followed by B or iB. */
    private static final Pattern MEMORY = Pattern.compile("([1-9][0-9]{0,9})(?:([KMGkmg])(?:i?[Bb])?)?");

    /** The port Unikraft writes its halt (41) or crash (42) code to; QEMU exits with code*2+1. */
    public static final String DEBUG_EXIT_DEVICE = "isa-debug-exit,iobase=0x501,iosize=2";

    public MachineSpec {
        Objects.requireNonNull(kernel, "kernel");
        memory = normaliseMemory(memory);
        Objects.requireNonNull(accelerator, "accelerator");
        Objects.requireNonNull(commandLine, "commandLine");
        Objects.requireNonNull(timeout, "timeout");
    }

    /**
     * Turns {@code 64M}, {@code 64m}, {@code 1G}, {@code 512MiB} or a bare number of MiB into QEMU's
     * form ({@code 64M}); anything else is a usage error.
     */
    public static String normaliseMemory(String text) {
        Matcher m = MEMORY.matcher(text.trim());
        if (!m.matches()) {
            throw UknativeException.usage("memory '" + text + "' is not a size", "write it as 64M, 512M or 1G");
        }
        String unit = m.group(2) == null ? "M" : m.group(2).toUpperCase(java.util.Locale.ROOT);
        long kib = Long.parseLong(m.group(1)) * switch (unit) {
            case "K" -> 1;
            case "G" -> 1024 * 1024;
            default -> 1024;
        };
        if (kib < 4 * 1024 || kib > 1024L * 1024 * 1024) {
            throw UknativeException.usage("memory '" + text + "' is out of range", "give between 4M and 1024G");
        }
        return m.group(1) + unit;
    }

    /** The QEMU argument list, starting with the QEMU binary. */
    public List<String> arguments(Path qemu) {
        List<String> args = new ArrayList<>(List.of(
                qemu.toString(),
                "-m", memory,
                "-nodefaults",
                "-display", "none",
                "-serial", "stdio",
                "-no-reboot",
                "-device", DEBUG_EXIT_DEVICE));
        args.addAll(accelerator.arguments());
        args.add("-kernel");
        args.add(kernel.toString());
        if (!commandLine.isEmpty()) {
            args.add("-append");
            args.add(commandLine);
        }
        return args;
    }
}
