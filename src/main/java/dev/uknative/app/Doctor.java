package dev.uknative.app;

import dev.uknative.core.UknativeException;
import dev.uknative.foreign.Toolchains;
import dev.uknative.process.LineSink;
import dev.uknative.process.OutputSink;
import dev.uknative.process.ProcessResult;
import dev.uknative.process.ProcessSpec;
import dev.uknative.project.KconfigEntry;
import dev.uknative.project.Kraftfile;
import dev.uknative.project.KraftfileReader;
import dev.uknative.project.NativeLibrary;
import dev.uknative.run.ImageCheck;
import dev.uknative.run.ImageFacts;
import dev.uknative.run.QemuVersion;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * {@code uknative doctor}: whether this host has what the project in a folder needs to be built and
 * run. {@link #gather} looks at the host (programs, versions, /dev/kvm, free space) and returns plain
 * values; {@link #decide} turns them into one {@link Check} per need, each with the Debian command
 * that installs what is missing. Nothing is written.
 */
public final class Doctor {

    /** Free space below which the cache cannot hold a Unikraft release, its build and a toolchain cache. */
    public static final long CACHE_NEEDS_BYTES = 512L << 20;

    /** How a check ended: found, missing (fails the doctor when needed), or a note that fails nothing. */
    public enum Status { OK, MISSING, NOTE }

    /**
     * One line of the report.
     *
     * @param name   what was checked ({@code make}, {@code QEMU}, {@code KVM} …)
     * @param status found, missing or a note
     * @param detail what was found, or why it matters
     * @param fix    the command (or step) that fixes a missing need
     * @param needed whether the project cannot be built or run without it
     */
    public record Check(String name, Status status, String detail, Optional<String> fix, boolean needed) {
        static Check ok(String name, String detail) {
            return new Check(name, Status.OK, detail, Optional.empty(), true);
        }

        static Check missing(String name, String detail, String fix) {
            return new Check(name, Status.MISSING, detail, Optional.of(fix), true);
        }

        static Check note(String name, String detail, Optional<String> fix) {
            return new Check(name, Status.NOTE, detail, fix, false);
        }

        /** Whether this check fails the doctor. */
        public boolean fails() {
            return needed && status == Status.MISSING;
        }
    }

    /** The report: the project folder and its checks, in the order they are shown. */
    public record Report(Path directory, List<Check> checks) {
        public Report {
            checks = List.copyOf(checks);
        }

        /** Whether everything needed is there. */
        public boolean healthy() {
            return checks.stream().noneMatch(Check::fails);
        }
    }

    /** A program found on this host: where, and the first line of its version output. */
    public record Program(Path path, String version) {
    }

    /** A toolchain of {@code native:} libraries: found, or the message and install step of its absence. */
    public record Toolchain(Optional<Program> program, String problem, String install) {
    }

    /**
     * What the project asks of the host; empty {@code kraftfile} when the folder has none.
     *
     * @param randomOff whether the Kraftfile sets {@code CONFIG_LIBUKRANDOM} to n (then no RDSEED is needed)
     */
    public record ProjectFacts(Optional<Path> kraftfile, Optional<String> problem, Set<NativeLibrary.Language> natives,
            boolean randomOff) {
        public ProjectFacts {
            natives = natives.isEmpty() ? Set.of() : Set.copyOf(natives);
        }

        static ProjectFacts none() {
            return new ProjectFacts(Optional.empty(), Optional.empty(), Set.of(), false);
        }
    }

    /** KVM on this host: the device, whether it opens for reading and writing, the KVM modules loaded. */
    public record KvmFacts(boolean device, boolean usable, Set<String> modules) {
        public KvmFacts {
            modules = Set.copyOf(modules);
        }

        boolean hardware() {
            return modules.contains("kvm_intel") || modules.contains("kvm_amd");
        }
    }

    /**
     * Everything {@link #decide} looks at, as found on a host.
     *
     * @param programs   make, gcc, ld, ar, git, flex, bison, qemu-system-x86_64, and for arm64
     *                   aarch64-linux-gnu-gcc and qemu-system-aarch64, when found, by name
     * @param qemu       the version QEMU printed
     * @param cpuRdseed  whether the host CPU has RDSEED (what KVM passes to the guest)
     * @param toolchains zig, cargo: only those the project's {@code native:} libraries need
     */
    public record HostFacts(ProjectFacts project, Map<String, Program> programs, Optional<QemuVersion> qemu, KvmFacts kvm,
            boolean cpuRdseed, Path cache, long cacheFreeBytes, Map<String, Toolchain> toolchains) {
        public HostFacts {
            programs = Map.copyOf(programs);
            toolchains = Map.copyOf(toolchains);
        }
    }

    private static final List<String> PROGRAMS = List.of("make", "gcc", "ld", "ar", "git", "flex", "bison", "qemu-system-x86_64",
            "aarch64-linux-gnu-gcc", "qemu-system-aarch64");

    private final Services services;

    public Doctor(Services services) {
        this.services = services;
    }

    /** Looks at this host for the project in {@code directory} and decides. */
    public Report check(Path directory) {
        return new Report(directory, decide(gather(directory)));
    }

    /** What this host has, as plain values. */
    public HostFacts gather(Path directory) {
        ProjectFacts project = project(directory);
        Map<String, Program> programs = new TreeMap<>();
        for (String name : PROGRAMS) {
            services.tools().find(name).ifPresent(path -> programs.put(name, new Program(path, version(path, "--version"))));
        }
        Optional<QemuVersion> qemu = Optional.ofNullable(programs.get("qemu-system-x86_64")).flatMap(p -> QemuVersion.parse(p.version()));
        Set<String> modules = new java.util.TreeSet<>();
        for (String module : List.of("kvm", "kvm_intel", "kvm_amd", "kvm_pvm")) {
            if (Files.isDirectory(Path.of("/sys/module", module))) {
                modules.add(module);
            }
        }
        Path kvmDevice = Path.of("/dev/kvm");
        KvmFacts kvm = new KvmFacts(Files.exists(kvmDevice), opens(kvmDevice), modules);
        Path cache = Paths.cacheHome();
        Map<String, Toolchain> toolchains = new TreeMap<>();
        Toolchains found = Toolchains.fromEnvironment(cache);
        if (project.natives().contains(NativeLibrary.Language.ZIG)) {
            toolchains.put("zig", toolchain(found::zig, "version"));
        }
        if (project.natives().contains(NativeLibrary.Language.RUST)) {
            toolchains.put("cargo", toolchain(found::cargo, "--version"));
        }
        return new HostFacts(project, programs, qemu, kvm, ImageFacts.cpuFlags(Path.of("/proc/cpuinfo")).contains("rdseed"), cache, freeBytes(cache), toolchains);
    }

    /** One check per need of the project on a host with {@code facts}. */
    public static List<Check> decide(HostFacts facts) {
        List<Check> checks = new ArrayList<>();
        ProjectFacts project = facts.project();
        if (project.problem().isPresent()) {
            checks.add(Check.missing("Kraftfile", project.problem().get(), "fix the Kraftfile (uknative build shows where)"));
        } else if (project.kraftfile().isPresent()) {
            checks.add(Check.ok("Kraftfile", project.kraftfile().get().toString()));
        } else {
            checks.add(Check.note("Kraftfile", "none here: checking what any C unikernel needs", Optional.empty()));
        }
        checks.add(program(facts, "make", "make", "make"));
        checks.add(program(facts, "gcc", "gcc", "gcc"));
        Program ld = facts.programs().get("ld");
        Program ar = facts.programs().get("ar");
        checks.add(ld != null && ar != null ? Check.ok("binutils", ld.version())
                : Check.missing("binutils", (ld == null ? "ld" : "ar") + " not found on PATH", install("binutils")));
        Program git = facts.programs().get("git");
        checks.add(git != null ? Check.ok("git", git.version())
                : Check.note("git", "not found: the image's version will not name its commit",
                        Optional.of(install("git"))));
        checks.add(qemu(facts));
        checks.add(kvm(facts.kvm()));
        checks.add(rdseed(facts));
        checks.add(arm64(facts));
        for (Map.Entry<String, Toolchain> t : facts.toolchains().entrySet()) {
            Toolchain toolchain = t.getValue();
            checks.add(toolchain.program().map(p -> Check.ok(t.getKey(), p.version() + " (" + p.path() + ")"))
                    .orElseGet(() -> Check.missing(t.getKey(), "not found; the native: libraries need it",
                            toolchain.install())));
        }
        if (!facts.programs().containsKey("flex") || !facts.programs().containsKey("bison")) {
            checks.add(Check.note("flex, bison", "not needed: uknative configures with its own Kconfig engine", Optional.empty()));
        }
        String free = gib(facts.cacheFreeBytes()) + " free in " + facts.cache();
        checks.add(facts.cacheFreeBytes() >= CACHE_NEEDS_BYTES ? Check.ok("cache", free)
                : Check.missing("cache", free + "; a release, its build and toolchain caches need about " + gib(CACHE_NEEDS_BYTES),
                        "free space there (uknative cache prune), or set XDG_CACHE_HOME to a larger disk"));
        return checks;
    }

    private static Check program(HostFacts facts, String name, String program, String debianPackage) {
        Program p = facts.programs().get(program);
        return p != null ? Check.ok(name, p.version()) : Check.missing(name, program + " not found on PATH", install(debianPackage));
    }

    private static Check qemu(HostFacts facts) {
        Program p = facts.programs().get("qemu-system-x86_64");
        if (p == null) {
            return Check.missing("QEMU", "qemu-system-x86_64 not found on PATH", install("qemu-system-x86"));
        }
        if (facts.qemu().isEmpty()) {
            return Check.missing("QEMU", p.path() + " --version did not print a QEMU version", install("qemu-system-x86"));
        }
        QemuVersion v = facts.qemu().get();
        if (v.compareTo(QemuVersion.MINIMUM) < 0) {
            return Check.missing("QEMU", "QEMU " + v + " at " + p.path() + "; uknative needs " + QemuVersion.MINIMUM + " or newer",
                    install("qemu-system-x86"));
        }
        return Check.ok("QEMU", "QEMU " + v + " (" + p.path() + ")");
    }

    /**
     * What qemu/arm64 targets need beyond the rest: the cross compiler Unikraft's make uses on an
     * x86_64 host and the AArch64 QEMU. A note when either is missing: x86_64 projects need neither.
     */
    static Check arm64(HostFacts facts) {
        String name = "arm64";
        Program gcc = facts.programs().get("aarch64-linux-gnu-gcc");
        Program qemu = facts.programs().get("qemu-system-aarch64");
        if (gcc != null && qemu != null) {
            String qemuVersion = QemuVersion.parse(qemu.version()).map(v -> "QEMU " + v).orElse(qemu.path().toString());
            return Check.ok(name, "aarch64-linux-gnu-gcc, " + qemuVersion + " (qemu-system-aarch64)");
        }
        List<String> packages = new ArrayList<>();
        if (gcc == null) {
            packages.add("gcc-aarch64-linux-gnu");
        }
        if (qemu == null) {
            packages.add("qemu-system-arm");
        }
        return Check.note(name, (gcc == null ? "no aarch64-linux-gnu-gcc (or CROSS_COMPILE)" : "no qemu-system-aarch64")
                + (gcc == null && qemu == null ? ", no qemu-system-aarch64" : "") + ": only for qemu/arm64 targets",
                Optional.of(install(String.join(" ", packages))));
    }

    private static Check kvm(KvmFacts kvm) {
        Optional<String> none = Optional.empty();
        if (kvm.modules().contains("kvm_pvm") && !kvm.hardware()) {
            return Check.note("KVM", "kvm_pvm (paravirtualised) cannot run Unikraft: QEMU's TCG is used", none);
        }
        if (!kvm.device()) {
            return Check.note("KVM", "no /dev/kvm: QEMU's software emulation (TCG) is used", none);
        }
        if (!kvm.hardware()) {
            return Check.note("KVM", "/dev/kvm without kvm_intel or kvm_amd: TCG is used", none);
        }
        String module = kvm.modules().contains("kvm_intel") ? "kvm_intel" : "kvm_amd";
        if (!kvm.usable()) {
            return Check.note("KVM", module + ", but /dev/kvm does not open for you: TCG is used",
                    Optional.of("sudo adduser $USER kvm  (then log in again)"));
        }
        return Check.ok("KVM", "/dev/kvm usable (" + module + ")");
    }

    private static Check rdseed(HostFacts facts) {
        String name = "RDSEED";
        boolean kvm = facts.kvm().usable() && facts.kvm().hardware();
        if (kvm) {
            return facts.cpuRdseed() ? Check.ok(name, "KVM passes the CPU's RDSEED on (libukrandom boots)")
                    : Check.note(name, "the CPU has no RDSEED: libukrandom images cannot boot",
                            Optional.of("set  CONFIG_LIBUKRANDOM: n  in the Kraftfile's unikraft.kconfig"));
        }
        Optional<QemuVersion> qemu = facts.qemu();
        if (qemu.isPresent() && qemu.get().compareTo(ImageCheck.TCG_RDSEED) >= 0) {
            return Check.ok(name, "QEMU " + qemu.get() + " emulates it (libukrandom boots)");
        }
        String lacks = qemu.map(v -> "QEMU " + v).orElse("this QEMU") + " lacks it without KVM (" + ImageCheck.TCG_RDSEED + "+ has it)";
        if (facts.project().kraftfile().isEmpty() || facts.project().problem().isPresent()) {
            return Check.note(name, lacks + ": libukrandom images cannot boot", Optional.empty());
        }
        if (facts.project().randomOff()) {
            return Check.note(name, lacks + "; the project has no libukrandom", Optional.empty());
        }
        return Check.missing(name, lacks + "; CONFIG_LIBUKRANDOM (default y) needs it",
                "set  CONFIG_LIBUKRANDOM: n  in the Kraftfile's unikraft.kconfig, or use QEMU " + ImageCheck.TCG_RDSEED + "+");
    }

    /** The Debian command that installs {@code debianPackage}. */
    static String install(String debianPackage) {
        return "sudo apt-get install " + debianPackage;
    }

    private static String gib(long bytes) {
        return String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30));
    }

    private ProjectFacts project(Path directory) {
        Path kraftfilePath;
        try {
            kraftfilePath = KraftfileReader.locate(directory);
        } catch (UknativeException e) {
            if (Files.isDirectory(directory) && KraftfileReader.FILE_NAMES.stream().noneMatch(n -> Files.exists(directory.resolve(n)))) {
                return ProjectFacts.none();
            }
            return new ProjectFacts(Optional.empty(), Optional.of(e.getMessage()), Set.of(), false);
        }
        try {
            Kraftfile k = new KraftfileReader().read(kraftfilePath);
            Set<NativeLibrary.Language> natives = EnumSet.noneOf(NativeLibrary.Language.class);
            k.natives().forEach(n -> natives.add(n.language()));
            boolean randomOff = randomOff(k.unikraft().kconfig()) || !k.targets().isEmpty() && k.targets().stream()
                    .allMatch(t -> randomOff(t.kconfig()));
            return new ProjectFacts(Optional.of(kraftfilePath), Optional.empty(), natives, randomOff);
        } catch (UknativeException e) {
            return new ProjectFacts(Optional.of(kraftfilePath), Optional.of(e.location().map(l -> l + ": ").orElse("") + e.getMessage()),
                    Set.of(), false);
        }
    }

    private static boolean randomOff(List<KconfigEntry> kconfig) {
        return kconfig.stream().filter(e -> e.symbol().equals("CONFIG_LIBUKRANDOM"))
                .reduce((a, b) -> b).map(e -> e.value().equals("n")).orElse(false);
    }

    private Toolchain toolchain(Supplier<Path> find, String versionFlag) {
        try {
            Path path = find.get();
            return new Toolchain(Optional.of(new Program(path, version(path, versionFlag))), "", "");
        } catch (UknativeException e) {
            return new Toolchain(Optional.empty(), e.getMessage(), e.hint().orElse(""));
        }
    }

    private String version(Path program, String flag) {
        List<String> lines = new ArrayList<>();
        try {
            ProcessResult result = services.processes().run(ProcessSpec.of(List.of(program.toString(), flag), Path.of("."))
                    .withTimeout(Duration.ofSeconds(20)).withMergedStderr(), new LineSink(lines::add), OutputSink.DISCARD);
            return lines.isEmpty() || !result.succeeded() ? "found at " + program : lines.get(0).strip();
        } catch (UknativeException e) {
            return "found at " + program + " (" + e.getMessage() + ")";
        }
    }

    private static boolean opens(Path device) {
        // Without CREATE: probing must never create the device file.
        try (FileChannel channel = FileChannel.open(device, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            return true;
        } catch (IOException | SecurityException | UnsupportedOperationException e) {
            return false;
        }
    }

    private static long freeBytes(Path cache) {
        Path existing = cache.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        try {
            return existing == null ? 0 : Files.getFileStore(existing).getUsableSpace();
        } catch (IOException e) {
            return 0;
        }
    }
}
