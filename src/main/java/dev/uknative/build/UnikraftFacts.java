package dev.uknative.build;

import dev.uknative.process.LineSink;
import dev.uknative.process.OutputSink;
import dev.uknative.process.ProcessResult;
import dev.uknative.process.ProcessRunner;
import dev.uknative.process.ProcessSpec;
import dev.uknative.process.ToolLocator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What Unikraft's Makefile learns from the host before it configures: the tree's git revision
 * (support/scripts/gitsha1, part of UK_FULLVERSION) and the compiler's target (HOSTARCH). Asked of git
 * and gcc with argument lists, as the Makefile asks them through its shell. Not final: tests of the
 * build's decisions answer for the host.
 */
class UnikraftFacts {

    private final ProcessRunner processes;
    private final ToolLocator tools;
    /** One command's answers: configuring and the provider index's key ask for the same trees. */
    private final Map<Path, String> gitSha1s = new HashMap<>();
    private String compilerDescription;

    UnikraftFacts(ProcessRunner processes, ToolLocator tools) {
        this.processes = processes;
        this.tools = tools;
    }

    /** What gitsha1 prints in {@code tree}: {@code ~<short sha>}, {@code ~<sha>-custom}, or nothing outside git. */
    String gitSha1(Path tree) {
        return gitSha1s.computeIfAbsent(tree.toAbsolutePath().normalize(), this::askGit);
    }

    private String askGit(Path tree) {
        if (tools.find("git").isEmpty()) {
            return "";
        }
        List<String> sha = output(List.of("git", "rev-parse", "--short", "HEAD"), tree);
        if (sha.isEmpty() || sha.get(0).isBlank()) {
            return "";
        }
        List<String> modified = output(List.of("git", "ls-files", "-m"), tree);
        return "~" + sha.get(0).strip() + (modified.stream().anyMatch(l -> !l.isBlank()) ? "-custom" : "");
    }

    /** {@code gcc -v}'s whole output, from which the Makefile reads HOSTARCH. */
    String compilerDescription() {
        if (compilerDescription == null) {
            compilerDescription = String.join("\n", output(List.of(tools.require("gcc", "gcc").toString(), "-v"), Path.of("/")));
        }
        return compilerDescription;
    }

    private List<String> output(List<String> command, Path directory) {
        List<String> lines = new ArrayList<>();
        ProcessSpec spec = ProcessSpec.of(command, directory).withMergedStderr()
                .withEnvironment(Map.of("LC_ALL", "C")).withTimeout(Duration.ofSeconds(30));
        ProcessResult result = processes.run(spec, new LineSink(lines::add), OutputSink.DISCARD);
        return result.succeeded() ? lines : List.of();
    }
}
