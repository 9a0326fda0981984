package dev.uknative.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The decision table of {@code uknative run}: before QEMU starts, every flag is checked against the
 * configuration the image was built from, and the image against the host. A flag the image cannot
 * take would otherwise be lost without a word: without uklibparam the kernel command line reaches
 * {@code main} verbatim, a 9p device nobody mounts is ignored, a NIC without a network stack serves
 * nothing, and libukrandom stops the boot on a CPU without RDSEED.
 *
 * <p>Pure: the flags, the configuration and the host facts come in as values; the findings go out.
 * The option names are Unikraft 0.17.0's (read in its {@code Config.uk} files and in the C sources
 * that use them, named at each rule).
 */
public final class ImageCheck {

    /** The first QEMU whose TCG emulates RDRAND and RDSEED when the CPU model asks for them (unikraft/unikraft#1459). */
    public static final QemuVersion TCG_RDSEED = new QemuVersion(8, 1, 3);

    /** Room above the image's end for the boot stack, page tables and the first allocations (hello world boots in 2 MiB with an end at 1.6 MiB). */
    static final long MEMORY_MARGIN = 256 * 1024;

    /**
     * The run's flags as values.
     *
     * @param kernelArguments {@code -a} as given ({@code lib.param=value})
     * @param environment     {@code -e}
     * @param memoryBytes     {@code -M} in bytes
     */
    public record Flags(List<String> kernelArguments, Map<String, String> environment, List<Volume> volumes, List<PortForward> ports,
                        boolean initrd, long memoryBytes, int cpus) {
        public Flags {
            kernelArguments = List.copyOf(kernelArguments);
            environment = Map.copyOf(environment);
            volumes = List.copyOf(volumes);
            ports = List.copyOf(ports);
        }

        /** No flag that needs anything of the image. */
        public static Flags none() {
            return new Flags(List.of(), Map.of(), List.of(), List.of(), false, 64L << 20, 1);
        }
    }

    /**
     * What the host runs the image with.
     *
     * @param cpuFlags the host CPU's flags ({@code /proc/cpuinfo}), for KVM, which gives the guest the host's CPU
     */
    public record Host(Accelerator accelerator, QemuVersion qemu, Set<String> cpuFlags) {
        public Host {
            Objects.requireNonNull(accelerator, "accelerator");
            Objects.requireNonNull(qemu, "qemu");
            cpuFlags = Set.copyOf(cpuFlags);
        }
    }

    /**
     * What is known of the image.
     *
     * @param config    the configuration it was built from ({@code CONFIG_X → value}, {@code n} for "is not
     *                  set"); empty when unknown (a kernel file with no configuration beside it)
     * @param imageEnd  the end of its loaded segments (bss included), in bytes from address 0; empty when unknown
     * @param parameterLibraries libraries with parameters read from the sources it was built from
     *                  ({@link LibraryParameters}), besides Unikraft 0.17.0's that this class knows
     */
    public record Image(Optional<Map<String, String>> config, OptionalLong imageEnd, List<ParameterLibrary> parameterLibraries) {
        public Image {
            config = config.map(Map::copyOf);
            Objects.requireNonNull(imageEnd, "imageEnd");
            parameterLibraries = List.copyOf(parameterLibraries);
        }

        public Image(Optional<Map<String, String>> config, OptionalLong imageEnd) {
            this(config, imageEnd, List.of());
        }
    }

    /**
     * One option an image needs: on, or an int option at least some value.
     *
     * @param atLeast for an int option, the least value; 0 for a bool option that must be {@code y}
     * @param fallback the int option's default, for a configuration that does not write it
     */
    public record Option(String symbol, int atLeast, int fallback) {

        public static Option on(String symbol) {
            return new Option(symbol, 0, 0);
        }

        public static Option atLeast(String symbol, int least, int fallback) {
            return new Option(symbol, least, fallback);
        }

