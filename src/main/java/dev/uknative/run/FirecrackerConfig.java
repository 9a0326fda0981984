package dev.uknative.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The microVM configuration Firecracker boots from with {@code --no-api --config-file FILE}: the same
 * settings kraftkit's Firecracker driver sends through the API socket one request at a time (boot
 * source with the kernel and its command line, machine config with vCPUs and memory, network
 * interfaces bound to host taps). Field names are Firecracker's ({@code src/vmm/src/resources.rs},
 * {@code tests/framework/vm_config.json}).
 *
 * @param kernel            {@code boot-source.kernel_image_path}, absolute
 * @param bootArgs          {@code boot-source.boot_args}: the whole kernel command line
 * @param initrd            {@code boot-source.initrd_path}
 * @param vcpus             {@code machine-config.vcpu_count}, 1 to 32
 * @param memoryMib         {@code machine-config.mem_size_mib}
 * @param networkInterfaces {@code network-interfaces}, each an existing host tap
 */
public record FirecrackerConfig(Path kernel, String bootArgs, Optional<Path> initrd, int vcpus, long memoryMib,
        List<NetworkInterface> networkInterfaces) {

    /** Firecracker's limit on {@code vcpu_count}. */
    public static final int MAX_VCPUS = 32;

    /**
     * One {@code network-interfaces} entry.
     *
     * @param id         {@code iface_id}, e.g. {@code eth0}
     * @param hostDevice {@code host_dev_name}: the host tap the guest's interface is bound to
     * @param guestMac   {@code guest_mac}, when not Firecracker's choice
     */
    public record NetworkInterface(String id, String hostDevice, Optional<String> guestMac) {
        public NetworkInterface {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(hostDevice, "hostDevice");
            Objects.requireNonNull(guestMac, "guestMac");
        }
    }

    public FirecrackerConfig {
        Objects.requireNonNull(kernel, "kernel");
        Objects.requireNonNull(bootArgs, "bootArgs");
        Objects.requireNonNull(initrd, "initrd");
        if (vcpus < 1 || vcpus > MAX_VCPUS) {
            throw new IllegalArgumentException("Firecracker takes 1 to " + MAX_VCPUS + " vCPUs, not " + vcpus);
        }
        if (memoryMib < 1) {
            throw new IllegalArgumentException("memory below 1 MiB: " + memoryMib);
        }
        networkInterfaces = List.copyOf(networkInterfaces);
    }

    /**
     * The configuration of a machine: its memory rounded down to whole MiB, and as boot arguments the
     * kernel's file name followed by the command line, as kraftkit writes them (Unikraft takes the
     * first word as {@code argv[0]}; QEMU's multiboot loader puts the kernel's path there itself).
     */
    public static FirecrackerConfig of(MachineSpec machine, List<NetworkInterface> networkInterfaces) {
        String name = machine.kernel().getFileName().toString();
        String args = machine.commandLine().isEmpty() ? name : name + " " + machine.commandLine();
        return new FirecrackerConfig(machine.kernel(), args, machine.initrd(), machine.cpus(),
                MachineSpec.memoryBytes(machine.memory()) / (1024 * 1024), networkInterfaces);
    }

    /** The configuration file's text: JSON, two-space indented, keys in Firecracker's documented order. */
    public String json() {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        ObjectNode boot = root.putObject("boot-source");
        boot.put("kernel_image_path", kernel.toString());
        boot.put("boot_args", bootArgs);
        initrd.ifPresent(i -> boot.put("initrd_path", i.toString()));
        root.putArray("drives");
        ObjectNode machine = root.putObject("machine-config");
        machine.put("vcpu_count", vcpus);
        machine.put("mem_size_mib", memoryMib);
        ArrayNode interfaces = root.putArray("network-interfaces");
        for (NetworkInterface n : networkInterfaces) {
            ObjectNode entry = interfaces.addObject();
            entry.put("iface_id", n.id());
            n.guestMac().ifPresent(mac -> entry.put("guest_mac", mac));
            entry.put("host_dev_name", n.hostDevice());
        }
        try {
            return mapper.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain values always serialises", e);
        }
    }
}
