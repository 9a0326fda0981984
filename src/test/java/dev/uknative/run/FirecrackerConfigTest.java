package dev.uknative.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FirecrackerConfigTest {

    private static final Path KERNEL = Path.of("/p/.unikraft/build/hello_fc-x86_64");

    @Test
    void writesTheFileFirecrackerBootsFromWithoutAnApi() throws Exception {
        FirecrackerConfig config = new FirecrackerConfig(KERNEL, "hello_fc-x86_64 -- a", Optional.empty(), 2, 128, List.of());
        assertThat(config.json()).isEqualTo("""
                {
                  "boot-source" : {
                    "kernel_image_path" : "/p/.unikraft/build/hello_fc-x86_64",
                    "boot_args" : "hello_fc-x86_64 -- a"
                  },
                  "drives" : [ ],
                  "machine-config" : {
                    "vcpu_count" : 2,
                    "mem_size_mib" : 128
                  },
                  "network-interfaces" : [ ]
                }
                """);
    }

    @Test
    void takesKernelNameArgumentsMemoryAndCpusFromTheMachine() throws Exception {
        MachineSpec machine = MachineSpec.builder(KERNEL).memory("1G").cpus(3)
                .commandLine(KernelCommandLine.of(List.of("netdev.ip=10.0.0.2/24"), java.util.Map.of("A", "b c"), List.of(), List.of("x")))
                .initrd(Optional.of(Path.of("/p/initrd.cpio"))).build();
        JsonNode json = new ObjectMapper().readTree(FirecrackerConfig.of(machine, List.of()).json());

        // Unikraft reads the first word as argv[0], as kraft writes it
        assertThat(json.at("/boot-source/boot_args").asText())
                .isEqualTo("hello_fc-x86_64 netdev.ip=10.0.0.2/24 env.vars=[ \"A=b c\" ] -- x");
        assertThat(json.at("/boot-source/initrd_path").asText()).isEqualTo("/p/initrd.cpio");
        assertThat(json.at("/machine-config/mem_size_mib").asLong()).isEqualTo(1024);
        assertThat(json.at("/machine-config/vcpu_count").asInt()).isEqualTo(3);
    }

    @Test
    void anEmptyCommandLineLeavesOnlyTheKernelName() {
        MachineSpec machine = MachineSpec.builder(KERNEL).memory("64M").build();
        assertThat(FirecrackerConfig.of(machine, List.of()).bootArgs()).isEqualTo("hello_fc-x86_64");
    }

    @Test
    void bindsInterfacesToHostTaps() throws Exception {
        FirecrackerConfig config = new FirecrackerConfig(KERNEL, "k", Optional.empty(), 1, 64, List.of(
                new FirecrackerConfig.NetworkInterface("eth0", "tap0", Optional.of("AA:FC:00:00:00:01")),
                new FirecrackerConfig.NetworkInterface("eth1", "tap1", Optional.empty())));
        JsonNode interfaces = new ObjectMapper().readTree(config.json()).get("network-interfaces");
        assertThat(interfaces).hasSize(2);
        assertThat(interfaces.get(0).get("iface_id").asText()).isEqualTo("eth0");
        assertThat(interfaces.get(0).get("host_dev_name").asText()).isEqualTo("tap0");
        assertThat(interfaces.get(0).get("guest_mac").asText()).isEqualTo("AA:FC:00:00:00:01");
        assertThat(interfaces.get(1).has("guest_mac")).isFalse();
    }

    @Test
    void quotesWhatJsonNeedsQuoted() throws Exception {
        String args = "k \"quoted\" back\\slash";
        FirecrackerConfig config = new FirecrackerConfig(Path.of("/a b/k\"1"), args, Optional.empty(), 1, 64, List.of());
        JsonNode json = new ObjectMapper().readTree(config.json());
        assertThat(json.at("/boot-source/boot_args").asText()).isEqualTo(args);
        assertThat(json.at("/boot-source/kernel_image_path").asText()).isEqualTo("/a b/k\"1");
    }

    @Test
    void refusesWhatFirecrackerWouldRefuse() {
        assertThatThrownBy(() -> new FirecrackerConfig(KERNEL, "k", Optional.empty(), 33, 64, List.of()))
                .hasMessageContaining("1 to 32 vCPUs");
        assertThatThrownBy(() -> new FirecrackerConfig(KERNEL, "k", Optional.empty(), 1, 0, List.of()))
                .hasMessageContaining("memory");
    }

    @Test
    void startsFirecrackerOnTheFileWithNoApiSocket() {
        assertThat(FirecrackerRunner.arguments(Path.of("/usr/bin/firecracker"), Path.of("/p/.unikraft/fc.json")))
                .containsExactly("/usr/bin/firecracker", "--no-api", "--config-file", "/p/.unikraft/fc.json");
    }

    @Test
    void firecrackerEndsAreToldApart() {
        RunOutcome stopped = FirecrackerRunner.classify(0, false, List.of(), List.of("Hello world!"), "");
        assertThat(stopped.exitStatus()).isZero();
        assertThat(stopped.message()).hasValueSatisfying(m -> assertThat(m).contains("no exit status"));

        RunOutcome late = FirecrackerRunner.classify(143, true, List.of(), List.of(), "30s");
        assertThat(late.exitStatus()).isEqualTo(124);
        assertThat(late.message()).hasValueSatisfying(m -> assertThat(m).contains("after 30s"));

        RunOutcome refused = FirecrackerRunner.classify(152, false, List.of("", "Configuration error: bad kernel"), List.of(), "");
        assertThat(refused.exitStatus()).isEqualTo(5);
        assertThat(refused.message()).hasValue("Firecracker exited with status 152: Configuration error: bad kernel");
        assertThat(refused.hint()).hasValueSatisfying(h -> assertThat(h).contains("--config-file"));
    }
}