        boolean holds(Map<String, String> config) {
            String value = config.get(symbol);
            if (atLeast == 0) {
                return "y".equals(value);
            }
            if (value == null) {
                return fallback >= atLeast;
            }
            try {
                return Long.decode(value) >= atLeast;
            } catch (NumberFormatException e) {
                return false;
            }
        }

        /** The value it needs, as {@code uknative config set} takes it. */
        public String value() {
            return atLeast == 0 ? "y" : Integer.toString(atLeast);
        }

        /** {@code CONFIG_X=y}. */
        public String assignment() {
            return symbol + "=" + value();
        }

        String describe() {
            return atLeast == 0 ? symbol : symbol + " >= " + atLeast;
        }
    }

    /** What the check found. */
    public sealed interface Finding {
        /** The flag as the user wrote it (or the image's need, for a host finding). */
        String flag();
    }

    /**
     * The image lacks options a flag needs; turning them on ({@code --auto-config}) satisfies it.
     *
     * @param options what to turn on, in an order that {@code uknative config set} takes
     * @param why     what the options do for the flag, for the message
     */
    public record Missing(String flag, List<Option> options, String why) implements Finding {
        public Missing {
            options = List.copyOf(options);
        }

        /** The command that adds them. */
        public String command() {
            return "uknative config set " + options.stream().map(Option::assignment).collect(Collectors.joining(" "));
        }

        /** {@code -e A=b needs posix-environ's env.vars:}, the line above {@link #command()}. */
        public String message() {
            return flag + " needs " + why + ":";
        }
    }

    /** A flag the image cannot take and no option can fix: a typo, too little memory; {@code message} follows the flag. */
    public record Invalid(String flag, String message, String hint) implements Finding {
    }

    /** The host cannot run the image as configured. */
    public record HostLacks(String flag, String message, String hint) implements Finding {
    }

    /** A flag that cannot be checked: the image's configuration is unknown. */
    public record Unchecked(String flag, String needs) implements Finding {
        public String message() {
            return "cannot check " + flag + " (the image's configuration is unknown): it needs " + needs;
        }
    }

    /**
     * @param findings    in the order of the flags
     * @param accelerator the accelerator to boot with: TCG asks for RDRAND and RDSEED where QEMU can emulate them
     */
    public record Result(List<Finding> findings, Accelerator accelerator) {
        public Result {
            findings = List.copyOf(findings);
        }

        public List<Missing> missing() {
            return of(Missing.class);
        }

        public List<Invalid> invalid() {
            return of(Invalid.class);
        }

        public List<HostLacks> hostLacks() {
            return of(HostLacks.class);
        }

        public List<Unchecked> unchecked() {
            return of(Unchecked.class);
        }

        private <T extends Finding> List<T> of(Class<T> kind) {
            return findings.stream().filter(kind::isInstance).map(kind::cast).toList();
        }
    }

    /**
     * A library that takes parameters on the kernel command line (uklibparam): the prefix it is known
     * by, its parameters, and the options that build them in.
     */
    public record ParameterLibrary(String prefix, Set<String> parameters, List<Option> options) {
        public ParameterLibrary {
            Objects.requireNonNull(prefix, "prefix");
            parameters = Set.copyOf(parameters);
            options = List.copyOf(options);
        }
    }

