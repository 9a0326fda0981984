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
 * One virtual machine to start: the kernel image and what QEMU gives it. Built with {@link #builder(Path)}.
 *
 * @param memory      QEMU's {@code -m} value, validated: a number with an optional K, M or G suffix
 * @param cpus        virtual CPUs ({@code -smp})
 * @param commandLine the kernel command line ({@code -append}); empty for none
 * @param statusFile  where the guest's second serial port (COM2) is written: uknative's exit-status
 *                    library reports {@code main}'s return value and {@code exit()}'s status there;
 *                    {@link #QEMU_STDERR} sends COM2 to QEMU's stderr, which {@link Runner} reads anyway
 * @param qmpSocket   a QMP control socket, for machines stopped from another process
 * @param gdb         QEMU's gdb server: the machine starts halted and waits for gdb
 * @param system      the QEMU system emulator: the image's architecture decides its machine and devices
 */
public record MachineSpec(
        Path kernel,
        String memory,
        int cpus,
        Accelerator accelerator,
        String commandLine,
        Optional<Path> initrd,
        List<Volume> volumes,
        List<PortForward> ports,
        Optional<Path> statusFile,
        Optional<Path> qmpSocket,
        Optional<Duration> timeout,
        Optional<GdbServer> gdb,
        QemuSystem system) {

    /** A number of at most 10 digits (no overflow below), then K, M or G, optionally followed by B or iB. */
    private static final Pattern MEMORY = Pattern.compile("([1-9][0-9]{0,9})(?:([KMGkmg])(?:i?[Bb])?)?");

    /** The port Unikraft writes its halt (41) or crash (42) code to; QEMU exits with code*2+1. */
    public static final String DEBUG_EXIT_DEVICE = "isa-debug-exit,iobase=0x501,iosize=2";

    /**
     * The status "file" of a run that needs none: QEMU opens its own stderr (a pipe to {@link Runner})
     * for COM2. Nothing is left on disk, whatever ends the run.
     */
    public static final Path QEMU_STDERR = Path.of("/dev/stderr");

    public MachineSpec {
        Objects.requireNonNull(kernel, "kernel");
        memory = normaliseMemory(memory);
        if (cpus < 1 || cpus > 255) {
            throw UknativeException.usage("--cpus " + cpus + " is out of range", "give between 1 and 255");
        }
        Objects.requireNonNull(accelerator, "accelerator");
        Objects.requireNonNull(commandLine, "commandLine");
        Objects.requireNonNull(initrd, "initrd");
        volumes = List.copyOf(volumes);
        ports = List.copyOf(ports);
        Objects.requireNonNull(statusFile, "statusFile");
        Objects.requireNonNull(qmpSocket, "qmpSocket");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(gdb, "gdb");
        Objects.requireNonNull(system, "system");
    }

    public static Builder builder(Path kernel) {
        return new Builder(kernel);
    }

    /** Collects a machine's settings; defaults: x86_64, 64M, one CPU, TCG, no command line, no devices. */
    public static final class Builder {
        private final Path kernel;
        private String memory = "64M";
        private int cpus = 1;
        private Accelerator accelerator = Accelerator.TCG;
        private String commandLine = "";
        private Optional<Path> initrd = Optional.empty();
        private List<Volume> volumes = List.of();
        private List<PortForward> ports = List.of();
        private Optional<Path> statusFile = Optional.empty();
        private Optional<Path> qmpSocket = Optional.empty();
        private Optional<Duration> timeout = Optional.empty();
        private Optional<GdbServer> gdb = Optional.empty();
        private QemuSystem system = QemuSystem.X86_64;

        private Builder(Path kernel) {
            this.kernel = kernel;
        }

        public Builder memory(String value) {
            this.memory = value;
            return this;
        }

        public Builder cpus(int value) {
            this.cpus = value;
            return this;
        }

        public Builder accelerator(Accelerator value) {
            this.accelerator = value;
            return this;
        }

        public Builder commandLine(String value) {
            this.commandLine = value;
            return this;
        }

        public Builder initrd(Optional<Path> value) {
            this.initrd = value;
            return this;
        }

        public Builder volumes(List<Volume> value) {
            this.volumes = value;
            return this;
        }

        public Builder ports(List<PortForward> value) {
            this.ports = value;
            return this;
        }

        public Builder statusFile(Optional<Path> value) {
            this.statusFile = value;
            return this;
        }

        /** COM2 goes to QEMU's stderr, where {@link Runner} picks the status out: no file at all. */
        public Builder statusOnQemuStderr() {
            this.statusFile = Optional.of(QEMU_STDERR);
            return this;
        }

        public Builder qmpSocket(Optional<Path> value) {
            this.qmpSocket = value;
            return this;
        }

        public Builder timeout(Optional<Duration> value) {
            this.timeout = value;
            return this;
        }

        public Builder gdb(Optional<GdbServer> value) {
            this.gdb = value;
            return this;
        }

        /** The image's architecture, which picks the QEMU machine ({@link QemuSystem}). */
        public Builder architecture(dev.uknative.project.Architecture value) {
            this.system = QemuSystem.of(value);
            return this;
        }

        public MachineSpec build() {
            return new MachineSpec(kernel, memory, cpus, accelerator, commandLine, initrd, volumes, ports, statusFile, qmpSocket, timeout, gdb,
                    system);
        }
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

    /** A size as {@link #normaliseMemory} accepts it, in bytes. */
    public static long memoryBytes(String text) {
        String normalised = normaliseMemory(text);
        long number = Long.parseLong(normalised.substring(0, normalised.length() - 1));
        return number << switch (normalised.charAt(normalised.length() - 1)) {
            case 'K' -> 10;
            case 'G' -> 30;
            default -> 20;
        };
    }

    /** The QEMU argument list, starting with the QEMU binary. */
    public List<String> arguments(Path qemu) {
        List<String> args = new ArrayList<>(List.of(
                qemu.toString(),
                "-m", memory,
                "-smp", Integer.toString(cpus),
                "-nodefaults",
                "-display", "none",
                "-serial", "stdio"));
        statusFile.ifPresent(file -> {
            // x86_64: the second -serial is COM2 (I/O port 0x2f8); arm64: the semihosting console.
            args.addAll(List.of("-chardev", "file,id=" + QemuSystem.STATUS_CHARDEV + ",path=" + escape(file.toString())));
            args.addAll(system.statusArguments());
        });
        args.add("-no-reboot");
        args.addAll(system.haltArguments());
        args.addAll(system.machineArguments(accelerator));
        qmpSocket.ifPresent(socket -> args.addAll(List.of("-qmp", "unix:" + escape(socket.toString()) + ",server=on,wait=off")));
        args.add("-kernel");
        args.add(kernel.toString());
        initrd.ifPresent(file -> {
            args.add("-initrd");
            args.add(file.toString());
        });
        if (!commandLine.isEmpty()) {
            args.add("-append");
            args.add(commandLine);
        }
        for (Volume volume : volumes) {
            args.addAll(volume.arguments(system));
        }
        if (!ports.isEmpty()) {
            StringBuilder netdev = new StringBuilder("user,id=net0");
            for (PortForward port : ports) {
                netdev.append(',').append(port.hostfwd());
            }
            args.addAll(List.of("-netdev", netdev.toString(), "-device", system.virtioDevice("net") + ",netdev=net0"));
        }
        gdb.ifPresent(server -> args.addAll(server.qemuArguments()));
        return args;
    }

    /** QEMU's option syntax: a comma inside a value is written twice. */
    static String escape(String value) {
        return value.replace(",", ",,");
    }
}
