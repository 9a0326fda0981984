package dev.uknative.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MakeInvocationTest {

    private static final Path MAKE = Path.of("/usr/bin/make");

    @Test
    void fullArgumentList() {
        MakeInvocation make = new MakeInvocation(
                Path.of("/work/unikraft"),
                Path.of("/work/app"),
                List.of(Path.of("/work/libs/lib-musl"), Path.of("/work/libs/lib-lwip")),
                Path.of("/work/app/.unikraft/build"),
                Path.of("/work/app/.config.hello_qemu-x86_64"),
                "hello",
                4,
                Map.of("UK_DEFCONFIG", "/work/app/.unikraft/build/uknative/hello.defconfig", "V", "1", "A_FIRST", "x"),
                List.of("defconfig"));

        assertThat(make.arguments(MAKE)).containsExactly(
                "/usr/bin/make",
                "-C", "/work/unikraft",
                "A=/work/app",
                "L=/work/libs/lib-musl:/work/libs/lib-lwip",
                "O=/work/app/.unikraft/build",
                "C=/work/app/.config.hello_qemu-x86_64",
                "N=hello",
                "-j4",
                "A_FIRST=x",
                "UK_DEFCONFIG=/work/app/.unikraft/build/uknative/hello.defconfig",
                "V=1",
                "defconfig");
    }

    @Test
    void noLibrariesNoJobsNoVariablesNoGoals() {
        MakeInvocation make = new MakeInvocation(Path.of("/uk"), Path.of("/app"), List.of(), Path.of("/app/build"),
                Path.of("/app/.config"), "hello", 0, Map.of(), List.of());

        assertThat(make.arguments(MAKE)).containsExactly(
                "/usr/bin/make", "-C", "/uk", "A=/app", "O=/app/build", "C=/app/.config", "N=hello");
    }

    @Test
    void relativePathsAreMadeAbsoluteAndNormal() {
        Path cwd = Path.of("").toAbsolutePath();
        MakeInvocation make = new MakeInvocation(Path.of("../unikraft"), Path.of("app/./"), List.of(Path.of("libs/x/../lib-a")),
                Path.of("app/build"), Path.of("app/.config"), "hello", 1, Map.of(), List.of("all"));

        assertThat(make.arguments(Path.of("make"))).containsExactly(
                "make",
                "-C", cwd.resolve("../unikraft").normalize().toString(),
                "A=" + cwd.resolve("app"),
                "L=" + cwd.resolve("libs/lib-a"),
                "O=" + cwd.resolve("app/build"),
                "C=" + cwd.resolve("app/.config"),
                "N=hello",
                "-j1",
                "all");
        assertThat(make.unikraft()).isAbsolute();
    }

    @Test
    void withGoalsKeepsEverythingElse() {
        MakeInvocation make = new MakeInvocation(Path.of("/uk"), Path.of("/app"), List.of(Path.of("/lib")), Path.of("/o"),
                Path.of("/c"), "n", 2, Map.of("V", "1"), List.of("defconfig"));

        MakeInvocation other = make.withGoals(List.of("clean", "all"), Map.of());

        assertThat(other.arguments(MAKE)).containsExactly(
                "/usr/bin/make", "-C", "/uk", "A=/app", "L=/lib", "O=/o", "C=/c", "N=n", "-j2", "clean", "all");
        assertThat(make.goals()).containsExactly("defconfig");
    }

    @Test
    void variablesCannotBeChangedFromOutside() {
        MakeInvocation make = new MakeInvocation(Path.of("/uk"), Path.of("/app"), List.of(), Path.of("/o"),
                Path.of("/c"), "n", 0, Map.of("V", "1"), List.of());

        assertThatThrownBy(() -> make.variables().put("X", "1")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(make.arguments(MAKE)).doesNotContain("X=1");
    }

    @Test
    void negativeJobsAreRefused() {
        assertThatThrownBy(() -> new MakeInvocation(Path.of("/uk"), Path.of("/app"), List.of(), Path.of("/o"),
                Path.of("/c"), "n", -1, Map.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