    /**
     * Unikraft 0.17.0's libraries with parameters: {@code UK_LIBPARAM_PARAM*} in their sources, the
     * prefix from {@code uk_libparam_libprefix_set} / {@code addlib_paramprefix} in their Makefile.uk
     * (without one, the prefix is the library's name, {@code __LIBNAME__}).
     */
    public static final List<ParameterLibrary> PARAMETER_LIBRARIES = List.of(
            // lib/posix-environ/environ.c: env.vars, only with LIBPOSIX_ENVIRON_LIBPARAM.
            new ParameterLibrary("env", Set.of("vars"),
                    List.of(Option.on("CONFIG_LIBPOSIX_ENVIRON"), Option.on("CONFIG_LIBPOSIX_ENVIRON_LIBPARAM"))),
            // lib/vfscore/automount.c: vfs.fstab, only with LIBVFSCORE_AUTOMOUNT_UP.
            new ParameterLibrary("vfs", Set.of("fstab"), List.of(Option.on("CONFIG_LIBVFSCORE"), Option.on("CONFIG_LIBVFSCORE_AUTOMOUNT_UP"))),
            // lib/uknetdev/netdev.c: netdev.ip, only with LIBUKNETDEV_EINFO_LIBPARAM.
            new ParameterLibrary("netdev", Set.of("ip"), List.of(Option.on("CONFIG_LIBUKNETDEV"), Option.on("CONFIG_LIBUKNETDEV_EINFO_LIBPARAM"))),
            // drivers/virtio/mmio/virtio_mmio_cmdl.c: virtio_mmio.device.
            new ParameterLibrary("virtio_mmio", Set.of("device"), List.of(Option.on("CONFIG_LIBVIRTIO_MMIO"))));

    private ImageCheck() {
    }

    /** Checks {@code flags} against {@code image} on {@code host}. */
    public static Result check(Flags flags, Image image, Host host) {
        List<Finding> findings = new ArrayList<>();
        Optional<Map<String, String>> config = image.config();
        if (!flags.kernelArguments().isEmpty()) {
            kernelArguments(flags.kernelArguments(), config, libraries(image.parameterLibraries()), findings);
        }
        if (!flags.environment().isEmpty()) {
            int count = flags.environment().size();
            // env.vars is an array of LIBPOSIX_ENVIRON_LIBPARAM_MAXCOUNT entries (default 8); more is an error at boot.
            require(findings, config, "-e " + flags(flags.environment().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList(), "-e"),
                    "posix-environ's env.vars",
                    List.of(Option.on("CONFIG_LIBPOSIX_ENVIRON"), Option.on("CONFIG_LIBPOSIX_ENVIRON_LIBPARAM"),
                            Option.atLeast("CONFIG_LIBPOSIX_ENVIRON_LIBPARAM_MAXCOUNT", count > 8 ? count : 0, 8)));
        }
        if (!flags.volumes().isEmpty()) {
            volumes(flags, config, findings);
        }
        if (!flags.ports().isEmpty()) {
            // QEMU gives a virtio-net NIC (PCI, or MMIO on arm64); Unikraft's core has the driver but no TCP/IP stack (lwIP is the external lib-lwip).
            require(findings, config, "-p " + flags(flags.ports().stream().map(p -> p.hostPort() + ":" + p.guestPort()).toList(), "-p"),
                    "a virtio-net driver and a network stack (lwIP: the lwip library)",
                    List.of(Option.on("CONFIG_LIBUKNETDEV"), Option.on("CONFIG_LIBVIRTIO_NET"), Option.on(virtioTransport(config)),
                            Option.on("CONFIG_LIBLWIP")));
        }
        if (flags.initrd()) {
            // lib/vfscore/automount.c extracts initrd0 (a CPIO archive) into a RAM file system at boot.
            if (config.isPresent() && !anyOn(config.get(), INITRD_READERS)) {
                findings.add(new Missing("--initrd", List.of(Option.on("CONFIG_LIBVFSCORE"), Option.on("CONFIG_LIBVFSCORE_AUTOMOUNT_CI"),
                        Option.on("CONFIG_LIBVFSCORE_AUTOMOUNT_CI_INITRD")), "vfscore to extract it as /"));
            } else if (config.isEmpty()) {
                findings.add(new Unchecked("--initrd", "CONFIG_LIBVFSCORE_AUTOMOUNT_CI_INITRD (vfscore extracts the initrd at boot)"));
            }
        }
        if (flags.cpus() > 1) {
            // plat/Config.uk: UKPLAT_LCPU_MAXCOUNT (default 1) is how many CPUs Unikraft brings up; HAVE_SMP follows it.
            require(findings, config, "--cpus " + flags.cpus(), "an image built for " + flags.cpus() + " CPUs",
                    List.of(Option.atLeast("CONFIG_UKPLAT_LCPU_MAXCOUNT", flags.cpus(), 1)));
        }
        if (image.imageEnd().isPresent()) {
            long needed = roundUpToMiB(image.imageEnd().getAsLong() + MEMORY_MARGIN);
            if (flags.memoryBytes() < needed) {
                findings.add(new Invalid("-M " + mib(flags.memoryBytes()), "below the "
                        + mib(needed) + " this image needs (it ends at " + kib(image.imageEnd().getAsLong()) + " once loaded)",
                        "give at least -M " + mib(needed)));
            }
        }
        Accelerator accelerator = rdseed(config, host, findings);
        return new Result(findings, accelerator);
    }

