package dev.uknative.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.uknative.core.ExitCode;
import dev.uknative.core.UknativeException;
import dev.uknative.process.ToolLocator;
import dev.uknative.project.Architecture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CrossCompilerTest {

    @TempDir
    Path bin;

    @Test
    void arm64OnAnX86HostUsesUnikraftsDefaultPrefix() throws IOException {
        Path gcc = executable("aarch64-linux-gnu-gcc");

        CrossCompiler found = CrossCompiler.find(Architecture.ARM64, Architecture.X86_64, Optional.empty(), new ToolLocator(bin.toString()));

        assertThat(found.prefix()).isEqualTo("aarch64-linux-gnu-");
        assertThat(found.compiler()).contains(gcc);
    }

    @Test
    void aMissingCrossCompilerIsAnEnvironmentErrorNamingTheDebianPackage() {
        UknativeException e = catchThrowableOfType(() -> CrossCompiler.find(Architecture.ARM64, Architecture.X86_64, Optional.empty(),
                new ToolLocator(bin.toString())), UknativeException.class);

        assertThat(e.exitCode()).isEqualTo(ExitCode.ENVIRONMENT);
        assertThat(e.getMessage()).isEqualTo("building for arm64 needs a cross compiler: aarch64-linux-gnu-gcc was not found on PATH");
        assertThat(e.hint()).get().asString().contains("sudo apt-get install gcc-aarch64-linux-gnu").contains("CROSS_COMPILE");
    }

    @Test
    void crossCompileNamesAnotherToolchain() throws IOException {
        Path gcc = executable("aarch64-none-elf-gcc");

        CrossCompiler found = CrossCompiler.find(Architecture.ARM64, Architecture.X86_64, Optional.of("aarch64-none-elf-"),
                new ToolLocator(bin.toString()));
        UknativeException wrong = catchThrowableOfType(() -> CrossCompiler.find(Architecture.ARM64, Architecture.X86_64,
                Optional.of("aarch64-typo-"), new ToolLocator(bin.toString())), UknativeException.class);

        assertThat(found.compiler()).contains(gcc);
        assertThat(wrong.exitCode()).isEqualTo(ExitCode.ENVIRONMENT);
        assertThat(wrong.getMessage()).contains("CROSS_COMPILE=aarch64-typo-").contains("aarch64-typo-gcc was not found");
    }

    @Test
    void theHostsOwnArchitectureNeedsNoPrefix() {
        CrossCompiler host = CrossCompiler.find(Architecture.X86_64, Architecture.X86_64, Optional.empty(), new ToolLocator(bin.toString()));

        assertThat(host.prefix()).isEmpty();
        assertThat(CrossCompiler.debianPackage(Architecture.X86_64)).isEqualTo("gcc-x86-64-linux-gnu");
    }

    private Path executable(String name) throws IOException {
        Path file = Files.writeString(bin.resolve(name), "#!/bin/false\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }
}
