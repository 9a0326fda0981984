package dev.uknative.build;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.Collections;

/**
 * One call of Unikraft's build system: {@code make -C <unikraft> A= L= O= C= N= [-jN] [VAR=value…]
 * [goals]}. Unikraft refuses relative paths for A, L, O and C, so every path is made absolute here.
 *
 * @param libraries  external libraries ({@code L=}, colon-separated); omitted when empty
 * @param jobs       {@code -j}; 0 leaves it out
 * @param variables  extra {@code VAR=value} arguments on make's command line, in name order
 * @param goals      make goals; empty builds the images
 */
public record MakeInvocation(
        Path unikraft,
        Path application,
        List<Path> libraries,
        Path buildDirectory,
        Path config,
        String name,
        int jobs,
        Map<String, String> variables,
        List<String> goals) {

    public MakeInvocation {
        unikraft = absolute(unikraft);
        application = absolute(application);
        libraries = libraries.stream().map(MakeInvocation::absolute).toList();
        buildDirectory = absolute(buildDirectory);
        config = absolute(config);
        Objects.requireNonNull(name, "name");
        if (jobs < 0) {
            throw new IllegalArgumentException("jobs must not be negative: " + jobs);
        }
        variables = Collections.unmodifiableSortedMap(new TreeMap<>(variables));
        goals = List.copyOf(goals);
    }

    public MakeInvocation withGoals(List<String> newGoals, Map<String, String> newVariables) {
        return new MakeInvocation(unikraft, application, libraries, buildDirectory, config, name, jobs, newVariables, newGoals);
    }

    /** The argument list, starting with {@code make}'s own path. */
    public List<String> arguments(Path make) {
        List<String> args = new ArrayList<>();
        args.add(make.toString());
        args.add("-C");
        args.add(unikraft.toString());
        args.add("A=" + application);
        if (!libraries.isEmpty()) {
            args.add("L=" + String.join(":", libraries.stream().map(Path::toString).toList()));
        }
        args.add("O=" + buildDirectory);
        args.add("C=" + config);
        args.add("N=" + name);
        if (jobs > 0) {
            args.add("-j" + jobs);
        }
        variables.forEach((k, v) -> args.add(k + "=" + v));
        args.addAll(goals);
        return args;
    }

    private static Path absolute(Path p) {
        return p.toAbsolutePath().normalize();
    }
}