    /**
     * The virtio transport QEMU's devices use for this image: MMIO on arm64 (the virt machine's
     * transports, found through the device tree: {@link QemuSystem#virtioDevice}), else PCI.
     */
    static String virtioTransport(Optional<Map<String, String>> config) {
        return config.map(c -> "y".equals(c.get("CONFIG_ARCH_ARM_64"))).orElse(false) ? "CONFIG_LIBVIRTIO_MMIO" : "CONFIG_LIBVIRTIO_PCI";
    }

    /** What reads an initrd (lib/vfscore/Config.uk: the compiled-in table's and the fallback's initrd entries). */
    static final List<String> INITRD_READERS = List.of("CONFIG_LIBVFSCORE_AUTOMOUNT_CI_INITRD", "CONFIG_LIBVFSCORE_AUTOMOUNT_FB_INITRD",
            "CONFIG_LIBVFSCORE_AUTOMOUNT_FB_INITRD_EXTRACT");

    /** What mounts a root file system before vfs.fstab's entries (lib/vfscore/Config.uk). */
    static final List<String> ROOT_MOUNTERS = List.of("CONFIG_LIBVFSCORE_AUTOMOUNT_CI", "CONFIG_LIBVFSCORE_AUTOMOUNT_FB");

    private static void volumes(Flags flags, Optional<Map<String, String>> config, List<Finding> findings) {
        List<Option> options = new ArrayList<>(List.of(Option.on("CONFIG_LIBVFSCORE"), Option.on("CONFIG_LIBVFSCORE_AUTOMOUNT_UP"),
                Option.on("CONFIG_LIBUK9P"), Option.on("CONFIG_LIB9PFS"), Option.on("CONFIG_LIBVIRTIO_9P"), Option.on(virtioTransport(config))));
        int count = flags.volumes().size();
        if (count > 16) {
            options.add(Option.atLeast("CONFIG_LIBVFSCORE_AUTOMOUNT_UP_SIZE", count, 16));
        }
        // vfs.fstab mounts each volume at its path, making the mount point (mkmp): that needs a root to make
        // it in (without one, automount fails with -ENOTDIR and the boot stops). A first volume at / is the
        // root; an initrd mounted by --initrd's options is one too.
        boolean needsRoot = !flags.volumes().get(0).guest().equals("/") && !flags.initrd();
        if (needsRoot && config.map(c -> !anyOn(c, ROOT_MOUNTERS)).orElse(true)) {
            options.add(Option.on("CONFIG_LIBVFSCORE_AUTOMOUNT_CI"));
            options.add(Option.on("CONFIG_LIBVFSCORE_AUTOMOUNT_CI_RAMFS"));
        }
        require(findings, config, "-v " + flags(flags.volumes().stream().map(v -> v.host() + ":" + v.guest()).toList(), "-v"),
                "vfscore's vfs.fstab, 9pfs and virtio-9p" + (needsRoot ? ", a RAM file system as /" : ""), options);
    }

