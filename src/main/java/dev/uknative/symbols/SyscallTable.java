package dev.uknative.symbols;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The architecture's syscall numbers, as Unikraft's syscall shim lists them in
 * {@code lib/syscall_shim/arch/x86_64/syscall.h.in} ({@code #define __NR_gettid 186}).
 */
public record SyscallTable(Map<Integer, String> names) {

    private static final Pattern DEFINE = Pattern.compile("^\\s*#\\s*define\\s+__NR_([A-Za-z0-9_]+)\\s+([0-9]+)\\s*$");

    public SyscallTable {
        names = Map.copyOf(names);
    }

    public static SyscallTable parse(String header) {
        Map<Integer, String> names = new TreeMap<>();
        for (String line : header.split("\n")) {
            Matcher m = DEFINE.matcher(line);
            if (m.matches()) {
                names.putIfAbsent(Integer.parseInt(m.group(2)), m.group(1));
            }
        }
        return new SyscallTable(names);
    }

    public Optional<String> name(int number) {
        return Optional.ofNullable(names.get(number));
    }

    /** The symbol a Unikraft library defines when it implements syscall {@code name} ({@code UK_SYSCALL_R_DEFINE}). */
    public static String implementationSymbol(String name) {
        return "uk_syscall_r_" + name;
    }
}
