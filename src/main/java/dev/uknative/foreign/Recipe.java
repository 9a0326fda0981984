package dev.uknative.foreign;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How one {@code native:} library is built, composed by its language's adapter without running
 * anything: the commands in order, the variables they get, the files they read, and where the last
 * one leaves the static library.
 *
 * @param description     what the user is told ("zig build-lib, ReleaseSafe")
 * @param versionCommands the commands whose output identifies the toolchain (recorded in the stamp)
 * @param environment     added to the inherited environment of every command
 * @param inputs          every source file the commands read, for the stamp
 * @param product         the archive the commands write; or a folder holding exactly one {@code lib*.a}
 *                        (cargo names the file after the crate)
 */
record Recipe(String description, List<List<String>> versionCommands, List<List<String>> commands,
              Map<String, String> environment, Path workingDirectory, List<Path> inputs, Path product) {

    Recipe {
        Objects.requireNonNull(description, "description");
        versionCommands = versionCommands.stream().map(List::copyOf).toList();
        commands = commands.stream().map(List::copyOf).toList();
        if (commands.isEmpty()) {
            throw new IllegalArgumentException("a recipe needs at least one command");
        }
        environment = Map.copyOf(environment);
        Objects.requireNonNull(workingDirectory, "workingDirectory");
        inputs = List.copyOf(inputs);
        Objects.requireNonNull(product, "product");
    }
}
