package dev.uknative.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;

/**
 * One detached machine's folder and the files in it. Each file has one writer, and every state file
 * is replaced atomically:
 *
 * <pre>
 * machine.properties     the definition: name, image, QEMU argument list, status file, time limit (run -d)
 * supervisor.properties  the supervisor's pid, start time and executable (the supervisor)
 * qemu.properties        QEMU's pid, start time and executable (the supervisor)
 * end.properties         how and when the machine ended (the supervisor, or stop when the supervisor is gone)
 * stop-requested         present once uknative stop began stopping it (stop)
 * console.log            the serial console (the supervisor, as QEMU writes it)
 * qemu.log               QEMU's own messages
 * supervisor.log         the supervisor's output (its errors, if any)
 * status                 the guest's COM2: the application's exit status
 * qmp.sock               QEMU's QMP control socket
 * </pre>
 */
public record MachineDirectory(Path path) {

    public MachineDirectory {
        Objects.requireNonNull(path, "path");
    }

    public Path definitionFile() {
        return path.resolve("machine.properties");
    }

    public Path supervisorFile() {
        return path.resolve("supervisor.properties");
    }

    public Path qemuFile() {
        return path.resolve("qemu.properties");
    }

    public Path endFile() {
        return path.resolve("end.properties");
    }

    public Path stopRequestFile() {
        return path.resolve("stop-requested");
    }

    public Path console() {
        return path.resolve("console.log");
    }

    public Path qemuLog() {
        return path.resolve("qemu.log");
    }

    public Path supervisorLog() {
        return path.resolve("supervisor.log");
    }

    public Path statusFile() {
        return path.resolve("status");
    }

    public Path qmpSocket() {
        return path.resolve("qmp.sock");
    }

    /** The definition; empty when it is missing or unreadable (a folder that is no machine's). */
    public Optional<MachineDefinition> definition() {
        return StateFiles.read(definitionFile()).flatMap(MachineDirectory::definition);
    }

    public void writeDefinition(MachineDefinition definition) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("format", "1");
        p.put("name", definition.name().value());
        p.put("image", definition.image().toString());
        p.put("created", definition.created().toString());
        QemuInvocation invocation = definition.invocation();
        p.put("qemu.directory", invocation.workingDirectory().toString());
        p.put("qemu.arguments", Integer.toString(invocation.arguments().size()));
        for (int i = 0; i < invocation.arguments().size(); i++) {
            p.put("qemu.argument." + i, invocation.arguments().get(i));
        }
        invocation.statusFile().ifPresent(f -> p.put("qemu.status", f.toString()));
        invocation.timeout().ifPresent(t -> p.put("qemu.timeout.ms", Long.toString(t.toMillis())));
        definition.log().ifPresent(f -> p.put("log", f.toString()));
        StateFiles.write(definitionFile(), p);
    }

    public Optional<ProcessRecord> supervisor() {
        return StateFiles.read(supervisorFile()).flatMap(MachineDirectory::processRecord);
    }

    public void writeSupervisor(ProcessRecord record) {
        StateFiles.write(supervisorFile(), properties(record));
    }

    public Optional<ProcessRecord> qemu() {
        return StateFiles.read(qemuFile()).flatMap(MachineDirectory::processRecord);
    }

    public void writeQemu(ProcessRecord record) {
        StateFiles.write(qemuFile(), properties(record));
    }

    public Optional<MachineEnd> end() {
        return StateFiles.read(endFile()).flatMap(MachineDirectory::end);
    }

    public void writeEnd(MachineEnd end) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("state", end.state().name());
        end.exitStatus().ifPresent(s -> p.put("exit", Integer.toString(s)));
        end.message().ifPresent(m -> p.put("message", m));
        p.put("ended", end.ended().toString());
        StateFiles.write(endFile(), p);
    }

    public boolean stopRequested() {
        return Files.exists(stopRequestFile());
    }

    public void requestStop(Instant when) {
        StateFiles.write(stopRequestFile(), when + "\n");
    }

    private static Optional<MachineDefinition> definition(Properties p) {
        try {
            int count = Integer.parseInt(p.getProperty("qemu.arguments", "0"));
            List<String> arguments = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                arguments.add(Objects.requireNonNull(p.getProperty("qemu.argument." + i), "qemu.argument." + i));
            }
            QemuInvocation invocation = new QemuInvocation(arguments, Path.of(p.getProperty("qemu.directory")),
                    Optional.ofNullable(p.getProperty("qemu.status")).map(Path::of),
                    Optional.ofNullable(p.getProperty("qemu.timeout.ms")).map(ms -> Duration.ofMillis(Long.parseLong(ms))));
            return Optional.of(new MachineDefinition(new MachineName(p.getProperty("name")), Path.of(p.getProperty("image")),
                    Instant.parse(p.getProperty("created")), invocation, Optional.ofNullable(p.getProperty("log")).map(Path::of)));
        } catch (RuntimeException e) {
            // Missing keys, bad numbers or dates: not a definition this version wrote.
            return Optional.empty();
        }
    }

    private static Map<String, String> properties(ProcessRecord record) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("pid", Long.toString(record.pid()));
        record.started().ifPresent(s -> p.put("started", s.toString()));
        record.command().ifPresent(c -> p.put("command", c));
        return p;
    }

    private static Optional<ProcessRecord> processRecord(Properties p) {
        try {
            return Optional.of(new ProcessRecord(Long.parseLong(p.getProperty("pid")),
                    Optional.ofNullable(p.getProperty("started")).map(Instant::parse),
                    Optional.ofNullable(p.getProperty("command"))));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<MachineEnd> end(Properties p) {
        try {
            return Optional.of(new MachineEnd(MachineState.valueOf(p.getProperty("state")),
                    p.getProperty("exit") == null ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(p.getProperty("exit"))),
                    Optional.ofNullable(p.getProperty("message")),
                    Instant.parse(p.getProperty("ended"))));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