    /** 0.17.0's table first (it knows the options that compile each parameter in), then what the sources add. */
    private static List<ParameterLibrary> libraries(List<ParameterLibrary> scanned) {
        List<ParameterLibrary> all = new ArrayList<>(PARAMETER_LIBRARIES);
        for (ParameterLibrary library : scanned) {
            if (all.stream().noneMatch(l -> l.prefix().equals(library.prefix()))) {
                all.add(library);
            }
        }
        return all;
    }

    /** {@code -a lib.param=value}: uklibparam, and a library that takes that parameter. */
    private static void kernelArguments(List<String> arguments, Optional<Map<String, String>> config, List<ParameterLibrary> libraries,
            List<Finding> findings) {
        Map<String, List<Option>> missing = new LinkedHashMap<>();
        Map<String, String> library = new LinkedHashMap<>();
        for (String argument : arguments) {
            String flag = "-a " + argument;
            int eq = argument.indexOf('=');
            String name = eq < 0 ? argument : argument.substring(0, eq);
            int dot = name.indexOf('.');
            if (dot <= 0 || dot == name.length() - 1) {
                findings.add(new Invalid(flag, "not a library parameter (LIBRARY.PARAMETER=VALUE)",
                        "write for example  -a netdev.ip=10.0.2.15/24; the application's own arguments go after --"));
                continue;
            }
            String prefix = name.substring(0, dot);
            String parameter = name.substring(dot + 1);
            if (config.isEmpty()) {
                // Which Unikraft built it is unknown too, so its libraries' parameters are.
                findings.add(new Unchecked(flag, "CONFIG_LIBUKLIBPARAM and a library that takes " + name));
                continue;
            }
            Optional<ParameterLibrary> known = libraries.stream().filter(l -> l.prefix().equals(prefix)).findFirst();
            List<Option> options = new ArrayList<>(List.of(Option.on("CONFIG_LIBUKLIBPARAM")));
            if (known.isPresent()) {
                if (!known.get().parameters().contains(parameter)) {
                    findings.add(new Invalid(flag, "library " + prefix + " has no parameter '" + parameter + "' (it has: "
                            + String.join(", ", new TreeSet<>(known.get().parameters())) + "); Unikraft would ignore it",
                            "write for example  -a " + prefix + "." + known.get().parameters().iterator().next() + "=…"));
                    continue;
                }
                options.addAll(known.get().options());
            } else if (prefix.startsWith("lib") || prefix.startsWith("app")) {
                // A library without a prefix of its own is known by its name (__LIBNAME__): libfoo is CONFIG_LIBFOO.
                String option = "CONFIG_" + prefix.toUpperCase(Locale.ROOT);
                if (prefix.startsWith("lib")) {
                    if (!config.get().containsKey(option)) {
                        findings.add(unknownLibrary(flag, prefix, libraries));
                        continue;
                    }
                    options.add(Option.on(option));
                }
            } else {
                findings.add(unknownLibrary(flag, prefix, libraries));
                continue;
            }
            missing.put(flag, options);
            library.put(flag, prefix);
        }
        for (Map.Entry<String, List<Option>> e : missing.entrySet()) {
            require(findings, config, e.getKey(), "uklibparam and library " + library.get(e.getKey()), e.getValue());
        }
    }

    private static Invalid unknownLibrary(String flag, String prefix, List<ParameterLibrary> libraries) {
        String known = libraries.stream().map(l -> l.prefix() + "." + String.join("|", new TreeSet<>(l.parameters())))
                .collect(Collectors.joining(", "));
        Optional<String> nearest = libraries.stream().map(ParameterLibrary::prefix)
                .filter(p -> dev.uknative.core.EditDistance.between(p, prefix) <= 2).findFirst();
        return new Invalid(flag, "no library of this image takes parameters named " + prefix + ".*"
                + nearest.map(n -> " (did you mean " + n + "?)").orElse("") + "; Unikraft would ignore it",
                "the library parameters known: " + known + "; a library without a prefix of its own is named libNAME");
    }

