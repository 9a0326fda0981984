package dev.uknative.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.uknative.core.ExitCode;
import dev.uknative.core.UknativeException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GdbServerTest {

    @Test
    void aPortAloneListensOnTheLoopbackAndAnAddressIsKept() {
        assertThat(GdbServer.parse("1234")).isEqualTo(new GdbServer("127.0.0.1", 1234));
        assertThat(GdbServer.parse("0.0.0.0:1234")).isEqualTo(new GdbServer("0.0.0.0", 1234));
        assertThat(GdbServer.parse("[::1]:9000")).isEqualTo(new GdbServer("[::1]", 9000));
        assertThat(GdbServer.parse("0.0.0.0:1234").target()).as("gdb connects to where it can").isEqualTo("127.0.0.1:1234");
    }

    @Test
    void malformedOrOutOfRangePortsAreUsageErrors() {
        for (String bad : List.of("", "abc", "1234:", "host:port", "70000", "0", "1.2.3.4:99999")) {
            assertThatThrownBy(() -> GdbServer.parse(bad)).as(bad).isInstanceOf(UknativeException.class)
                    .satisfies(e -> assertThat(((UknativeException) e).exitCode()).isEqualTo(ExitCode.USAGE));
        }
    }

    @Test
    void qemuStartsHaltedWithItsServerAndGdbGetsTheSymbolsAndTheTarget() {
        GdbServer server = GdbServer.parse("1234");
        List<String> qemu = MachineSpec.builder(Path.of("/k/hello_qemu-x86_64")).gdb(Optional.of(server)).build()
                .arguments(Path.of("qemu-system-x86_64"));

        assertThat(qemu).containsSubsequence("-S", "-gdb", "tcp:127.0.0.1:1234");
        assertThat(MachineSpec.builder(Path.of("/k/hello")).build().arguments(Path.of("qemu"))).doesNotContain("-S", "-gdb");
        List<String> gdb = server.gdbArguments(Path.of("gdb"), Path.of("/my apps/hello_qemu-x86_64.dbg"), List.of("hbreak main", "continue"));
        assertThat(gdb).containsExactly("gdb", "-q", "/my apps/hello_qemu-x86_64.dbg", "-ex", "target remote 127.0.0.1:1234",
                "-ex", "hbreak main", "-ex", "continue");
        assertThat(GdbServer.shellLine(gdb))
                .isEqualTo("gdb -q '/my apps/hello_qemu-x86_64.dbg' -ex 'target remote 127.0.0.1:1234' -ex 'hbreak main' -ex continue");
        assertThat(GdbServer.shellLine(List.of("it's"))).isEqualTo("'it'\\''s'");
    }
}