    /**
     * RDSEED: libukrandom's boot-time init ({@code uk_random_init} in lib/ukrandom/random.c) calls
     * {@code ukarch_random_init}, which fails with -ENOTSUP ("Could not initialize the HWRNG (-95)")
     * unless CPUID reports both RDRAND and RDSEED. {@code LIBUKRANDOM_SEED_INSECURE} only changes the
     * seed that is used after that check, so it does not help.
     */
    private static Accelerator rdseed(Optional<Map<String, String>> config, Host host, List<Finding> findings) {
        boolean emulates = host.qemu().compareTo(TCG_RDSEED) >= 0;
        Accelerator accelerator = host.accelerator() == Accelerator.TCG && emulates ? Accelerator.TCG_RNG : host.accelerator();
        if (config.isEmpty() || !"y".equals(config.get().get("CONFIG_LIBUKRANDOM")) || !"y".equals(config.get().get("CONFIG_ARCH_X86_64"))) {
            return accelerator;
        }
        if (host.accelerator() == Accelerator.KVM) {
            List<String> lacking = new ArrayList<>();
            for (String flag : List.of("rdrand", "rdseed")) {
                if (!host.cpuFlags().contains(flag)) {
                    lacking.add(flag.toUpperCase(Locale.ROOT));
                }
            }
            if (!lacking.isEmpty() && !host.cpuFlags().isEmpty()) {
                findings.add(new HostLacks("CONFIG_LIBUKRANDOM", "the image has CONFIG_LIBUKRANDOM, which needs RDRAND and RDSEED at boot;"
                        + " this host's CPU has no " + String.join(" or ", lacking) + " for KVM to give the guest",
                        "run it elsewhere, or turn libukrandom off if the application needs no random numbers:"
                                + "  uknative config set CONFIG_LIBUKRANDOM=n"));
            }
        } else if (!emulates) {
            findings.add(new HostLacks("CONFIG_LIBUKRANDOM", "the image has CONFIG_LIBUKRANDOM, which needs RDSEED at boot; QEMU "
                    + host.qemu() + " cannot emulate it without KVM; QEMU " + TCG_RDSEED + " or newer can",
                    "run it with KVM, or with QEMU " + TCG_RDSEED + " or newer (--qemu PATH), or turn libukrandom off if the"
                            + " application needs no random numbers:  uknative config set CONFIG_LIBUKRANDOM=n"));
        }
        return accelerator;
    }

    /** A requirement of one flag: missing options, or, with no configuration, a flag that cannot be checked. */
    private static void require(List<Finding> findings, Optional<Map<String, String>> config, String flag, String why, List<Option> options) {
        // An int option asked for with 0 (its default suffices) is no requirement.
        List<Option> needed = options.stream().filter(o -> o.atLeast() > 0 || o.fallback() == 0).toList();
        if (config.isEmpty()) {
            findings.add(new Unchecked(flag, needed.stream().map(Option::describe).collect(Collectors.joining(", "))));
            return;
        }
        List<Option> lacking = needed.stream().filter(o -> !o.holds(config.get())).toList();
        if (!lacking.isEmpty()) {
            findings.add(new Missing(flag, lacking, why));
        }
    }

    private static boolean anyOn(Map<String, String> config, List<String> symbols) {
        return symbols.stream().anyMatch(s -> "y".equals(config.get(s)));
    }

    /** {@code A} for one value, {@code A -e B} for more: the flag as the user wrote it. */
    private static String flags(List<String> values, String flag) {
        return String.join(" " + flag + " ", values);
    }

    private static long roundUpToMiB(long bytes) {
        long mib = 1L << 20;
        return (bytes + mib - 1) / mib * mib;
    }

    private static String mib(long bytes) {
        return (bytes >> 20) + "M";
    }

    private static String kib(long bytes) {
        return (bytes + 1023) / 1024 + " KiB";
    }
}
